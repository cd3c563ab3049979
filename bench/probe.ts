// Bundled by bench/run.mjs (with `bundle()` from scripts/chromium.mjs) and evaluated in the
// extension's service worker: grows the database (bench/generate.ts) and times the lookups and
// backups the sidebar and dashboard make. Not a test: nothing here asserts.
import Dexie from 'dexie';
import { applyImport, previewImport } from '../lib/backup/apply';
import { exportBackup } from '../lib/backup/export';
import { readBackup } from '../lib/backup/read';
import { SidecarDB } from '../lib/db';
import { recognize } from '../lib/recognize';
import { connection, grow } from './generate';

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

export interface ExportResult {
  ms: number;
  bytes: number;
  rows: number;
}

/** The dashboard's "Export backup" (lib/backup/export.ts): every table into one Blob. */
export async function timeExport(): Promise<ExportResult> {
  const t0 = performance.now();
  const { blob, counts } = await exportBackup(connection());
  return { ms: performance.now() - t0, bytes: blob.size, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

export interface ImportResult {
  bytes: number;
  rows: number;
  /** readBackup: the file streamed, parsed and validated. */
  readMs: number;
  /** previewImport: what would change (the dashboard shows it before asking). */
  previewMs: number;
  /** applyImport: the merge written in one transaction. */
  applyMs: number;
  written: number;
  /** The same file again: a merge that changes nothing. */
  reimportMs: number[];
  rewritten: number;
}

/**
 * Imports a backup of `contacts` contacts nobody has yet (with their companies and interactions),
 * made by the product's own export from a scratch database, then imports it again.
 */
export async function timeImport(contacts: number, now: number, reimports: number): Promise<ImportResult> {
  const scratch = new SidecarDB('sidecar-bench-import-source');
  let blob: Blob;
  try {
    // Numbered far beyond any generated contact, so that every row is new.
    await grow(50_000_000, 50_000_000 + contacts, now, scratch);
    blob = (await exportBackup(scratch, now)).blob;
  } finally {
    await scratch.delete();
  }
  const db = connection();
  const t0 = performance.now();
  const { data } = await readBackup(blob);
  const t1 = performance.now();
  await previewImport(db, data);
  const t2 = performance.now();
  const plan = await applyImport(db, data);
  const t3 = performance.now();
  const reimportMs: number[] = [];
  let rewritten = 0;
  for (let i = 0; i < reimports; i++) {
    const r0 = performance.now();
    const again = await applyImport(db, (await readBackup(blob)).data);
    reimportMs.push(performance.now() - r0);
    rewritten += changed(again);
  }
  const rows = Object.values(data).reduce((n, rows) => n + (Array.isArray(rows) ? rows.length : 0), 0);
  return { bytes: blob.size, rows, readMs: t1 - t0, previewMs: t2 - t1, applyMs: t3 - t2, written: changed(plan), reimportMs, rewritten };
}

function changed(plan: Record<string, { put: unknown[] }>): number {
  return Object.values(plan).reduce((n, t) => n + t.put.length, 0);
}

