/** The encodings contact files arrive in, named as the preview shows them. */
export type TextEncodingName = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** U+FFFD characters left in the text: bytes no encoding could read, or a file damaged before. */
  unreadable: number;
}

const decode = (label: string, bytes: Uint8Array, fatal = false) => new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);

// Windows-1252's letters and signs at 0x80-0x9F (€ ‚ ƒ „ … – — š œ Ÿ …). Node 20's TextDecoder
// (which the unit tests run on) reads windows-1252 as Latin-1 and gives C1 controls there;
// browsers already give these characters, so mapping them again changes nothing.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
const fixCp1252 = (text: string) => text.replace(/[\x80-\x9F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * UTF-16 without a BOM (some exporters drop it): text that is mostly ASCII has a zero in every
 * other byte. UTF-8 would accept those zeros and give a name of NULs, so it is ruled out first.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even === 0) return 'utf-16le';
  if (even > pairs * 0.4 && odd === 0) return 'utf-16be';
  return undefined;
}

/**
 * Bytes of a CSV or vCard file as text: UTF-8 with or without BOM, UTF-16 LE/BE (Outlook writes
 * a BOM), else Windows-1252, which older Outlook and Excel write and which accepts any byte.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [a, b, c] = bytes;
  let text: string;
  let encoding: TextEncodingName;
  const utf16 = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : bomlessUtf16(bytes);
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    text = decode('utf-8', bytes);
    encoding = 'UTF-8 with BOM';
  } else if (utf16) {
    text = decode(utf16, bytes);
    encoding = utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  } else {
    try {
      text = decode('utf-8', bytes, true);
      encoding = 'UTF-8';
    } catch {
      text = fixCp1252(decode('windows-1252', bytes));
      encoding = 'Windows-1252';
    }
  }
  let unreadable = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) unreadable++;
  return { text, encoding, unreadable };
}
