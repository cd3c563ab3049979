// @ts-check
// Growing the benchmark's database: generated contacts through the product's zod schemas and
// Dexie tables (bench/probe.ts, bench/generate.ts).
import { progress } from './browser.mjs';

/** Contacts per transaction: 11,000 rows with their interactions. Decides the seeded content. */
export const CHUNK = 1_000;

/**
 * Adds generated contacts `from`..`to - 1` (10 interactions each) in chunks of CHUNK contacts.
 * @param {import('./session.mjs').Session} session
 * @param {number} from
 * @param {number} to
 * @param {number} now
 */
export async function grow(session, from, to, now) {
  const t0 = performance.now();
  let rows = 0;
  let last = t0;
  for (let i = from; i < to; i += CHUNK) {
    const r = /** @type {import('./probe.ts').GrowResult} */ (await session.probe('grow', i, Math.min(i + CHUNK, to), now));
    rows += r.contacts + r.companies + r.interactions;
    if (performance.now() - last > 5_000 || i + CHUNK >= to) {
      last = performance.now();
      const rate = Math.round(rows / ((last - t0) / 1000));
      progress(`seeding: ${Math.min(i + CHUNK, to)} of ${to} contacts (${rate} rows/s)`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rowsAdded: rows, seconds: Math.round(seconds), rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : null };
}
