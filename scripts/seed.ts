// Bundled by scripts/chromium.mjs and evaluated in the extension's service worker, so that the
// demo, the end-to-end tests and the benchmark write records through the product's own schema.
import { SidecarDB } from '../lib/db';

export type SeedData = Partial<Record<'contacts' | 'companies' | 'interactions' | 'deals' | 'satisfaction' | 'followUps', unknown[]>>;

export async function seed(data: SeedData): Promise<void> {
  const db = new SidecarDB();
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const [table, rows] of Object.entries(data)) await db.table(table).bulkPut(rows ?? []);
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
