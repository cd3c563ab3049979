// @ts-check
// Backup figures: export and merge-import of N contacts + M interactions in the built extension's
// dashboard page, with wall time and the page's peak JS heap (sampled through CDP every 100 ms).
// Standalone: `npx wxt build && node bench/backup.mjs [--contacts 100000] [--interactions 1000000]`.
// From bench/run.mjs: `const { benchBackups } = await import('./backup.mjs'); results.backups = await benchBackups({ page, sizes })`
// with `page` any page of the extension's origin (e.g. chrome-extension://<id>/dashboard.html).
import { fileURLToPath } from 'node:url';
import { bundle, launchWithExtension } from '../scripts/chromium.mjs';

/**
 * @param {{ page: import('playwright-core').Page, sizes?: { contacts: number, interactions: number }[], log?: (s: string) => void }} options
 */
export async function benchBackups({ page, sizes = [{ contacts: 100_000, interactions: 1_000_000 }], log = (s) => process.stderr.write(`${s}\n`) }) {
  const code = await bundle('bench/backup-probe.ts', 'SidecarBackupBench');
  await page.evaluate(`${code};globalThis.SidecarBackupBench = SidecarBackupBench;`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  };
  /** @template T @param {() => Promise<T>} task */
  async function measured(task) {
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
    try {
      return { result: await task(), peakHeapMB: Math.round(peak / 1024 ** 2), baseHeapMB: Math.round(base / 1024 ** 2) };
    } finally {
      running = false;
      await sampler;
    }
  }
  const results = [];
  for (const size of sizes) {
    const source = `bench-backup-src-${size.contacts}`;
    const target = `bench-backup-dst-${size.contacts}`;
    const call = (/** @type {string} */ fn, /** @type {unknown[]} */ ...args) =>
      page.evaluate(([f, a]) => /** @type {any} */ (globalThis).SidecarBackupBench[/** @type {string} */ (f)](...(/** @type {unknown[]} */ (a))), [fn, args]);
    log(`backups: filling ${size.contacts} contacts + ${size.interactions} interactions`);
    await call('drop', source, target);
    await call('fill', source, size.contacts, size.interactions);
    log('backups: export');
    const exported = await measured(() => call('exportFrom', source));
    log('backups: import into an empty database');
    const first = await measured(() => call('importInto', target));
    log('backups: the same file again (merge, nothing changes)');
    const again = await measured(() => call('importInto', target));
    await call('drop', source, target);
    results.push({ ...size, export: exported, importEmpty: first, importAgain: again });
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const app = await launchWithExtension();
  try {
    const page = await app.context.newPage();
    await page.goto(`chrome-extension://${app.extensionId}/dashboard.html`);
    const results = await benchBackups({ page, sizes: [{ contacts: arg('contacts', 100_000), interactions: arg('interactions', 1_000_000) }] });
    process.stdout.write(`${JSON.stringify({ backups: results }, null, 2)}\n`);
  } finally {
    await app.close();
  }
}
