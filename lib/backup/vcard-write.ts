import type { Contact } from '../schema';

// RFC 6350 3.2 / RFC 2426 2.6: lines "SHOULD NOT be longer than 75 octets, excluding the line break".
const MAX_OCTETS = 75;

// Every line-break convention, including those Unicode-aware readers split lines at (VT, FF, NEL,
// U+2028, U+2029): one left raw would end the content line and let the rest read as new properties.
const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;
// The other C0 and C1 controls carry nothing a contact needs, and some readers stop at NUL. Tab stays: vCard allows it.
const CONTROL = /[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]/g;
// UTF-8 cannot encode a lone surrogate; counting octets needs to know what the encoder will write.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A continuation line reading END:VCARD after its blanks would end the card for readers that trim lines, vcard-split.ts among them.
const CARD_BOUNDARY = /^(\s*)(?:BEGIN|END)/i;

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
const octets = (s: string) => [...s].reduce((n, ch) => n + utf8Length(ch.codePointAt(0)!), 0);

/** A text value escaped per RFC 2426 5 / RFC 6350 3.4, so that it stays one value on one content line. */
function text(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, '')
    .replace(/[\\;,]/g, '\\$&')
    .replace(LINE_BREAK, '\\n');
}

/**
 * Where a continuation line starting at `start` must end so that it cannot read as BEGIN or END:
 * just after the word's first letter, which leaves "EGIN…" or "ND…" to the next line. -1 when the
 * word is out of this line's reach (the line is then all whitespace, which is harmless).
 */
function boundaryBreak(line: string, start: number, room: number): number {
  const m = CARD_BOUNDARY.exec(line.slice(start, start + room + 5));
  if (!m) return -1;
  const blank = m[1]!;
  return octets(blank) + 1 <= room ? start + blank.length + 1 : -1;
}

/** One content line folded at 75 octets of UTF-8, cut only between code points. */
function fold(line: string): string {
  const lines: string[] = [];
  let start = 0;
  let used = 0;
  let room = MAX_OCTETS;
  let breakAt = -1;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const size = utf8Length(cp);
    if (i === breakAt || used + size > room) {
      lines.push(line.slice(start, i));
      start = i;
      used = 0;
      // The leading space of a continuation line counts towards its 75 octets.
      room = MAX_OCTETS - 1;
      breakAt = boundaryBreak(line, i, room);
    }
    used += size;
    i += cp > 0xffff ? 2 : 1;
  }
  lines.push(line.slice(start));
  return lines.join('\r\n ');
}

/** Best effort only: FN carries the name as written, and importers show FN. */
function structuredName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const family = words.length > 1 ? words.pop()! : '';
  return `${text(family)};${text(words.join(' '))};;;`;
}

function card(c: Contact, company: string | undefined): string[] {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${text(c.name)}`, `N:${structuredName(c.name)}`];
  c.emails.forEach((email, i) => lines.push(`EMAIL;TYPE=INTERNET${i === 0 ? ';TYPE=PREF' : ''}:${text(email)}`));
  const optional = (name: string, value: string | undefined) => {
    const escaped = value ? text(value) : '';
    if (escaped) lines.push(`${name}:${escaped}`);
  };
  optional('TEL', c.phone);
  optional('ORG', company);
  optional('TITLE', c.title);
  optional('NOTE', c.notes);
  const tags = c.tags.map(text).filter(Boolean);
  if (tags.length) lines.push(`CATEGORIES:${tags.join(',')}`);
  lines.push('END:VCARD');
  return lines.map(fold);
}

/**
 * Contacts as vCard 3.0, the version Google Contacts, Outlook and iOS all import; deleted
 * contacts (tombstones) are left out. Mirrors contactsToCsv: `companyName` resolves companyId.
 */
export function contactsToVcard(contacts: Contact[], companyName: (id: string | undefined) => string | undefined): string {
  return contacts
    .filter((c) => c.deletedAt === undefined)
    .flatMap((c) => card(c, companyName(c.companyId)))
    .map((line) => `${line}\r\n`)
    .join('');
}
