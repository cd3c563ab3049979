import { ValidationError } from '../errors';
import { blobChunks, ByteReader, textLines } from './bytes';
import { decrypt, looksEncrypted } from './crypto';
import { sameShape } from './versions';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  BackupHeader,
  describeIssue,
  emptyData,
  findBadShape,
  MAX_NESTING,
  StrictSchemas,
  type BackupData,
  type BackupIssue,
  type BackupTable,
} from './format';

/** Sidecar's own layout (one record per line) is streamed, so it may be large. */
export const MAX_BACKUP_BYTES = 1024 ** 3;
/** Any other JSON layout must be parsed whole, so it is held to this. */
export const MAX_WHOLE_JSON_BYTES = 64 * 1024 ** 2;
const MAX_LINE = 4 * 1024 ** 2;
const MAX_ISSUES = 50;
const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;
/** When a machine wrote the record; occurredAt and dueAt may rightly lie in the future. */
const STAMPS = ['updatedAt', 'createdAt', 'deletedAt'] as const;

export class BackupFileError extends ValidationError {
  override name = 'BackupFileError';
  constructor(readonly problems: BackupIssue[]) {
    super(problems.map((p) => ({ path: [p.table, p.row, p.field].filter((x) => x !== undefined).join('.'), message: describeIssue(p) })));
  }
}
export class PassphraseNeededError extends ValidationError {
  override name = 'PassphraseNeededError';
  constructor() {
    super('This backup is encrypted: enter its passphrase');
  }
}

export interface ReadBackup {
  header: BackupHeader;
  data: BackupData;
}

const fail = (message: string, at: Omit<BackupIssue, 'message'> = {}): never => {
  throw new BackupFileError([{ ...at, message }]);
};
const mb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;

/** Values that repeat from row to row: a contact's id on each of its records, and the enums. */
const SHARED_FIELDS = ['contactId', 'companyId', 'dealId', 'kind', 'stage', 'currency', 'status'];

/**
 * Collects every bad row (up to MAX_ISSUES) instead of stopping at the first. The valid rows are
 * held until the import is applied, a million of them for a large book, so each is kept small:
 * the parsed object itself when zod's copy is the same data (a file Sidecar wrote is already in
 * normal form; zod's copy costs about 180 bytes more per row), with repeated values as one string.
 */
class RowChecker {
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

  add(table: BackupTable, row: number, raw: unknown): void {
    if (this.issues.length >= MAX_ISSUES) return;
    const bad = findBadShape(raw);
    if (bad && 'forbidden' in bad) {
      this.issues.push({ table, row, field: bad.forbidden.join('.'), message: `the key "${bad.forbidden.at(-1)}" is not allowed` });
      return;
    }
    if (bad) {
      this.issues.push({ table, row, field: bad.tooDeep[0], message: `this row is nested too deeply (more than ${MAX_NESTING} levels of lists and objects)` });
      return;
    }
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
      this.issues.push({ table, row, field: ahead, message: 'this time is more than a day ahead of this computer’s clock: the machine that wrote it has a wrong clock' });
      return;
    }
    const key = table === 'settings' ? (r.data as { key: string }).key : (r.data as { id: string }).id;
    const ids = this.seen.get(table) ?? new Set<string>();
    this.seen.set(table, ids);
    if (ids.has(key)) {
      this.issues.push({ table, row, field: table === 'settings' ? 'key' : 'id', message: `${key} appears twice` });
      return;
    }
    ids.add(key);
    const kept = (sameShape(raw, r.data) ? raw : r.data) as Record<string, unknown>;
    this.share(kept);
    (this.data[table] as unknown[]).push(kept);
  }
}

function checkHeader(raw: unknown): BackupHeader {
  const bad = findBadShape(raw);
  if (bad) fail('forbidden' in bad ? 'The file header contains a forbidden key' : 'The file header is nested too deeply');
  const o = (raw ?? {}) as Record<string, unknown>;
  if (o.format !== BACKUP_FORMAT) fail('This is not a Sidecar backup file');
  if (typeof o.version === 'number' && o.version > BACKUP_VERSION) {
    fail(`This backup was made by a newer Sidecar (format version ${o.version}); update the extension to read it`);
  }
  if (o.version !== BACKUP_VERSION) fail(`Unsupported backup format version ${String(o.version)}`, { field: 'version' });
  const r = BackupHeader.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail(`The file header is not valid: ${i.message}`, { field: i.path.join('.') || undefined });
  }
  return r.data!;
}

function finish(header: BackupHeader, checker: RowChecker, rows: Record<BackupTable, number>): ReadBackup {
  const issues = [...checker.issues];
  for (const t of BACKUP_TABLES) {
    if (rows[t] !== header.counts[t]) issues.push({ table: t, message: `the header announces ${header.counts[t]} rows but the file holds ${rows[t]}: the file is incomplete or edited` });
  }
  if (issues.length) throw new BackupFileError(issues);
  return { header, data: checker.data };
}

