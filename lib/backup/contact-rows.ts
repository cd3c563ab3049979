import { z } from 'zod';
import { t, tn } from '../i18n';
import { Email, NAME_MAX, NOTE_MAX } from '../schema';

/** One person read from a CSV or vCard file, before it is matched against the database. */
const longer = (max: number) => ({ error: () => tn('backup.rowTooLong', max) });
export const ContactRow = z.object({
  name: z.string().trim().min(1, { error: () => t('backup.rowNoName') }).max(NAME_MAX, longer(NAME_MAX)),
  emails: z
    .array(Email)
    .min(1, { error: () => t('backup.rowNoEmail') })
    .max(50, { error: () => tn('backup.rowTooManyEmails', 50) })
    .transform((xs) => [...new Set(xs)]),
  phone: z.string().trim().max(50, longer(50)).optional(),
  title: z.string().trim().max(NAME_MAX, longer(NAME_MAX)).optional(),
  company: z.string().trim().max(NAME_MAX, longer(NAME_MAX)).optional(),
  notes: z.string().trim().max(NOTE_MAX, longer(NOTE_MAX)).optional(),
  tags: z.array(z.string().trim().min(1).max(50, longer(50))).max(100, { error: () => tn('backup.rowTooManyTags', 100) }).default([]),
});
export type ContactRow = z.output<typeof ContactRow>;

export interface BrokenRow {
  /** 1-based: data row of a CSV (after the header), or card number of a vCard file. */
  row: number;
  /** The person's name as the file gives it, so that the user knows who was skipped. */
  name?: string;
  field?: string;
  message: string;
}

export interface ParsedContacts {
  rows: (ContactRow & { row: number })[];
  broken: BrokenRow[];
}

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Validates one candidate; the name falls back to the first address. */
export function checkRow(row: number, raw: { name?: string; emails: string[]; phone?: string; title?: string; company?: string; notes?: string; tags?: string[] }, out: ParsedContacts): void {
  const emails = raw.emails.map((e) => e.trim()).filter(Boolean);
  const candidate = {
    name: blankToUndefined(raw.name) ?? emails[0] ?? '',
    emails,
    phone: blankToUndefined(raw.phone),
    title: blankToUndefined(raw.title),
    company: blankToUndefined(raw.company),
    notes: blankToUndefined(raw.notes),
    tags: (raw.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
  };
  const r = ContactRow.safeParse(candidate);
  if (r.success) out.rows.push({ ...r.data, row });
  else {
    const name = blankToUndefined(raw.name);
    for (const i of r.error.issues.slice(0, 3)) out.broken.push({ row, ...(name ? { name: name.slice(0, 100) } : {}), field: i.path.map(String).join('.') || undefined, message: i.message });
  }
}
