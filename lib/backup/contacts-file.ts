import { ValidationError } from '../errors';
import { t } from '../i18n';
import { FileReadError } from './bytes';
import type { ParsedContacts } from './contact-rows';
import { decodeText, type TextEncodingName } from './text-encoding';

const MAX_BYTES = 20 * 1024 ** 2;

export interface ContactsFile extends ParsedContacts {
  format: 'CSV' | 'vCard';
  encoding: TextEncodingName;
  /** Characters no encoding could read (shown as U+FFFD), and the rows holding them. */
  unreadable: { count: number; rows: number[] };
}

const holdsReplacement = (r: ParsedContacts['rows'][number]) => Object.values(r).some((v) => (Array.isArray(v) ? v.join('') : String(v)).includes('\uFFFD'));

/** A Google / Outlook CSV or vCard file, decoded in whatever encoding it came in and read. */
export async function readContactsFile(file: Blob & { name: string }): Promise<ContactsFile> {
  if (file.size > MAX_BYTES) throw new ValidationError(t('backup.contactsFileOver20Mb'));
  const buffer = await file.arrayBuffer().catch(() => {
    throw new FileReadError();
  });
  const { text, encoding, unreadable } = decodeText(new Uint8Array(buffer));
  const vcard = /\.vcf$|\.vcard$/i.test(file.name) || /^\uFEFF?\s*BEGIN:VCARD/i.test(text);
  // The parsers load on demand: the sidebar frame shares the store that calls this.
  const parsed = vcard ? (await import('./vcard')).parseVCards(text) : (await import('./csv')).parseContactsCsv(text);
  return {
    ...parsed,
    format: vcard ? 'vCard' : 'CSV',
    encoding,
    unreadable: { count: unreadable, rows: unreadable ? parsed.rows.filter(holdsReplacement).map((r) => r.row) : [] },
  };
}
