// Bundled by bench/backup.mjs and evaluated in the extension's dashboard page: fills a database,
// then times a backup export and a merge-import of it through the product's own code.
import { applyImport } from '../lib/backup/apply';
import { exportBackup } from '../lib/backup/export';
import { readBackup } from '../lib/backup/read';
import { SidecarDB } from '../lib/db';
import type { Contact, Interaction } from '../lib/schema';

const uuid = (prefix: number, i: number) => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export async function fill(name: string, contacts: number, interactions: number): Promise<void> {
  const db = new SidecarDB(name);
  const t = 1_700_000_000_000;
  const CHUNK = 5000;
  for (let i = 0; i < contacts; i += CHUNK) {
    const rows: Contact[] = [];
    for (let j = i; j < Math.min(contacts, i + CHUNK); j++) {
      rows.push({ id: uuid(1, j), name: `Person ${j}`, emails: [`p${j}@co${j % 997}.example`], tags: [], createdAt: t, updatedAt: t + j });
    }
    await db.contacts.bulkPut(rows);
  }
  for (let i = 0; i < interactions; i += CHUNK) {
    const rows: Interaction[] = [];
    for (let j = i; j < Math.min(interactions, i + CHUNK); j++) {
      rows.push({
        id: uuid(2, j),
        contactId: uuid(1, j % Math.max(1, contacts)),
        kind: 'email-in',
        subject: 'Contract renewal',
        body: 'Thanks for the update. Could you send the revised figures before Friday?',
        occurredAt: t - j * 1000,
        gmailMessageId: `msg-${j}`,
        createdAt: t,
        updatedAt: t + j,
      });
    }
    await db.interactions.bulkPut(rows);
  }
  db.close();
}

let file: Blob | undefined;
export async function exportFrom(name: string): Promise<{ ms: number; bytes: number }> {
  const db = new SidecarDB(name);
  const start = performance.now();
  const { blob } = await exportBackup(db);
  const ms = performance.now() - start;
  file = blob;
  db.close();
  return { ms, bytes: blob.size };
}

/** Reads the last exported file and merges it into `name` (the first time: an empty database). */
export async function importInto(name: string): Promise<{ readMs: number; applyMs: number; added: number; unchanged: number }> {
  if (!file) throw new Error('export first');
  const db = new SidecarDB(name);
  const start = performance.now();
  const read = await readBackup(file);
  const readMs = performance.now() - start;
  const plan = await applyImport(db, read.data);
  db.close();
  return {
    readMs,
    applyMs: performance.now() - start - readMs,
    added: plan.contacts.added + plan.interactions.added,
    unchanged: plan.contacts.unchanged + plan.interactions.unchanged,
  };
}

export async function drop(...names: string[]): Promise<void> {
  file = undefined;
  for (const n of names) await new SidecarDB(n).delete();
}
