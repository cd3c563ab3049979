import { z } from 'zod';
import { t, type CatalogKey } from '../i18n';
import { EpochMs, Setting, RecordSchemas, type RecordTable } from '../schema';

/** The backup file: `{ format, version, exportedAt, deviceId, counts, data: { table: records[] } }`. */
export const BACKUP_FORMAT = 'sidecar-crm-backup';
export const BACKUP_VERSION = 1;

/** Record tables in file order; contacts first so a reader meets owners before their records. */
export const RECORD_TABLES = ['contacts', 'companies', 'interactions', 'deals', 'satisfaction', 'followUps'] as const satisfies readonly RecordTable[];
export type BackupTable = RecordTable | 'settings';
export const BACKUP_TABLES: readonly BackupTable[] = [...RECORD_TABLES, 'settings'];

/** Each table's name where the user reads it: a file's problems, an import's preview. */
export const TABLE_LABEL_KEYS = {
  contacts: 'backups.tableContacts',
  companies: 'backups.tableCompanies',
  interactions: 'backups.tableHistory',
  deals: 'backups.tableDeals',
  satisfaction: 'backups.tableSatisfaction',
  followUps: 'backups.tableFollowUps',
  settings: 'backups.tableSettings',
} as const satisfies Record<BackupTable, CatalogKey>;
export const tableLabel = (table: BackupTable): string => t(TABLE_LABEL_KEYS[table]);

/**
 * Settings that mean the same on every machine, all lists (an import joins them). deviceId and lastBackupAt describe one install,
 * and locale / reminder defaults are one machine's preferences: copying them would overwrite another's.
 */
export const PORTABLE_SETTINGS = ['ownAddresses', 'ownDomains', 'freeMailDomains', 'neverLogList', 'notDuplicates'] as const;
export type PortableSetting = Extract<Setting, { key: (typeof PORTABLE_SETTINGS)[number] }>;

export type Records = { [T in RecordTable]: z.output<(typeof RecordSchemas)[T]>[] };
export interface BackupData extends Records {
  settings: PortableSetting[];
}

export const BackupHeader = z.strictObject({
  format: z.literal(BACKUP_FORMAT, { error: () => t('backup.notBackup') }),
  version: z.int().positive(),
  exportedAt: EpochMs,
  deviceId: z.uuid(),
  counts: z.strictObject(Object.fromEntries(BACKUP_TABLES.map((table) => [table, z.int().nonnegative()])) as Record<BackupTable, z.ZodInt>),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

function strictRecord<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  // The app's schemas strip unknown keys; an imported file must not carry fields we would silently drop.
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = (schema.options as z.ZodObject[]).map((o) => o.strict());
    return z.discriminatedUnion(schema.def.discriminator, options as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<z.output<S>>;
  }
  return (schema as unknown as z.ZodObject).strict() as unknown as z.ZodType<z.output<S>>;
}

export const StrictSchemas = {
  ...(Object.fromEntries(RECORD_TABLES.map((table) => [table, strictRecord(RecordSchemas[table])])) as { [T in RecordTable]: z.ZodType<Records[T][number]> }),
  settings: strictRecord(Setting).refine((s) => (PORTABLE_SETTINGS as readonly string[]).includes(s.key), {
    error: () => t('backup.settingNotPortable'),
    path: ['key'],
  }) as unknown as z.ZodType<PortableSetting>,
};

/** One problem in a file, located as precisely as the file allows. */
export interface BackupIssue {
  table?: BackupTable;
  /** 1-based row within its table. */
  row?: number;
  field?: string;
  message: string;
}

export function describeIssue(i: BackupIssue): string {
  const where = [i.table && tableLabel(i.table), i.row !== undefined ? t('backup.issueRow', { row: i.row }) : undefined, i.field].filter(Boolean).join(', ');
  return where ? t('backup.issueAt', { where, problem: i.message }) : i.message;
}

export const emptyData = (): BackupData => ({
  contacts: [],
  companies: [],
  interactions: [],
  deals: [],
  satisfaction: [],
  followUps: [],
  settings: [],
});

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Records are two levels deep (a list of addresses); the cap only stops what no schema could hold. */
export const MAX_NESTING = 32;

export type ShapeProblem = { forbidden: string[] } | { tooDeep: string[] };

/**
 * A key that JSON.parse made an own key and a later spread or merge could turn into prototype
 * pollution (`__proto__`), or nesting past MAX_NESTING. Walks with its own stack: JSON.parse takes
 * a million nested brackets, and a recursive walk over them would overflow the call stack.
 */
export function findBadShape(value: unknown): ShapeProblem | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  interface Frame {
    value: object;
    key: string;
    parent: Frame | undefined;
    depth: number;
  }
  // The path is built only on a hit: most values are strings and numbers.
  const path = (f: Frame | undefined, last?: string) => {
    const keys = last === undefined ? [] : [last];
    for (; f?.parent; f = f.parent) keys.unshift(f.key);
    return keys;
  };
  const stack: Frame[] = [{ value, key: '', parent: undefined, depth: 1 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > MAX_NESTING) return { tooDeep: path(frame) };
    const o = frame.value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (FORBIDDEN_KEYS.has(key)) return { forbidden: path(frame, key) };
      const child = o[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, key, parent: frame, depth: frame.depth + 1 });
    }
  }
  return undefined;
}

/** Key-sorted JSON: two records are the same version exactly when these strings are equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
