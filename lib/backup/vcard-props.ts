/** One content line of a card: `[group.]NAME;PARAM=value;…:value`. Names upper-cased. */
export interface VProp {
  name: string;
  params: Record<string, string[]>;
  value: string;
  /** 1-based line of the file where the property starts. */
  line: number;
}

// vCard 2.1 writes some parameters bare ("TEL;CELL;QUOTED-PRINTABLE:"): these are encodings, the rest types.
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT', 'B']);

const paramsPart = (line: string) => line.slice(0, line.indexOf(':') + 1);
const isQuotedPrintable = (line: string) => /QUOTED-PRINTABLE/i.test(paramsPart(line));
const isBase64 = (line: string) => /[;=,](BASE64|B)[;:,]/i.test(paramsPart(line));

/**
 * Joins the physical lines of a card into content lines: folded lines (a leading space or tab,
 * vCard 3.0 and 4.0), quoted-printable soft breaks (a trailing "=", vCard 2.1 and Outlook) and
 * the unindented base64 lines of a vCard 2.1 photo. Blank lines are dropped. Pieces are joined
 * once at the end: growing one string line by line made a long soft-broken value quadratic.
 */
export function contentLines(lines: { text: string; line: number }[]): { text: string; line: number }[] {
  const out: { parts: string[]; line: number }[] = [];
  let qp = false;
  let b64 = false;
  let softBreak = false;
  for (const { text, line } of lines) {
    const last = out[out.length - 1];
    if (last && qp && softBreak) last.parts.push(text);
    else if (last && /^[ \t]/.test(text)) last.parts.push(text.slice(1));
    else if (!text.trim()) b64 = false;
    else if (last && b64 && !text.includes(':')) last.parts.push(text.trim());
    else {
      out.push({ parts: [text], line });
      qp = isQuotedPrintable(text);
      b64 = isBase64(text);
    }
    softBreak = qp && text.endsWith('=');
    if (softBreak) out[out.length - 1]!.parts.push(out[out.length - 1]!.parts.pop()!.slice(0, -1));
  }
  return out.map(({ parts, line }) => ({ text: parts.join(''), line }));
}

function addParam(params: Record<string, string[]>, key: string, value: string | undefined) {
  const k = value === undefined ? (BARE_ENCODINGS.has(key.toUpperCase()) ? 'ENCODING' : 'TYPE') : key.toUpperCase();
  const values = (value ?? key).split(',').map((v) => v.trim()).filter(Boolean);
  (params[k] ??= []).push(...values);
}

/** One content line, or undefined when it is not `NAME[;params]:value` (a card that cannot be read). */
export function parseProp(text: string, line: number): VProp | undefined {
  const head = /^\s*(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/.exec(text);
  if (!head) return undefined;
  const params: Record<string, string[]> = {};
  let i = head[0].length;
  while (text[i] === ';') {
    let key = '';
    let value: string | undefined;
    let quoted = false;
    for (i++; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') quoted = false;
        else value += ch;
      } else if (ch === '"' && value !== undefined) quoted = true;
      else if (ch === ';' || ch === ':') break;
      else if (ch === '=' && value === undefined) value = '';
      else if (value === undefined) key += ch;
      else value += ch;
    }
    if (quoted) return undefined;
    if (key.trim()) addParam(params, key.trim(), value);
  }
  if (text[i] !== ':') return undefined;
  return { name: head[1]!.toUpperCase(), params, value: text.slice(i + 1), line };
}
