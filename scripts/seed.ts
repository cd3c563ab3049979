// Bundled by scripts/chromium.mjs and evaluated in the extension's service worker, so that the
// demo, the end-to-end tests and the benchmark write records through the product's own schema.
import Dexie from 'dexie';
import { SidecarDB } from '../lib/db';
import { deferStayInTouch } from '../lib/db-derived';
import { rebuildStayInTouch } from '../lib/stay-in-touch';
import { RecordSchemas, type RecordTable } from '../lib/schema';

export type SeedData = Partial<Record<RecordTable, unknown[]>>;

export async function seed(data: SeedData): Promise<void> {
  // Parsed with the product's own schemas: a seed that the app would reject fails here, loudly.
  const parsed = Object.entries(data).map(([table, rows]) => {
    const schema = RecordSchemas[table as RecordTable];
    if (!schema) throw new Error(`unknown table ${table}`);
    return [table, (rows ?? []).map((row) => schema.parse(row))] as const;
  });
  const db = new SidecarDB();
  try {
    await db.transaction('rw', db.tables, async () => {
      // As an import does: the stay-in-touch rows derived once, at the end.
      deferStayInTouch(Dexie.currentTransaction);
      for (const [table, rows] of parsed) await db.table(table).bulkPut(rows);
      await rebuildStayInTouch((name) => db.table(name));
    });
  } finally {
    db.close();
  }
}

export async function count(table: string): Promise<number> {
  const db = new SidecarDB();
  try {
    return await db.table(table).count();
  } finally {
    db.close();
  }
}