const parseJson = (text: string, where: Omit<BackupIssue, 'message'>): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return fail('this is not valid JSON (the file may be cut short)', where);
  }
};

/** The streamed layout written by exportBackup. */
async function readLines(lines: AsyncIterator<string>, first: string): Promise<ReadBackup> {
  const header = checkHeader(parseJson(`${first.slice(0, -',"data":{'.length)}}`, { field: 'header' }));
  const checker = new RowChecker();
  const rows = Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<BackupTable, number>;
  let table: BackupTable | undefined;
  let ended = false;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const line = next.value;
    if (ended) {
      if (line.trim()) fail('there is text after the end of the backup');
      continue;
    }
    if (table === undefined) {
      if (line === '}}') {
        ended = true;
        continue;
      }
      const m = /^"([A-Za-z]+)":\[$/.exec(line);
      const name = m?.[1] as BackupTable | undefined;
      if (!name || !BACKUP_TABLES.includes(name)) fail(`unexpected line in the file: ${line.slice(0, 60)}`);
      table = name;
      continue;
    }
    if (line === ']' || line === '],') {
      table = undefined;
      continue;
    }
    const row = ++rows[table];
    checker.add(table, row, parseJson(line.endsWith(',') ? line.slice(0, -1) : line, { table, row }));
  }
  if (!ended) fail('the file is cut short: its end is missing');
  return finish(header, checker, rows);
}

/** Any other JSON layout of the same document (say, pretty-printed by hand): parsed whole. */
function readWhole(text: string): ReadBackup {
  const raw = parseJson(text, {}) as Record<string, unknown>;
  const { data, ...head } = raw ?? {};
  const header = checkHeader(head);
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('the file has no data section');
  const checker = new RowChecker();
  const rows = {} as Record<BackupTable, number>;
  const tables = data as Record<string, unknown>;
  for (const key of Object.keys(tables)) {
    if (!BACKUP_TABLES.includes(key as BackupTable)) fail(`unknown table "${key}"`, { table: key as BackupTable });
  }
  for (const t of BACKUP_TABLES) {
    const list = tables[t] ?? [];
    if (!Array.isArray(list)) fail('must be a list of records', { table: t });
    (list as unknown[]).forEach((r, i) => checker.add(t, i + 1, r));
    rows[t] = (list as unknown[]).length;
  }
  return finish(header, checker, rows);
}

/**
 * Reads and validates a whole backup before anything is written. Throws PassphraseNeededError
 * for an encrypted file without a passphrase, BackupFileError listing table/row/field otherwise.
 * `onProgress` hears the share of the file read so far, chunk by chunk.
 */
export async function readBackup(file: Blob, passphrase?: string, onProgress?: (fraction: number) => void): Promise<ReadBackup> {
  if (file.size > MAX_BACKUP_BYTES) fail(`This file is ${mb(file.size)}; Sidecar reads backups up to ${mb(MAX_BACKUP_BYTES)}`);
  if (file.size === 0) fail('This file is empty');
  const reader = new ByteReader(blobChunks(file));
  const start = await reader.read(64);
  const encrypted = looksEncrypted(start);
  if (encrypted && !passphrase) throw new PassphraseNeededError();
  let read = start.length;
  async function* all() {
    yield start;
    for await (const chunk of reader.rest()) {
      read += chunk.length;
      onProgress?.(read / file.size);
      yield chunk;
    }
  }
  const bytes = encrypted ? decrypt(all(), passphrase!) : all();
  let lines: AsyncIterator<string>;
  let first: IteratorResult<string>;
  try {
    lines = textLines(bytes, MAX_LINE)[Symbol.asyncIterator]();
    first = await lines.next();
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    return fail(e instanceof RangeError ? 'This is not a Sidecar backup (no line breaks where expected)' : 'This file is not UTF-8 text');
  }
  try {
    if (!first.done && first.value.startsWith('{') && first.value.endsWith(',"data":{')) return await readLines(lines, first.value);
    if (file.size > MAX_WHOLE_JSON_BYTES) {
      fail(`This file is ${mb(file.size)} and not in the layout Sidecar exports; other layouts are read up to ${mb(MAX_WHOLE_JSON_BYTES)}`);
    }
    let text = first.done ? '' : first.value;
    for (let n = await lines.next(); !n.done; n = await lines.next()) text += `\n${n.value}`;
    return readWhole(text);
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    if (e instanceof RangeError) return fail('A line of this file is too long for a backup');
    if (e instanceof TypeError) return fail('This file is not UTF-8 text');
    throw e;
  }
}
