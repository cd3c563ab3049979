import Dexie from 'dexie';
import type { SidecarDB } from '../db';
import { deferStayInTouch } from '../db-derived';
import { rebuildStayInTouch } from '../stay-in-touch';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import { PORTABLE_SETTINGS, RECORD_TABLES, type BackupData, type PortableSetting, type Records } from './format';
import { affectedContacts, type AffectedContact } from './affected';
import type { MergePlan } from './merge';
import { BackupFileError } from './read';
import { ReferenceCheck } from './references';
import { LocalSubset, planSubset } from './subset';
import { scanStore } from './scan';
import { REVISION_KEY } from '../db-revision';

/**
 * Local rows are read in small pages: most are dropped as soon as they are compared with the file,
 * and rows that die young cost the garbage collector almost nothing, while a page of 10,000 can live
 * long enough to be moved to the old generation, whose collections walk the whole file in memory.
 */
const READ_PAGE = 500;
const WRITE_PAGE = 10_000;

/**
 * Reads the local records the merge of `data` needs (see LocalSubset), each table in primary-key
 * order, checks the file's references against them, and plans it. Call inside a transaction over
 * every table. Throws BackupFileError for a file whose records point to records that exist nowhere.
 */
async function plan(db: SidecarDB, data: BackupData, onProgress?: (read: number) => void): Promise<{ plan: MergePlan; affected: AffectedContact[] }> {
  const subset = new LocalSubset(data);
  const references = new ReferenceCheck(data, (id, except) => subset.fileTableOf(id, except));
  let read = 0;
  for (const table of RECORD_TABLES) {
    await scanStore<Records[typeof table][number]>(table, READ_PAGE, (page) => {
      subset.add(table, page as Records[typeof table]);
      references.addLocal(table, page);
      read += page.length;
      onProgress?.(read);
    });
  }
  const broken = references.issues();
  if (broken.length) throw new BackupFileError(broken);
  const extra = subset.extraMessages();
  if (extra.length) subset.addExtra(await db.interactions.where('gmailMessageId').anyOf(extra).toArray());
  const settings = (await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).toArray()) as PortableSetting[];
  const changes = planSubset(subset, data, settings, data.settings);
  return { plan: changes, affected: affectedContacts(subset.records.contacts, changes.contacts.put) };
}

const readRevision = async (db: SidecarDB) => (await db.settings.get(REVISION_KEY))?.value;

/** What importing `data` would change, and the database revision that holds for. */
export interface ImportPreview {
  data: BackupData;
  plan: MergePlan;
  /** The contacts here that the import would merge away, delete or rename: the user sees them first. */
  affected: AffectedContact[];
  revision: unknown;
}

/** What importing `data` would change now (nothing is written). `onProgress` hears the local records read so far. */
export async function previewImport(db: SidecarDB, data: BackupData, onProgress?: (read: number) => void): Promise<ImportPreview> {
  return db.transaction('r', db.tables, async () => ({ data, ...(await plan(db, data, onProgress)), revision: await readRevision(db) }));
}

/** The preview named every contact the import takes away or renames: a new plan may touch no others. */
const sameContacts = (now: AffectedContact[], shown: AffectedContact[]) => {
  const seen = new Set(shown.map((c) => JSON.stringify(c)));
  return now.every((c) => seen.has(JSON.stringify(c)));
};

const isQuota = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'QuotaExceededError' || isQuota((e as { inner?: unknown }).inner));

/**
 * Merges `data` into the database in one transaction over every table, and any failure rolls it
 * all back. The preview's plan is applied when nothing has been written since it was made;
 * otherwise the plan is made again inside the transaction, against what the database holds now.
 * `onProgress` hears the records written so far, page by page.
 */
export async function applyImport(
  db: SidecarDB,
  data: BackupData,
  preview?: ImportPreview,
  onProgress?: (written: number, total: number) => void,
): Promise<MergePlan> {
  try {
    return await db.transaction('rw', db.tables, async () => {
      // One derivation at the end, not one per page (lib/stay-in-touch.ts).
      deferStayInTouch(Dexie.currentTransaction);
      const current = preview?.data === data && (await readRevision(db)) === preview.revision;
      const fresh = current ? undefined : await plan(db, data);
      if (fresh && preview?.data === data && !sameContacts(fresh.affected, preview.affected)) {
        throw new ValidationError(t('backup.changedSincePreview'));
      }
      const changes = fresh?.plan ?? preview!.plan;
      const total = RECORD_TABLES.reduce((n, table) => n + changes[table].put.length, 0);
      let written = 0;
      for (const table of RECORD_TABLES) {
        const put = changes[table].put;
        for (let i = 0; i < put.length; i += WRITE_PAGE) {
          const page = put.slice(i, i + WRITE_PAGE);
          await db.table(table).bulkPut(page);
          written += page.length;
          onProgress?.(written, total);
        }
      }
      if (changes.settings.put.length) await db.settings.bulkPut(changes.settings.put);
      await rebuildStayInTouch((name) => db.table(name));
      return changes;
    });
  } catch (e) {
    if (isQuota(e)) throw new ValidationError(t('backup.outOfSpace'));
    throw e;
  }
}

/** Every table, key-sorted: two dumps are equal exactly when the databases are. */
export async function dumpDatabase(db: SidecarDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out);
}
