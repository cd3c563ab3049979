import { ValidationError } from '../errors';
import { formatNumber } from '../format';
import { t, tn } from '../i18n';
import { blobChunks, ByteReader, textLines } from './bytes';
import { decrypt, looksEncrypted } from './crypto';
import { RowChecker } from './rows';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  BackupHeader,
  describeIssue,
  findBadShape,
  type BackupData,
  type BackupIssue,
  type BackupTable,
} from './format';

/** Sidecar's own layout (one record per line) is streamed, so it may be large. */
export const MAX_BACKUP_BYTES = 1024 ** 3;
/** Any other JSON layout must be parsed whole, so it is held to this. */
export const MAX_WHOLE_JSON_BYTES = 64 * 1024 ** 2;
/** A row of the streamed layout; the largest a schema allows is well under 1 MB. */
const MAX_LINE = 4 * 1024 ** 2;
/** The streamed layout's first line, the header, is a few hundred bytes. */
const MAX_HEADER_LINE = 64 * 1024;
const NEWLINE = 10;

export class BackupFileError extends ValidationError {
  override name = 'BackupFileError';
  constructor(readonly problems: BackupIssue[]) {
    super(problems.map((p) => ({ path: [p.table, p.row, p.field].filter((x) => x !== undefined).join('.'), message: describeIssue(p) })));
  }
}
export class PassphraseNeededError extends ValidationError {
  override name = 'PassphraseNeededError';
  constructor() {
    super(t('backup.passphraseNeeded'));
  }
}

export interface ReadBackup {
  header: BackupHeader;
  data: BackupData;
}

const fail = (message: string, at: Omit<BackupIssue, 'message'> = {}): never => {
  throw new BackupFileError([{ ...at, message }]);
};
const mb = (n: number) => t('backup.megabytes', { n: Math.round(n / 1024 ** 2) });

function checkHeader(raw: unknown): BackupHeader {
  const bad = findBadShape(raw);
  if (bad) fail('forbidden' in bad ? t('backup.headerForbiddenKey') : t('backup.headerTooDeep'));
  const o = (raw ?? {}) as Record<string, unknown>;
  if (o.format !== BACKUP_FORMAT) fail(t('backup.notBackup'));
  if (typeof o.version === 'number' && o.version > BACKUP_VERSION) {
    fail(t('backup.newerVersion', { version: o.version }));
  }
  if (o.version !== BACKUP_VERSION) fail(t('backup.unsupportedVersion', { version: String(o.version) }), { field: 'version' });
  const r = BackupHeader.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail(t('backup.headerInvalid', { problem: i.message }), { field: i.path.join('.') || undefined });
  }
  return r.data!;
}

function finish(header: BackupHeader, checker: RowChecker, rows: Record<BackupTable, number>): ReadBackup {
  const issues = [...checker.issues];
  for (const table of BACKUP_TABLES) {
    if (rows[table] !== header.counts[table]) issues.push({ table, message: tn('backup.countMismatch', header.counts[table], { held: formatNumber(rows[table] ?? 0) }) });
  }
  if (issues.length) throw new BackupFileError(issues);
  return { header, data: checker.data };
}

const parseJson = (text: string, where: Omit<BackupIssue, 'message'>): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return fail(t('backup.notJson'), where);
  }
};

/** The streamed layout written by exportBackup. */
async function readLines(lines: AsyncIterator<string>, first: string): Promise<ReadBackup> {
  const header = checkHeader(parseJson(`${first.slice(0, -',"data":{'.length)}}`, { field: 'header' }));
  const checker = new RowChecker();
  const rows = Object.fromEntries(BACKUP_TABLES.map((table) => [table, 0])) as Record<BackupTable, number>;
  let table: BackupTable | undefined;
  let ended = false;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const line = next.value;
    if (ended) {
      if (line.trim()) fail(t('backup.textAfterEnd'));
      continue;
    }
    if (table === undefined) {
      if (line === '}}') {
        ended = true;
        continue;
      }
      const m = /^"([A-Za-z]+)":\[$/.exec(line);
      const name = m?.[1] as BackupTable | undefined;
      if (!name || !BACKUP_TABLES.includes(name)) fail(t('backup.unexpectedLine', { line: line.slice(0, 60) }));
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
  if (!ended) fail(t('backup.cutShort'));
  return finish(header, checker, rows);
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/**
 * The rest of a file not in the streamed layout, as one string (a minified file is one line of
 * any length): `head` is its first line when it had a line break early on. Calls `tooLarge` once
 * past MAX_WHOLE_JSON_BYTES, counted on the decrypted bytes.
 */
async function wholeText(head: Uint8Array | undefined, rest: AsyncIterable<Uint8Array>, tooLarge: () => never): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let size = 0;
  if (head) {
    size = head.length + 1;
    parts.push(decoder.decode(head, { stream: true }), '\n');
  }
  for await (const chunk of rest) {
    size += chunk.length;
    if (size > MAX_WHOLE_JSON_BYTES) tooLarge();
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Any other JSON layout of the same document (say, pretty-printed by hand): parsed whole. */
function readWhole(text: string): ReadBackup {
  const raw = parseJson(text, {}) as Record<string, unknown>;
  const { data, ...head } = raw ?? {};
  const header = checkHeader(head);
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(t('backup.noData'));
  const checker = new RowChecker();
  const rows = {} as Record<BackupTable, number>;
  const tables = data as Record<string, unknown>;
  for (const key of Object.keys(tables)) {
    if (!BACKUP_TABLES.includes(key as BackupTable)) fail(t('backup.unknownTable', { table: key }), { table: key as BackupTable });
  }
  for (const table of BACKUP_TABLES) {
    const list = tables[table] ?? [];
    if (!Array.isArray(list)) fail(t('backup.notList'), { table });
    (list as unknown[]).forEach((r, i) => checker.add(table, i + 1, r));
    rows[table] = (list as unknown[]).length;
  }
  return finish(header, checker, rows);
}

/**
 * Reads and validates a whole backup before anything is written. Throws PassphraseNeededError
 * for an encrypted file without a passphrase, BackupFileError listing table/row/field otherwise.
 * `onProgress` hears the share of the file read so far, chunk by chunk.
 */
export async function readBackup(file: Blob, passphrase?: string, onProgress?: (fraction: number) => void): Promise<ReadBackup> {
  if (file.size > MAX_BACKUP_BYTES) fail(t('backup.fileTooLarge', { size: mb(file.size), max: mb(MAX_BACKUP_BYTES) }));
  if (file.size === 0) fail(t('backup.fileEmpty'));
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
  const bytes = new ByteReader(encrypted ? decrypt(all(), passphrase!) : all());
  try {
    const head = await bytes.readUntil(NEWLINE, MAX_HEADER_LINE);
    const first = head && utf8(head);
    if (first?.startsWith('{') && first.endsWith(',"data":{')) return await readLines(textLines(bytes.rest(), MAX_LINE)[Symbol.asyncIterator](), first);
    const max = mb(MAX_WHOLE_JSON_BYTES);
    if (!encrypted && file.size > MAX_WHOLE_JSON_BYTES) fail(t('backup.fileTooLargeForLayout', { size: mb(file.size), max }));
    return readWhole(await wholeText(head, bytes.rest(), () => fail(t('backup.holdsTooMuchForLayout', { max }))));
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    if (e instanceof RangeError) return fail(t('backup.lineTooLong'));
    if (e instanceof TypeError) return fail(t('backup.notUtf8'));
    throw e;
  }
}
