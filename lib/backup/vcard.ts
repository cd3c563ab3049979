import ICAL from 'ical.js';
import { checkRow, type ParsedContacts } from './contact-rows';

const MAX_VCF_BYTES = 20 * 1024 ** 2;

/**
 * Quoted-printable (RFC 2045), which vCard 2.1 and Outlook's 3.0 exports use for non-ASCII text.
 * ical.js unfolds lines but does not decode it.
 */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  const bytes: number[] = [];
  const raw = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < raw.length; i++) {
    const hex = raw.slice(i + 1, i + 3);
    if (raw[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(raw[i]!));
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

/** A quoted-printable value may continue on the next line after a trailing "=" (a soft break), unindented. */
function joinSoftBreaks(card: string): string {
  const out: string[] = [];
  let qp = false;
  for (const line of card.split(/\r?\n/)) {
    const last = out.length - 1;
    if (qp && out[last]!.endsWith('=')) out[last] = out[last]!.slice(0, -1) + line;
    else {
      out.push(line);
      qp = /^[^:]*ENCODING=QUOTED-PRINTABLE/i.test(line);
    }
  }
  return out.join('\r\n');
}

type Prop = InstanceType<typeof ICAL.Property>;
function text(p: Prop | null | undefined): string | undefined {
  if (!p) return undefined;
  // Commas split a vCard 3.0 text value into several; rejoin them.
  const values = p.getValues().map((v: unknown) => (Array.isArray(v) ? v.filter(Boolean).join(' ') : v == null ? '' : String(v)));
  if (values.length === 0) return undefined;
  const s = values.join(',');
  const enc = p.getParameter('encoding');
  return typeof enc === 'string' && enc.toUpperCase() === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(s, String(p.getParameter('charset') ?? 'utf-8')) : s;
}

/** vCard 2.1, 3.0 and 4.0: names, every address and phone, organization, title, notes, categories. */
export function parseVCards(input: string): ParsedContacts {
  const out: ParsedContacts = { rows: [], broken: [] };
  if (input.length > MAX_VCF_BYTES) return { rows: [], broken: [{ row: 0, message: 'The file is larger than 20 MB' }] };
  const cards = input.replace(/^\uFEFF/, '').match(/BEGIN:VCARD[\s\S]*?END:VCARD/gi) ?? [];
  if (cards.length === 0) out.broken.push({ row: 0, message: 'No vCard (BEGIN:VCARD … END:VCARD) found in this file' });
  cards.forEach((card, i) => {
    let comp: InstanceType<typeof ICAL.Component>;
    try {
      comp = new ICAL.Component(ICAL.parse(joinSoftBreaks(card)) as unknown as unknown[]);
    } catch (e) {
      out.broken.push({ row: i + 1, message: `not a readable vCard (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    const n = comp.getFirstProperty('n');
    const nParts = n ? (n.getFirstValue() as unknown) : undefined;
    const fromN = Array.isArray(nParts) ? [nParts[1], nParts[2], nParts[0]].flat().filter(Boolean).join(' ') : undefined;
    const phones = comp.getAllProperties('tel').map(text).filter((x): x is string => !!x);
    const org = comp.getFirstProperty('org');
    const orgValue = org?.getFirstValue() as unknown;
    const company = Array.isArray(orgValue) ? String(orgValue[0] ?? '') : text(org);
    checkRow(i + 1, {
      name: text(comp.getFirstProperty('fn')) ?? fromN,
      emails: comp.getAllProperties('email').map((p) => text(p) ?? '').map((e) => e.replace(/^mailto:/i, '')),
      phone: phones[0],
      title: text(comp.getFirstProperty('title')),
      company: company && org?.getParameter('encoding') ? decodeQuotedPrintable(company) : company,
      notes: [...comp.getAllProperties('note').map(text), phones.length > 1 ? `Other phones: ${phones.slice(1).join(', ')}` : undefined].filter(Boolean).join('\n\n'),
      tags: comp.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
    }, out);
  });
  return out;
}
