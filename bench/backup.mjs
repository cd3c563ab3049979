// @ts-check
// Backup figures at full size: export and merge-import of the database the extension's dashboard
// page sees (bench/run.mjs: a scratch copy of the 100,000-contact profile), timed through the
// product's own functions, with the page's peak JS heap sampled through CDP every 100 ms.
// Standalone, on a database it fills first (slow: about 3,000 rows/s here):
// `npx wxt build && node bench/backup.mjs [--contacts 100000] [--interactions 1000000]`.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, launchWithExtension } from '../scripts/chromium.mjs';
import { progress } from './browser.mjs';
import { judge } from './targets.mjs';

/** The other machine edited one record in this many, and logged one interaction more per this many. */
const DIVERGE_EVERY = 100;

/**
 * @param {{ page: import('playwright-core').Page, emptyImport?: boolean, log?: (s: string) => void }} options
 *   `page`: a page of the extension's origin (chrome-extension://<id>/dashboard.html).
 */
export async function benchBackups({ page, emptyImport = true, log = (s) => process.stderr.write(`${s}\n`) }) {
  await loadProbe(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  };
  const mb = (/** @type {number} */ bytes) => Math.round(bytes / 1024 ** 2);
  /** @param {string} fn @param {unknown[]} args */
  const call = (fn, ...args) => page.evaluate(([f, a]) => /** @type {any} */ (globalThis).SidecarBackupBench[/** @type {string} */ (f)](...(/** @type {unknown[]} */ (a))), [fn, args]);
  /** @param {string} fn @param {unknown[]} args */
  async function measured(fn, ...args) {
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const base = await heap();
    let peak = base;
    let running = true;
    const sampler = (async () => {
      while (running) {
        peak = Math.max(peak, await heap());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = performance.now();
    try {
      const result = /** @type {Record<string, number>} */ (await call(fn, ...args));
      return { ...result, wallSeconds: round1((performance.now() - started) / 1000), heapMB: { before: mb(base), peak: mb(peak) } };
    } finally {
      running = false;
      await sampler;
    }
  }

  log('backups: this browser\'s IndexedDB alone: 20,000 puts, then one cursor over the whole database');
  const putPerSecond = /** @type {number} */ (await call('rawPutRate', 20_000));
  const scan = /** @type {{ rows: number, ms: number }} */ (await call('rawScan'));
  log('backups: export of the whole database');
  const exported = await measured('exportAll');
  log(`backups: the file as the other machine sends it back (1 record in ${DIVERGE_EVERY} edited there, 1 interaction in ${DIVERGE_EVERY} added)`);
  const diverged = await call('diverge', DIVERGE_EVERY);
  log('backups: merge-import of it');
  const merge = await measured('importFile');
  log('backups: the same file again (nothing changes)');
  const again = await measured('importFile');
  let empty;
  if (emptyImport) {
    log('backups: the same file into an empty database (a new machine: every row written)');
    empty = await measured('importFile', 'sidecar-bench-empty');
    await call('drop', 'sidecar-bench-empty');
  }
  await cdp.detach();
  const seconds = (/** @type {any} */ r) => round1((r.readMs + r.previewMs + r.applyMs) / 1000);
  const peak = Math.max(exported.heapMB.peak, merge.heapMB.peak, again.heapMB.peak, empty?.heapMB.peak ?? 0);
  return {
    where: 'the extension’s dashboard page: exportBackup, readBackup, previewImport, applyImport (lib/backup)',
    rawIndexedDB: {
      note: 'this browser with no Dexie and no Sidecar code: one cursor over the database (two in parallel read faster, bench/RESULTS.md), and puts into a new store (the floor under an import)',
      putPerSecond,
      scan: { rows: scan.rows, seconds: round1(scan.ms / 1000), rowsPerSecond: Math.round(scan.rows / (scan.ms / 1000)) },
    },
    export: {
      ...exported,
      seconds: round1(exported.ms / 1000),
      fileMB: mb(exported.bytes),
      oneCursorSeconds: round1(scan.ms / 1000),
      ...judge('exportSeconds', exported.ms / 1000),
    },
    mergeImport: {
      file: `the export with ${diverged.edited} records edited and ${diverged.added} interactions added on the other machine`,
      ...merge,
      seconds: seconds(merge),
      ...judge('importSeconds', seconds(merge)),
    },
    reimportSameFile: { ...again, seconds: seconds(again) },
    importIntoEmpty: empty && {
      ...empty,
      seconds: seconds(empty),
      floorSeconds: round1(empty.written / putPerSecond),
      ...judge('importSeconds', seconds(empty)),
    },
    peakHeapMB: { value: peak, ...judge('peakHeapMB', peak) },
  };
}

/**
 * The backup figures of `bench/run.mjs` at its largest size, in the dashboard page, on a scratch
 * copy of the profile: the imports write to it.
 * @param {import('./session.mjs').Session} session
 * @param {string} profileDir a closed browser's profile
 * @param {number} size
 */
export async function measureBackups(session, profileDir, size) {
  progress(`backups at ${size} contacts: export, merge-import, re-import, import into an empty database (several minutes)`);
  const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
  cpSync(profileDir, scratch, { recursive: true });
  const app = await session.open(scratch);
  try {
    const worker = app.context.serviceWorkers()[0] ?? app.worker;
    const dashboard = await app.context.newPage();
    await dashboard.goto(`chrome-extension://${new URL(worker?.url() ?? '').host}/dashboard.html`);
    const counts = /** @type {Record<string, number>} */ (await session.probe('counts'));
    return { contacts: counts.contacts, interactions: counts.interactions, ...(await benchBackups({ page: dashboard, log: progress })) };
  } finally {
    await session.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** @param {import('playwright-core').Page} page */
async function loadProbe(page) {
  const code = await bundle('bench/backup-probe.ts', 'SidecarBackupBench');
  await page.evaluate(`${code};globalThis.SidecarBackupBench = SidecarBackupBench;`);
}

/** @param {number} x */
const round1 = (x) => Math.round(x * 10) / 10;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const app = await launchWithExtension();
  try {
    const page = await app.context.newPage();
    await page.goto(`chrome-extension://${app.extensionId}/dashboard.html`);
    await loadProbe(page);
    process.stderr.write('backups: filling the database\n');
    await page.evaluate(([c, i]) => /** @type {any} */ (globalThis).SidecarBackupBench.fill(c, i), [arg('contacts', 100_000), arg('interactions', 1_000_000)]);
    process.stdout.write(`${JSON.stringify({ backups: await benchBackups({ page }) }, null, 2)}\n`);
  } finally {
    await app.close();
  }
}
