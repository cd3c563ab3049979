import { t } from '../i18n';
import { checkRow, type ParsedContacts } from './contact-rows';
import { contentLines, parseProp, type VProp } from './vcard-props';
import { splitCards, type RawCard } from './vcard-split';
import { plainPhone, rawValue, splitUnescaped, unescape } from './vcard-values';

export { decodeQuotedPrintable } from './vcard-values';

const MAX_VCF_BYTES = 20 * 1024 ** 2;
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** The properties of one card, read with the escaping rules of its version. */
class Card {
  readonly v21: boolean;
  constructor(private readonly props: VProp[]) {
    this.v21 = this.first('VERSION')?.value.trim() === '2.1';
  }
  first(name: string): VProp | undefined {
    return this.props.find((p) => p.name === name);
  }
  all(name: string): VProp[] {
    return this.props.filter((p) => p.name === name);
  }
  text(p: VProp | undefined): string | undefined {
    return p ? unescape(rawValue(p), this.v21) : undefined;
  }
  /** A structured value (N, ORG): its components, each possibly a comma list, joined with spaces. */
  parts(p: VProp | undefined): string[] {
    if (!p) return [];
    return splitUnescaped(rawValue(p), ';').map((c) => splitUnescaped(c, ',').map((x) => unescape(x, this.v21).trim()).filter(Boolean).join(' '));
  }
  list(p: VProp): string[] {
    const raw = rawValue(p);
    const items = this.v21 ? splitUnescaped(raw, ';').flatMap((x) => splitUnescaped(x, ',')) : splitUnescaped(raw, ',');
    return items.map((x) => unescape(x, this.v21));
  }
  name(): string | undefined {
    const fn = this.text(this.first('FN'))?.trim();
    if (fn) return fn;
    const [family, given, additional] = this.parts(this.first('N'));
    return [given, additional, family].filter(Boolean).join(' ') || undefined;
  }
}

function readCard(raw: RawCard, out: ParsedContacts): void {
  const props: VProp[] = [];
  let bad: string | undefined;
  for (const { text, line } of contentLines(raw.lines)) {
    const p = parseProp(text, line);
    if (p) props.push(p);
    else bad ??= t('backup.vcardBadLine', { line, text: clip(text.trim()) });
  }
  const card = new Card(props);
  const name = card.name();
  const problem = raw.problem ?? bad;
  if (problem) {
    out.broken.push({ row: raw.number, ...(name ? { name } : {}), message: t('backup.vcardUnreadable', { problem }) });
    return;
  }
  const phones = card.all('TEL').map((p) => plainPhone(card.text(p) ?? '')).filter(Boolean);
  checkRow(raw.number, {
    name,
    emails: card.all('EMAIL').map((p) => (card.text(p) ?? '').trim().replace(/^mailto:/i, '')),
    phone: phones[0],
    title: card.text(card.first('TITLE')),
    company: card.parts(card.first('ORG'))[0],
    notes: [...card.all('NOTE').map((p) => card.text(p)), phones.length > 1 ? t('backup.otherPhones', { phones: phones.slice(1).join(', ') }) : undefined].filter(Boolean).join('\n\n'),
    tags: card.all('CATEGORIES').flatMap((p) => card.list(p)),
  }, out);
}

/**
 * vCard 2.1, 3.0 and 4.0: names, every address and phone, organization, title, notes, categories.
 * A card that cannot be read is listed with its number and name; the others are still read.
 */
export function parseVCards(input: string): ParsedContacts {
  const out: ParsedContacts = { rows: [], broken: [] };
  if (input.length > MAX_VCF_BYTES) return { rows: [], broken: [{ row: 0, message: t('backup.contactsOver20Mb') }] };
  const { cards, stray } = splitCards(input.replace(/^\uFEFF/, ''));
  if (cards.length === 0) out.broken.push({ row: 0, message: t('backup.vcardNone') });
  for (const card of cards) readCard(card, out);
  if (cards.length) {
    for (const { from, to } of stray) {
      out.broken.push({ row: 0, message: from === to ? t('backup.vcardStrayLine', { line: from }) : t('backup.vcardStrayLines', { from, to }) });
    }
  }
  return out;
}
