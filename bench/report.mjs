// @ts-check
// The JSON `npm run bench` prints: every figure with its target beside it (bench/targets.mjs).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileSizes, ratio } from './browser.mjs';
import { judge } from './targets.mjs';

/** @param {string} dir the extension's files */
export function bundleSizes(dir) {
  const files = fileSizes(dir);
  const total = Object.values(files).reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzipBytes: t.gzipBytes + f.gzipBytes }), { bytes: 0, gzipBytes: 0 });
  return { dir: '.output/chrome-mv3', gzip: 'level 9, per file', files, total };
}

/**
 * @param {object} run
 * @param {import('./options.mjs').Options} run.options
 * @param {number[]} run.loadStart os.loadavg() when the run started
 * @param {number} run.started performance.now() when the run started
 * @param {string} run.chromium
 * @param {string} run.extensionDir
 * @param {ReturnType<typeof bundleSizes>} run.bundles
 * @param {Record<string, { threadSwitch: { median: number }, coldLoad: { median: number } }>} run.sizes time to card per size
 * @param {Record<string, unknown>} run.sidebarHeap
 * @param {object} run.gmailCost bench/gmail-cost.mjs
 * @param {unknown} run.lookup
 * @param {unknown} run.dashboard bench/dashboard.mjs
 * @param {unknown} run.backups
 * @param {Record<string, unknown>} run.seeding
 */
export function report({ options, loadStart, started, chromium, extensionDir, bundles, sizes, sidebarHeap, gmailCost, lookup, dashboard, backups, seeding }) {
  const smallest = sizes[options.sizes[0] ?? 0];
  const largest = sizes[options.sizes.at(-1) ?? 0];
  const growth = smallest && largest ? ratio(largest.threadSwitch.median, smallest.threadSwitch.median) : null;
  const slowest = Math.max(...Object.values(sizes).map((s) => s.threadSwitch.median));
  const slowestColdLoad = Math.max(...Object.values(sizes).map((s) => s.coldLoad.median));

  const contentScriptFile = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).content_scripts?.[0]?.js?.[0];
  const contentScript = bundles.files[contentScriptFile];

  return {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      // Other work on the machine slows everything down: compare runs made under similar load.
      loadAverage: { atStart: loadStart.map(round2), atEnd: os.loadavg().map(round2) },
    },
    chromium,
    options: { sizes: options.sizes, runs: options.runs, coldRuns: options.coldRuns },
    timeToCard: {
      unit: 'ms',
      what: 'thread DOM inserted into the Gmail page -> sender name in the sidebar card; cold: navigation start -> name',
      steps:
        'threadToSidebar: insert -> the thread in the sidebar store (the content script reads at the next frame, message); ' +
        'recognize: -> the sender recognized (live query, IndexedDB); render: -> the name in the DOM (the card replaced in place)',
      ...judge('timeToCard', slowest),
      switchToCard: judge('switchToCard', largest?.threadSwitch.median, options.sizes.at(-1)),
      coldLoad: { slowestMedian: slowestColdLoad, ...judge('coldLoad', slowestColdLoad) },
      sizes,
      growth: {
        from: options.sizes[0],
        to: options.sizes.at(-1),
        ratio: growth,
        ...judge('growth', growth),
        switchGrowth: judge('switchGrowth', growth),
      },
    },
    gmailCost: {
      contentScript: {
        file: contentScriptFile,
        ...contentScript,
        ...judge('contentScriptKB', contentScript && contentScript.gzipBytes / 1024),
      },
      ...gmailCost,
      sidebarHeapMB: sidebarHeap,
    },
    lookup,
    dashboard,
    backups,
    bundles,
    seeding,
    durationSeconds: Math.round((performance.now() - started) / 1000),
  };
}

/** @param {number} x */
function round2(x) {
  return Number(x.toFixed(2));
}
