import { t, tn } from '../i18n';
import { normalizeGmailIds } from '../record-gmail-ids';
import { sameShape } from './versions';
import { emptyData, findBadShape, MAX_NESTING, StrictSchemas, type BackupIssue, type BackupTable } from './format';

const MAX_ISSUES = 50;
const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;
/** When a machine wrote the record; occurredAt and dueAt may rightly lie in the future. */
const STAMPS = ['updatedAt', 'createdAt', 'deletedAt'] as const;

/** Values that repeat from row to row: a contact's id on each of its records, and the enums. */
const SHARED_FIELDS = ['contactId', 'companyId', 'dealId', 'kind', 'stage', 'currency', 'status'];

/**
 * Collects every bad row (up to MAX_ISSUES) instead of stopping at the first. The valid rows are
 * held until the import is applied, a million of them for a large book, so each is kept small:
 * the parsed object itself when zod's copy is the same data (a file Sidecar wrote is already in
 * normal form; zod's copy costs about 180 bytes more per row), with repeated values as one string.
 */
export class RowChecker {
  readonly issues: BackupIssue[] = [];
  readonly data = emptyData();
  private readonly seen = new Map<BackupTable, Set<string>>();
  private readonly strings = new Map<string, string>();
  /**
   * A version stamped further ahead than any sane clock would win every merge for as long as it
   * stays ahead, so the user's own later edits would be reverted by it: refused, not imported.
   */
  private readonly latest = Date.now() + MAX_CLOCK_AHEAD_MS;

  private share(row: Record<string, unknown>): void {
    for (const field of SHARED_FIELDS) {
      const value = row[field];
      if (typeof value !== 'string') continue;
      const one = this.strings.get(value);
      if (one === undefined) this.strings.set(value, value);
      else row[field] = one;
    }
    // The first message of a Gmail thread carries the thread's id: one string for both.
    if (row.gmailThreadId === row.gmailMessageId && row.gmailMessageId !== undefined) row.gmailThreadId = row.gmailMessageId;
  }

  private tableHolding(id: string, except: BackupTable): BackupTable | undefined {
    for (const [table, ids] of this.seen) if (table !== except && table !== 'settings' && ids.has(id)) return table;
    return undefined;
  }

  add(table: BackupTable, row: number, raw: unknown): void {
    if (this.issues.length >= MAX_ISSUES) return;
    const bad = findBadShape(raw);
    if (bad && 'forbidden' in bad) {
      this.issues.push({ table, row, field: bad.forbidden.join('.'), message: t('backup.keyNotAllowed', { key: bad.forbidden.at(-1)! }) });
      return;
    }
    if (bad) {
      this.issues.push({ table, row, field: bad.tooDeep[0], message: tn('backup.rowTooDeep', MAX_NESTING) });
      return;
    }
    // A file from before Gmail ids had one key each: its ids come in as the database upgrade made them.
    raw = normalizeGmailIds(table, raw) ?? raw;
    const r = StrictSchemas[table].safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues.slice(0, 5)) {
        const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
        this.issues.push({ table, row, field: issue.path.map(String).join('.') || undefined, message: issue.message + keys });
      }
      return;
    }
    const ahead = table === 'settings' ? undefined : STAMPS.find((f) => ((r.data as unknown as Record<string, number | undefined>)[f] ?? 0) > this.latest);
    if (ahead) {
      this.issues.push({ table, row, field: ahead, message: t('backup.clockAhead') });
      return;
    }
    const key = table === 'settings' ? (r.data as { key: string }).key : (r.data as { id: string }).id;
    const ids = this.seen.get(table) ?? new Set<string>();
    this.seen.set(table, ids);
    if (ids.has(key)) {
      this.issues.push({ table, row, field: table === 'settings' ? 'key' : 'id', message: t('backup.idTwice', { id: key }) });
      return;
    }
    // Ids are UUIDs across all tables: one in two tables is an edit or a forgery, and a reference could not tell them apart.
    const other = table === 'settings' ? undefined : this.tableHolding(key, table);
    if (other) {
      this.issues.push({ table, row, field: 'id', message: t('backup.idInOtherTable', { id: key, table: other }) });
      return;
    }
    ids.add(key);
    const kept = (sameShape(raw, r.data) ? raw : r.data) as Record<string, unknown>;
    this.share(kept);
    (this.data[table] as unknown[]).push(kept);
  }
}
