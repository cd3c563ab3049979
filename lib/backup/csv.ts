import Papa from 'papaparse';
import { t } from '../i18n';
import type { Contact } from '../schema';
import { checkRow, type ParsedContacts } from './contact-rows';

const MAX_CSV_BYTES = 20 * 1024 ** 2;

const get = (r: Record<string, string>, ...keys: string[]) => keys.map((k) => r[k]).find((v) => v && v.trim());
const numbered = (r: Record<string, string>, pattern: RegExp) =>
  Object.keys(r)
    .filter((k) => pattern.test(k))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0] ?? 0) - Number(/\d+/.exec(b)?.[0] ?? 0))
    .flatMap((k) => (r[k] ?? '').split(':::'))
    .map((v) => v.trim())
    .filter(Boolean);

function fullName(r: Record<string, string>): string | undefined {
  const parts = ['First Name', 'Given Name', 'Middle Name', 'Additional Name', 'Last Name', 'Family Name'].map((k) => r[k]?.trim()).filter(Boolean);
  return get(r, 'Name') ?? (parts.join(' ') || get(r, 'File As', 'Nickname'));
}

/**
 * Google Contacts ("Google CSV": "E-mail 1 - Value", "Organization Name"; and the older
 * "Organization 1 - Name" headers) and Outlook ("E-mail Address", "Company", "Job Title").
 */
export function parseContactsCsv(text: string): ParsedContacts {
  const out: ParsedContacts = { rows: [], broken: [] };
  if (text.length > MAX_CSV_BYTES) return { rows: [], broken: [{ row: 0, message: t('backup.contactsOver20Mb') }] };
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const headers = parsed.meta.fields ?? [];
  const google = headers.some((h) => /^E-mail \d+ - Value$/.test(h));
  const outlook = headers.includes('E-mail Address');
  if (!google && !outlook) return { rows: [], broken: [{ row: 0, message: t('backup.csvNoHeaders') }] };
  // papaparse counts an unclosed quote one row past the row it swallowed: that row is the last one.
  for (const e of parsed.errors) {
    if (e.row === undefined) continue;
    const message = e.code === 'MissingQuotes' ? t('backup.csvUnclosedQuote') : t('backup.csvProblem', { problem: e.message });
    out.broken.push({ row: Math.min(e.row + 1, parsed.data.length), message });
  }
  const badRows = new Set(out.broken.map((b) => b.row));
  parsed.data.forEach((r, i) => {
    if (badRows.has(i + 1)) return;
    const phones = google ? numbered(r, /^Phone \d+ - Value$/) : ['Mobile Phone', 'Business Phone', 'Primary Phone', 'Home Phone'].map((k) => r[k]?.trim() ?? '').filter(Boolean);
    const extraPhones = phones.slice(1).length ? t('backup.otherPhones', { phones: phones.slice(1).join(', ') }) : '';
    checkRow(i + 1, {
      name: fullName(r),
      emails: google ? numbered(r, /^E-mail \d+ - Value$/) : ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'].map((k) => r[k] ?? ''),
      phone: phones[0],
      title: google ? get(r, 'Organization Title', 'Organization 1 - Title') : get(r, 'Job Title'),
      company: google ? get(r, 'Organization Name', 'Organization 1 - Name') : get(r, 'Company'),
      notes: [get(r, 'Notes'), extraPhones].filter(Boolean).join('\n\n'),
      tags: google
        ? (get(r, 'Labels', 'Group Membership') ?? '').split(':::').map((tag) => tag.replace(/^\*\s*/, '').trim()).filter((tag) => tag && tag !== 'myContacts')
        : (get(r, 'Categories') ?? '').split(';'),
    }, out);
  });
  return out;
}

/**
 * Characters that make a spreadsheet read a cell as a formula: = + - @ and their full-width forms,
 * which Excel also takes in East Asian locales, at the start of the cell or of any line in it
 * (a spreadsheet that splits the cell at line breaks would run what follows one).
 */
const FORMULA_START = /(^|[\r\n])[\s\u00a0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as text a spreadsheet will not run: prefixed with ' when it could start a formula. */
export function neutralizeFormula(cell: string): string {
  return /^[\t\r]/.test(cell) || FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Contacts as CSV, every cell neutralized (papaparse's own escaping misses line breaks and full-width signs). */
export function contactsToCsv(contacts: Contact[], companyName: (id: string | undefined) => string | undefined): string {
  return Papa.unparse(
    contacts.map((c) =>
      Object.fromEntries(
        Object.entries({
          Name: c.name,
          'E-mail Addresses': c.emails.join(' ; '),
          Company: companyName(c.companyId) ?? '',
          Title: c.title ?? '',
          Phone: c.phone ?? '',
          Tags: c.tags.join(' ; '),
          Notes: c.notes ?? '',
        }).map(([k, v]) => [k, neutralizeFormula(v)]),
      ),
    ),
    { newline: '\r\n' },
  );
}
