// Bundled by bench/backup.mjs and evaluated in the extension's dashboard page: times backup export
// and merge-import through the product's own code (lib/backup), on the database the page sees.
import { applyImport, previewImport } from '../lib/backup/apply';
import { blobChunks, textLines } from '../lib/backup/bytes';
import { exportBackup } from '../lib/backup/export';
import { RECORD_TABLES } from '../lib/backup/format';
import type { MergePlan } from '../lib/backup/merge';
import { readBackup } from '../lib/backup/read';
import { DB_NAME, SidecarDB } from '../lib/db';
import type { Contact, Interaction } from '../lib/schema';

const uuid = (prefix: number, i: number) => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** For the standalone run: `contacts` contacts and `interactions` interactions, as bench/generate.ts shapes them. */
export async function fill(contacts: number, interactions: number): Promise<void> {
  const db = new SidecarDB(DB_NAME);
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
        // Gmail message ids as stored (lib/gmail/thread-key.ts); the reader drops anything else.
        gmailMessageId: `#msg-f:${j + 1}`,
        createdAt: t,
        updatedAt: t + j,
      });
    }
    await db.interactions.bulkPut(rows);
  }
  db.close();
}

let file: Blob | undefined;

export async function exportAll(): Promise<{ ms: number; bytes: number; rows: number }> {
  const db = new SidecarDB(DB_NAME);
  const start = performance.now();
  const { blob, counts } = await exportBackup(db);
  const ms = performance.now() - start;
  db.close();
  file = blob;
  return { ms, bytes: blob.size, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/**
 * The exported file as the other machine would send it back: every `every`-th record edited
 * there (newer updatedAt, a changed field) and, after every `every`-th interaction, one logged
 * there that this machine has never seen. Works on the file's lines, as exportBackup writes them.
 */
export async function diverge(every: number): Promise<{ edited: number; added: number; bytes: number }> {
  if (!file) throw new Error('export first');
  // parts[0] is the header, written last: its counts change on the way.
  const parts: Blob[] = [new Blob([])];
  let lines: string[] = [];
  const out = {
    push(line: string) {
      lines.push(line);
      if (lines.length < 3000) return;
      parts.push(new Blob([`${lines.join('\n')}\n`]));
      lines = [];
    },
  };
  let edited = 0;
  let added = 0;
  let table = '';
  let seen = 0;
  let header: { counts: Record<string, number> } | undefined;
  for await (const line of textLines(blobChunks(file), 4 * 1024 ** 2)) {
    if (!header) {
      header = JSON.parse(`${line.slice(0, -',"data":{'.length)}}`);
      continue;
    }
    const open = /^"([A-Za-z]+)":\[$/.exec(line);
    if (open || line.startsWith(']') || line === '}}' || line === '') {
      table = open?.[1] ?? '';
      seen = 0;
      out.push(line);
      continue;
    }
    if (table === 'settings' || ++seen % every !== 0) {
      out.push(line);
      continue;
    }
    const comma = line.endsWith(',');
    const row = JSON.parse(comma ? line.slice(0, -1) : line) as Record<string, unknown> & { id: string; updatedAt: number };
    const text = table === 'contacts' ? 'notes' : table === 'interactions' ? 'body' : undefined;
    const copy = { ...row, updatedAt: row.updatedAt + 60_000, ...(text ? { [text]: 'Edited on the other machine' } : {}) };
    edited++;
    if (table !== 'interactions') {
      out.push(JSON.stringify(copy) + (comma ? ',' : ''));
      continue;
    }
    out.push(`${JSON.stringify(copy)},`);
    const fresh = { ...row, id: crypto.randomUUID(), gmailMessageId: `#msg-f:${2 ** 40 + added}`, updatedAt: row.updatedAt + 60_000 };
    out.push(JSON.stringify(fresh) + (comma ? ',' : ''));
    added++;
    header.counts.interactions!++;
  }
  if (!header) throw new Error('the file is empty');
  parts.push(new Blob([`${lines.join('\n')}\n`]));
  parts[0] = new Blob([`${JSON.stringify(header).slice(0, -1)},"data":{\n`]);
  file = new Blob(parts);
  return { edited, added, bytes: file.size };
}

const written = (plan: MergePlan) => Object.values(plan).reduce((n, t) => n + t.put.length, 0);

/** Reads the current file, previews it and applies it, as the dashboard does. */
export async function importFile(name = DB_NAME): Promise<{ readMs: number; previewMs: number; applyMs: number; rows: number; written: number; previewReused: boolean }> {
  if (!file) throw new Error('export first');
  const db = new SidecarDB(name);
  const t0 = performance.now();
  const { data } = await readBackup(file);
  const t1 = performance.now();
  const preview = await previewImport(db, data);
  const t2 = performance.now();
  const plan = await applyImport(db, data, preview);
  const t3 = performance.now();
  db.close();
  const rows = Object.values(data).reduce((n, list) => n + list.length, 0);
  // Not reused when something wrote to the database in between (a reminder the background marked
  // as shown, say): then applyImport planned again inside its transaction.
  return { readMs: t1 - t0, previewMs: t2 - t1, applyMs: t3 - t2, rows, written: written(plan), previewReused: plan === preview.plan };
}

const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));

/**
 * What this browser's IndexedDB does with no Dexie and no Sidecar code, the floor under an import:
 * rows per second for `rows` puts of interaction-shaped rows (random ids) into a new store with the
 * interactions indexes, in one transaction.
 */
export async function rawPutRate(rows: number): Promise<number> {
  const name = 'sidecar-bench-raw';
  await request(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('interactions', { keyPath: 'id' });
    store.createIndex('byContact', ['contactId', 'occurredAt']);
    store.createIndex('gmailMessageId', 'gmailMessageId');
    store.createIndex('updatedAt', 'updatedAt');
  };
  const raw = await request(open);
  const t = 1_700_000_000_000;
  const t0 = performance.now();
  const tx = raw.transaction('interactions', 'readwrite');
  const store = tx.objectStore('interactions');
  for (let j = 0; j < rows; j++) {
    store.put({ id: crypto.randomUUID(), contactId: crypto.randomUUID(), kind: 'email-in', subject: 'Contract renewal', body: 'Thanks for the update. Could you send the revised figures before Friday?', occurredAt: t - j * 1000, gmailMessageId: `raw-${j}`, createdAt: t, updatedAt: t + j });
  }
  await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onabort = () => reject(tx.error))));
  const perSecond = Math.round(rows / ((performance.now() - t0) / 1000));
  raw.close();
  await request(indexedDB.deleteDatabase(name));
  return perSecond;
}

/** One native cursor over every record table of the product database, rows only read: what an export's reading costs at least in one transaction. */
export async function rawScan(): Promise<{ rows: number; ms: number }> {
  const db = await request(indexedDB.open(DB_NAME));
  const t0 = performance.now();
  const tx = db.transaction(RECORD_TABLES, 'readonly');
  let rows = 0;
  for (const table of RECORD_TABLES) {
    await new Promise<void>((resolve, reject) => {
      const cursor = tx.objectStore(table).openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        if (!cursor.result) return resolve();
        rows++;
        cursor.result.continue();
      };
    });
  }
  const ms = performance.now() - t0;
  db.close();
  return { rows, ms };
}

export async function drop(name: string): Promise<void> {
  await new SidecarDB(name).delete();
}
