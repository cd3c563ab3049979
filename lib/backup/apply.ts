import type { SidecarDB } from '../db';
import { ValidationError } from '../errors';
import { PORTABLE_SETTINGS, RECORD_TABLES, type BackupData, type PortableSetting, type Records } from './format';
import { LocalSubset, planSubset, type MergePlan } from './merge';

const PAGE = 10_000;

/**
 * Reads the local records the merge of `data` needs (see LocalSubset), page by page in primary-key
 * order, and plans it. Call inside a transaction over every table.
 */
async function plan(db: SidecarDB, data: BackupData): Promise<MergePlan> {
  const subset = new LocalSubset(data);
  for (const t of RECORD_TABLES) {
    const table = db.table(t);
    let last: string | undefined;
    for (;;) {
      const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(PAGE).toArray();
      if (page.length === 0) break;
      subset.add(t, page as Records[typeof t]);
      last = (page[page.length - 1] as { id: string }).id;
      if (page.length < PAGE) break;
    }
  }
  const extra = subset.extraMessages();
  if (extra.length) subset.addExtra(await db.interactions.where('gmailMessageId').anyOf(extra).toArray());
  const settings = (await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).toArray()) as PortableSetting[];
  return planSubset(subset, data, settings, data.settings);
}

/** What importing `data` would change now (nothing is written). */
export async function previewImport(db: SidecarDB, data: BackupData): Promise<MergePlan> {
  return db.transaction('r', db.tables, () => plan(db, data));
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
      const changes = await plan(db, data);
      for (const t of RECORD_TABLES) {
        const put = changes[t].put;
        for (let i = 0; i < put.length; i += PAGE) await db.table(t).bulkPut(put.slice(i, i + PAGE));
      }
      if (changes.settings.put.length) await db.settings.bulkPut(changes.settings.put);
      return changes;
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
