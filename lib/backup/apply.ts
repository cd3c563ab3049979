import type { SidecarDB } from '../db';
import { ValidationError } from '../errors';
import { PORTABLE_SETTINGS, RECORD_TABLES, type BackupData, type PortableSetting, type Records } from './format';
import { planMerge, type MergePlan } from './merge';

async function localRecords(db: SidecarDB): Promise<{ records: Records; settings: PortableSetting[] }> {
  const records = {} as Record<string, unknown[]>;
  for (const t of RECORD_TABLES) records[t] = await db.table(t).toArray();
  const settings = (await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).toArray()) as PortableSetting[];
  return { records: records as Records, settings };
}

/** What importing `data` would change now (nothing is written). */
export async function previewImport(db: SidecarDB, data: BackupData): Promise<MergePlan> {
  return db.transaction('r', db.tables, async () => {
    const local = await localRecords(db);
    return planMerge(local.records, data, local.settings, data.settings);
  });
}

const isQuota = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'QuotaExceededError' || isQuota((e as { inner?: unknown }).inner));

/**
 * Merges `data` into the database in one transaction over every table: the plan is recomputed
 * inside it (the database may have changed since the preview), and any failure rolls it all back.
 */
export async function applyImport(db: SidecarDB, data: BackupData): Promise<MergePlan> {
  try {
    return await db.transaction('rw', db.tables, async () => {
      const local = await localRecords(db);
      const plan = planMerge(local.records, data, local.settings, data.settings);
      for (const t of RECORD_TABLES) if (plan[t].put.length) await db.table(t).bulkPut(plan[t].put);
      if (plan.settings.put.length) await db.settings.bulkPut(plan.settings.put);
      return plan;
    });
  } catch (e) {
    if (isQuota(e)) throw new ValidationError('The browser ran out of storage space during the import. Nothing was imported; free some space and try again.');
    throw e;
  }
}

/** Every table, key-sorted: two dumps are equal exactly when the databases are. */
export async function dumpDatabase(db: SidecarDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out);
}
