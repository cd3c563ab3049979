import type { VProp } from './vcard-props';

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    return new TextDecoder();
  }
}

/**
 * Quoted-printable (RFC 2045), which vCard 2.1 and Outlook's 3.0 exports use for non-ASCII text.
 * Only the =XX bytes go through the charset: some phones leave accented letters raw in the
 * value, and those are already characters (the file was decoded as a whole).
 */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  const decoder = decoderFor(charset);
  const raw = value.replace(/=[ \t]*\r?\n/g, '');
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += decoder.decode(new Uint8Array(bytes));
    bytes = [];
  };
  for (let i = 0; i < raw.length; i++) {
    const hex = raw.slice(i + 1, i + 3);
    if (raw[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (raw.charCodeAt(i) < 0x80) bytes.push(raw.charCodeAt(i));
    else {
      flush();
      out += raw[i];
    }
  }
  flush();
  return out;
}

/** Splits at every `sep` not escaped by a backslash; the escapes stay for unescape(). */
export function splitUnescaped(value: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === sep) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** vCard 3.0 and 4.0 escape \n \, \; \\; vCard 2.1 only \; (its line breaks come quoted-printable). */
export function unescape(value: string, v21: boolean): string {
  const out = v21 ? value.replace(/\\;/g, ';') : value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  return out.replace(/\r\n?/g, '\n');
}

/** The property's value with its transfer encoding undone, escapes still in place. */
export function rawValue(p: VProp): string {
  const qp = p.params.ENCODING?.some((e) => e.toUpperCase() === 'QUOTED-PRINTABLE');
  return qp ? decodeQuotedPrintable(p.value, p.params.CHARSET?.[0]) : p.value;
}

/** A vCard 4.0 `tel:` URI (RFC 3966) as the number a person reads: `tel:+27-82-123-4567;ext=12` → `+27 82 123 4567 ext. 12`. */
export function plainPhone(value: string): string {
  const uri = /^\s*tel:(.*)$/i.exec(value);
  if (!uri) return value.trim();
  const [number = '', ...params] = uri[1]!.split(';');
  let decoded = number;
  try {
    decoded = decodeURIComponent(number);
  } catch {
    // A stray "%" is kept as written.
  }
  const ext = params.find((p) => /^ext=/i.test(p))?.slice(4);
  const plain = decoded.replace(/[-.]/g, ' ').replace(/\s+/g, ' ').trim();
  return ext ? `${plain} ext. ${ext}` : plain;
}
