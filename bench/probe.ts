// Bundled by bench/run.mjs (with `bundle()` from scripts/chromium.mjs) and evaluated in the
// extension's service worker: grows the database (bench/generate.ts) and times the lookups the
// sidebar makes. Not a test: nothing here asserts.
import Dexie from 'dexie';
import { recognize } from '../lib/recognize';
import { connection } from './generate';

export { addPipeline } from './dashboard-probe';
export { addHeavyContact, contactEmail, contactName, grow, strangerEmail, type GrowResult } from './generate';

export async function counts(): Promise<Record<string, number>> {
  const db = connection();
  return {
    contacts: await db.contacts.count(),
    companies: await db.companies.count(),
    interactions: await db.interactions.count(),
  };
}

/** Milliseconds per `recognize(address)` call, one sequential call per address. */
export async function timeRecognize(addresses: string[], expect: 'contact' | 'company'): Promise<number[]> {
  const db = connection();
  await recognize(db, addresses[0]!); // opens the database
  const times: number[] = [];
  for (const address of addresses) {
    const t0 = performance.now();
    const r = await recognize(db, address);
    times.push(performance.now() - t0);
    if (r.kind !== expect) throw new Error(`recognize(${address}) gave ${r.kind}, expected ${expect}`);
  }
  return times;
}

/** Milliseconds to read the 50 newest interactions of a contact through [contactId+occurredAt]. */
export async function timeHistory(contactId: string, runs: number, pageSize = 50): Promise<number[]> {
  const db = connection();
  const firstPage = () =>
    db.interactions
      .where('[contactId+occurredAt]')
      .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
      .reverse()
      .limit(pageSize)
      .toArray();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const rows = await firstPage();
    times.push(performance.now() - t0);
    if (rows.length !== pageSize) throw new Error(`history page had ${rows.length} rows`);
    for (let j = 1; j < rows.length; j++) {
      if (rows[j]!.occurredAt > rows[j - 1]!.occurredAt) throw new Error('history page not newest first');
    }
  }
  return times;
}
