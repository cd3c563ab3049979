import { z } from 'zod';
import { Setting, RecordSchemas, type RecordTable } from '../schema';

/** The backup file: `{ format, version, exportedAt, deviceId, counts, data: { table: records[] } }`. */
export const BACKUP_FORMAT = 'sidecar-crm-backup';
export const BACKUP_VERSION = 1;

/** Record tables in file order; contacts first so a reader meets owners before their records. */
export const RECORD_TABLES = ['contacts', 'companies', 'interactions', 'deals', 'satisfaction', 'followUps'] as const satisfies readonly RecordTable[];
export type BackupTable = RecordTable | 'settings';
export const BACKUP_TABLES: readonly BackupTable[] = [...RECORD_TABLES, 'settings'];

/**
 * Settings that mean the same on every machine. deviceId and lastBackupAt describe one install,
 * and locale / reminder defaults are one machine's preferences: copying them would overwrite another's.
 */
export const PORTABLE_SETTINGS = ['ownAddresses', 'ownDomains', 'freeMailDomains'] as const;
export type PortableSetting = Extract<Setting, { key: (typeof PORTABLE_SETTINGS)[number] }>;

export type Records = { [T in RecordTable]: z.output<(typeof RecordSchemas)[T]>[] };
export interface BackupData extends Records {
  settings: PortableSetting[];
}

export const BackupHeader = z.strictObject({
  format: z.literal(BACKUP_FORMAT, { error: 'This is not a Sidecar backup file' }),
  version: z.int().positive(),
  exportedAt: z.int().nonnegative(),
  deviceId: z.uuid(),
  counts: z.strictObject(Object.fromEntries(BACKUP_TABLES.map((t) => [t, z.int().nonnegative()])) as Record<BackupTable, z.ZodInt>),
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
  ...(Object.fromEntries(RECORD_TABLES.map((t) => [t, strictRecord(RecordSchemas[t])])) as { [T in RecordTable]: z.ZodType<Records[T][number]> }),
  settings: strictRecord(Setting).refine((s) => (PORTABLE_SETTINGS as readonly string[]).includes(s.key), {
    error: 'This setting belongs to one machine and is not imported',
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
  const where = [i.table, i.row !== undefined ? `row ${i.row}` : undefined, i.field].filter(Boolean).join(', ');
  return where ? `${where}: ${i.message}` : i.message;
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
/** JSON.parse makes `__proto__` an own key; a later spread or merge could then pollute prototypes. */
export function findForbiddenKey(value: unknown, path: string[] = []): string[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    // Most values are strings and numbers: no path is built unless there is something to look into.
    if (FORBIDDEN_KEYS.has(key)) return [...path, key];
    if (child === null || typeof child !== 'object') continue;
    const hit = findForbiddenKey(child, [...path, key]);
    if (hit) return hit;
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
