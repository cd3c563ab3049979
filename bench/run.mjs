// @ts-check
// `npm run bench`: performance figures of the built extension in headless Chromium, for people to
// read (nothing is asserted). Prints one JSON object on stdout; progress goes to stderr.
// `npm run bench -- --sizes 1000,10000 --runs 20 --cold-runs 3`. See README.md, "Benchmarks".
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EXTENSION_DIR, GMAIL_URL, ROOT, bundle, fixture, seed, serveGmail, switchThread } from '../scripts/chromium.mjs';
import { DEMO_THREADS, demoData } from '../scripts/demo-data.mjs';
import { benchBackups } from './backup.mjs';
import { contentsOf, profileCache } from './profiles.mjs';
import {
  cardShown,
  chromiumVersionLine,
  fileSizes,
  instrument,
  launch,
  progress,
  ratio,
  sidebarFrame,
  sleep,
  snapshotExtension,
  stats,
} from './browser.mjs';

/** @typedef {import('./browser.mjs').Stats} Stats */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Page} Page */

const USAGE = `Usage: npm run bench -- [--sizes 1000,10000,100000] [--runs 30] [--cold-runs 5] [--fresh | --no-cache] [--no-backups] [--out FILE]
  --sizes      database sizes (contacts, each with 10 interactions), grown in this order
  --runs       timed thread switches per size (after 6 warm-up switches)
  --cold-runs  timed page loads per size (first card after a cold page load)
  --fresh      seed again instead of copying the profiles kept in node_modules/.cache/sidecar-bench
  --no-cache   neither read nor keep seeded profiles
  --no-backups skip the backup export and imports at the largest size (about 10 minutes here)
  --out FILE   also write the JSON to FILE (stdout also carries the build's output under npm run)`;

const options = parseOptions(process.argv.slice(2));
const started = performance.now();
const TARGETS = {
  timeToCard: 'median < 100 ms at every size',
  growth: 'median at the largest size < 2x the median at the smallest (1k -> 100k)',
  contentScript: '< 15 KB gzip',
  recognize: 'median < 2 ms at 100,000 contacts',
  history: 'median < 20 ms for a contact with 10,000 interactions',
};
/** The three senders the switches alternate between, all in the demo data. */
const SENDERS = DEMO_THREADS.slice(0, 3).map((t) => ({ name: t.expect, html: fixture(t.file), hash: t.hash }));
const PRIYA = SENDERS[0] ?? fail('scripts/demo-data.mjs lost its threads');
const CHUNK = 1_000; // contacts per transaction: 11,000 rows with their interactions
const HEAVY_INTERACTIONS = 10_000;
const WARMUP_SWITCHES = 6;
const GMAIL_COST_RUNS = 5;
const GMAIL_COST_SWITCHES = 15;
const SETTLE_MS = 250;
/** Between timed switches, as a reader would: the previous card's other panels finish loading. */
const SWITCH_GAP_MS = 300;

progress(`sizes ${options.sizes.join(', ')}; ${options.runs} switches and ${options.coldRuns} cold loads per size`);
const cache = profileCache({
  root: join(ROOT, 'node_modules', '.cache', 'sidecar-bench'),
  inputs: [
    ...contentsOf(['bench/generate.ts', 'lib/db.ts', 'lib/schema.ts', 'scripts/demo-data.mjs'].map((p) => join(ROOT, p))),
    chromiumVersionLine(),
    String(CHUNK),
  ],
  enabled: options.cache,
});
const extensionDir = snapshotExtension(EXTENSION_DIR, cache.extensionDir);
const bundles = bundleSizes(extensionDir);
const probeCode = await bundle(join(ROOT, 'bench', 'probe.ts'), 'SidecarBench');
const loadStart = os.loadavg();

/** @type {Record<string, unknown>} */
const result = {};
/** The working profile and how many generated contacts its database holds. */
let profile = { dir: '', generated: 0 };
/** @type {import('./browser.mjs').Launched | undefined} */
let app;
// Ctrl+C: Playwright takes the browser down with us; the working copy of the profile is ours to remove.
process.once('SIGINT', () => {
  if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
  process.exit(130);
});
try {
  // Interactions are dated relative to this (cached profiles keep the dates of their run).
  const now = Date.now();
  /** @type {Record<string, unknown>} */
  const sizes = {};
  /** @type {Record<string, unknown>} */
  const sidebarHeap = {};
  /** @type {Record<string, unknown>} */
  const seeding = {};
  /** @type {Record<string, Stats>} */
  const recognizeBySize = {};
  /** @type {unknown} */
  let gmailCost;
  /** @type {unknown} */
  let lookup;
  /** @type {unknown} */
  let backups;
  let chromiumVersion = 'unknown';
  for (const size of options.sizes) {
    if (cache.has(size) && !options.fresh) {
      if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
      profile = { dir: cache.restore(size), generated: size };
      seeding[size] = { fromCache: relative(ROOT, cache.dir) };
      progress(`${size} contacts: profile copied from the cache (${relative(ROOT, cache.dir)})`);
      // The copy has no service worker registration (bench/profiles.mjs). The launch that registers
      // the build under test is not a measured one: in it the extension's pages ran slower here (a
      // backup read of 110,000 rows: 3.7 s, against 1.5-1.7 s in later launches), and a user's
      // browser registered the worker long before.
      await (await launch({ extensionDir, userDataDir: profile.dir })).close();
    } else {
      if (!profile.dir) profile.dir = mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
      app = await open(profile.dir);
      if (profile.generated === 0) await seed(/** @type {import('playwright-core').Worker} */ (app.worker), demoData(now));
      seeding[size] = await grow(profile.generated, size, now);
      profile.generated = size;
      await app.close();
      app = undefined;
      cache.save(size, profile.dir);
    }

    // A fresh browser on the grown profile for every size: the same start for every size.
    app = await open(profile.dir);
    chromiumVersion = app.version;
    const counts = /** @type {Record<string, number>} */ (await probe('counts'));
    progress(`${size} contacts: measuring (${counts.contacts} contacts, ${counts.interactions} interactions in the database)`);
    const measured = await timeToCard(app.context);
    sizes[size] = { contacts: counts.contacts, interactions: counts.interactions, threadSwitch: measured.threadSwitch, coldLoad: measured.coldLoad };
    sidebarHeap[size] = measured.heap;
    recognizeBySize[size] = stats(await timeRecognize(size, 'contactEmail'), 2);
    gmailCost ??= await measureGmailCost(app.context);
    // The lookups add a contact with 10,000 interactions: last, after every card was timed.
    if (size === options.sizes.at(-1)) lookup = await measureLookups(size, now, recognizeBySize);
    await app.close();
    app = undefined;
    if (size === options.sizes.at(-1) && options.backups) backups = await measureBackups(profile.dir, size);
  }

  const smallest = /** @type {any} */ (sizes[options.sizes[0] ?? 0]);
  const largest = /** @type {any} */ (sizes[options.sizes.at(-1) ?? 0]);
  const growth = ratio(largest.threadSwitch.median, smallest.threadSwitch.median);
  const medians = Object.values(sizes).map((s) => /** @type {any} */ (s).threadSwitch.median);

  const contentScriptFile = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).content_scripts?.[0]?.js?.[0];
  const contentScript = bundles.files[contentScriptFile];

  Object.assign(result, {
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
    chromium: chromiumVersion,
    options: { sizes: options.sizes, runs: options.runs, coldRuns: options.coldRuns },
    timeToCard: {
      unit: 'ms',
      what: 'thread DOM inserted into the Gmail page -> sender name in the sidebar card; cold: navigation start -> name',
      steps:
        'threadToSidebar: insert -> the thread in the sidebar store (content script debounce, read, message); ' +
        'recognize: -> the sender recognized (live query, IndexedDB); render: -> the name in the DOM (Vue mounts the panels)',
      target: TARGETS.timeToCard,
      met: medians.every((m) => m < 100),
      sizes,
      growth: { from: options.sizes[0], to: options.sizes.at(-1), ratio: growth, target: TARGETS.growth, met: growth === null ? null : growth < 2 },
    },
    gmailCost: {
      contentScript: {
        file: contentScriptFile,
        ...contentScript,
        target: TARGETS.contentScript,
        met: contentScript ? contentScript.gzipBytes < 15 * 1024 : null,
      },
      .../** @type {object} */ (gmailCost),
      sidebarHeapMB: sidebarHeap,
    },
    lookup,
    backups,
    bundles,
    seeding,
    durationSeconds: Math.round((performance.now() - started) / 1000),
  });
} finally {
  await app?.close();
  if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
  if (!options.cache) rmSync(extensionDir, { recursive: true, force: true });
}
const json = `${JSON.stringify(result, null, 2)}\n`;
process.stdout.write(json);
if (options.out) writeFileSync(options.out, json);
progress('done');

/**
 * The extension in Chromium on `userDataDir`, Gmail served from the saved pages, the probes in.
 * @param {string} userDataDir
 */
async function open(userDataDir) {
  const launched = await launch({ extensionDir, userDataDir });
  await serveGmail(launched.context, () => PRIYA.html);
  await launched.context.addInitScript(instrument);
  return launched;
}

/**
 * Adds generated contacts `from`..`to - 1` (10 interactions each) in chunks of CHUNK contacts,
 * through the product's zod schemas and Dexie tables (bench/probe.ts).
 * @param {number} from
 * @param {number} to
 * @param {number} now
 */
async function grow(from, to, now) {
  const t0 = performance.now();
  let rows = 0;
  let last = t0;
  for (let i = from; i < to; i += CHUNK) {
    const r = /** @type {import('./probe.ts').GrowResult} */ (await probe('grow', i, Math.min(i + CHUNK, to), now));
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

/**
 * Calls one export of bench/probe.ts in the extension's service worker (loading it there first).
 * @param {string} name
 * @param {...unknown} args
 */
async function probe(name, ...args) {
  const worker = app?.context.serviceWorkers()[0] ?? app?.worker;
  if (!worker) throw new Error('the extension has no service worker');
  const loaded = await worker.evaluate(() => typeof (/** @type {any} */ (globalThis).SidecarBench) === 'object');
  if (!loaded) await worker.evaluate(`${probeCode};globalThis.SidecarBench = SidecarBench;`);
  return worker.evaluate(([n, a]) => /** @type {any} */ (globalThis).SidecarBench[n](...a), /** @type {const} */ ([name, args]));
}

/**
 * Time to card in a fresh Gmail tab: cold page loads, then thread switches alternating senders.
 * @param {BrowserContext} context
 */
async function timeToCard(context) {
  const page = await context.newPage();
  try {
    /** @type {number[]} */
    const cold = [];
    for (let run = 0; run < options.coldRuns; run++) {
      // A new query string makes it a real navigation, not a same-document hash change.
      await page.goto(`${GMAIL_URL}?bench=cold${run}#inbox/${PRIYA.hash.split('/')[1]}`, { waitUntil: 'commit' });
      const origin = await page.evaluate(() => performance.timeOrigin);
      const at = await cardShown(await sidebarFrame(page), PRIYA.name, origin);
      cold.push(at - origin);
    }
    const frame = await sidebarFrame(page);
    const heapAfterLoad = await frameHeap(context, frame, false);

    const hooked = await frame.evaluate(() => /** @type {any} */ (window).__sidecarBenchHookStores());
    /** @type {number[]} */
    const switches = [];
    /** @type {Record<'threadToSidebar' | 'recognize' | 'render', number[]>} */
    const steps = { threadToSidebar: [], recognize: [], render: [] };
    for (let i = 0; i < WARMUP_SWITCHES + options.runs; i++) {
      const to = /** @type {(typeof SENDERS)[number]} */ (SENDERS[(i + 1) % SENDERS.length]);
      const inserted = await switchThread(page, to.html, `${to.hash}-${i}`);
      const shown = await cardShown(frame, to.name, inserted);
      if (i >= WARMUP_SWITCHES) {
        switches.push(shown - inserted);
        /** @type {{ what: string, id: string | null, at: number }[]} */
        const phases = hooked ? await frame.evaluate((t) => /** @type {any} */ (window).__sidecarBenchPhases(t), inserted) : [];
        const thread = phases.find((p) => p.what === 'thread');
        const recognized = phases.find((p) => p.what === 'recognized' && p.id === to.name);
        if (thread && recognized) {
          steps.threadToSidebar.push(thread.at - inserted);
          steps.recognize.push(recognized.at - thread.at);
          steps.render.push(shown - recognized.at);
        }
      }
      await sleep(SWITCH_GAP_MS);
    }
    const afterSwitches = await frameHeap(context, frame, false);
    const afterSwitchesGc = await frameHeap(context, frame, true);
    return {
      coldLoad: stats(cold),
      threadSwitch: {
        ...stats(switches),
        steps:
          steps.render.length > 0
            ? {
                threadToSidebar: stats(steps.threadToSidebar),
                recognize: stats(steps.recognize),
                render: stats(steps.render),
              }
            : null,
      },
      heap: { afterColdLoad: heapAfterLoad, afterSwitches, afterSwitchesGc },
    };
  } finally {
    await page.close();
  }
}

/**
 * The sidebar frame's V8 heap in MB, through the DevTools protocol on the frame's own target.
 * @param {BrowserContext} context
 * @param {import('playwright-core').Frame} frame
 * @param {boolean} gc collect garbage first
 */
async function frameHeap(context, frame, gc) {
  const cdp = await context.newCDPSession(frame);
  try {
    if (gc) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Number((usedSize / 2 ** 20).toFixed(2));
  } finally {
    await cdp.detach();
  }
}

/**
 * What Gmail's page (its renderer's main thread) spends with and without the extension: at page
 * load and per thread switch, from Performance.getMetrics and long tasks. Without the extension,
 * a second Chromium runs the same saved page and the same switches.
 * @param {BrowserContext} withExtension
 */
async function measureGmailCost(withExtension) {
  progress('Gmail’s cost: page loads and switches with and without the extension');
  const baseline = await launch({});
  try {
    await serveGmail(baseline.context, () => PRIYA.html);
    await baseline.context.addInitScript(instrument);
    /** @type {Record<'with' | 'without', PageCost[]>} */
    const loads = { with: [], without: [] };
    /** @type {Record<'with' | 'without', PageCost[]>} */
    const switches = { with: [], without: [] };
    /** @type {Record<'with' | 'without', LongTask[]>} */
    const loadLongTasks = { with: [], without: [] };
    /** @type {Record<'with' | 'without', LongTask[]>} */
    const switchLongTasks = { with: [], without: [] };
    // One untimed load each first (disk cache, code cache), then alternate to spread the noise.
    for (let run = -1; run < GMAIL_COST_RUNS; run++) {
      for (const [key, context] of /** @type {const} */ ([['with', withExtension], ['without', baseline.context]])) {
        const measured = await pageCost(context, key === 'with', run < 0 ? 0 : run === 0 ? GMAIL_COST_SWITCHES : 0);
        if (run < 0) continue;
        loads[key].push(measured.load);
        loadLongTasks[key].push(...measured.loadLongTasks);
        switches[key].push(...measured.switches);
        switchLongTasks[key].push(...measured.switchLongTasks);
      }
    }
    return {
      pageLoad: compare(loads, loadLongTasks),
      threadSwitch: compare(switches, switchLongTasks),
      note:
        'Main-thread time of the Gmail tab (Performance.getMetrics). The saved pages carry none of Gmail’s ' +
        'own scripts, so the baseline is nearly empty and the ratio overstates our share of a real Gmail tab; ' +
        'the added milliseconds are the figure to read.',
    };
  } finally {
    await baseline.close();
  }
}

/**
 * @typedef {{ scriptMs: number, taskMs: number, layoutMs: number, recalcStyleMs: number, jsHeapMB: number }} PageCost
 * @typedef {{ start: number, duration: number }} LongTask
 */

/**
 * One page load (and, if asked, that many thread switches) in a fresh tab, with the page's
 * main-thread metrics before and after. With the extension, each step also waits for the card.
 * @param {BrowserContext} context
 * @param {boolean} extension
 * @param {number} switchCount
 */
async function pageCost(context, extension, switchCount) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const read = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return {
        scriptMs: (m.ScriptDuration ?? 0) * 1000,
        taskMs: (m.TaskDuration ?? 0) * 1000,
        layoutMs: (m.LayoutDuration ?? 0) * 1000,
        recalcStyleMs: (m.RecalcStyleDuration ?? 0) * 1000,
        jsHeapMB: (m.JSHeapUsedSize ?? 0) / 2 ** 20,
      };
    };
    await page.goto(`${GMAIL_URL}?bench=cost#inbox/${PRIYA.hash.split('/')[1]}`, { waitUntil: 'load' });
    const frame = extension ? await sidebarFrame(page) : undefined;
    if (frame) await cardShown(frame, PRIYA.name, 0);
    await sleep(SETTLE_MS);
    const load = await read();
    const loadEnd = await page.evaluate(() => performance.now());

    /** @type {PageCost[]} */
    const switches = [];
    for (let i = 0; i < switchCount + 3; i++) {
      const to = /** @type {(typeof SENDERS)[number]} */ (SENDERS[(i + 1) % SENDERS.length]);
      const before = await read();
      const inserted = await switchThread(page, to.html, `${to.hash}-${i}`);
      if (frame) await cardShown(frame, to.name, inserted);
      await sleep(SETTLE_MS);
      const after = await read();
      // The first three switches warm up; the heap is a level, not a delta.
      if (i >= 3) switches.push({ ...diff(after, before), jsHeapMB: after.jsHeapMB });
    }
    const tasks = /** @type {LongTask[]} */ (await page.evaluate(() => /** @type {any} */ (window).__sidecarBenchLongTasks ?? []));
    return {
      load,
      loadLongTasks: tasks.filter((t) => t.start <= loadEnd),
      switches,
      switchLongTasks: tasks.filter((t) => t.start > loadEnd),
    };
  } finally {
    await page.close();
  }
}

/**
 * @param {PageCost} a
 * @param {PageCost} b
 * @returns {PageCost}
 */
function diff(a, b) {
  return {
    scriptMs: a.scriptMs - b.scriptMs,
    taskMs: a.taskMs - b.taskMs,
    layoutMs: a.layoutMs - b.layoutMs,
    recalcStyleMs: a.recalcStyleMs - b.recalcStyleMs,
    jsHeapMB: a.jsHeapMB - b.jsHeapMB,
  };
}

/**
 * @param {Record<'with' | 'without', PageCost[]>} runs
 * @param {Record<'with' | 'without', LongTask[]>} longTasks
 */
function compare(runs, longTasks) {
  const side = (/** @type {'with' | 'without'} */ key) => {
    const of = (/** @type {keyof PageCost} */ field) => stats(runs[key].map((r) => r[field]), 2);
    const tasks = longTasks[key];
    return {
      scriptMs: of('scriptMs'),
      taskMs: of('taskMs'),
      layoutMs: of('layoutMs'),
      recalcStyleMs: of('recalcStyleMs'),
      jsHeapMB: of('jsHeapMB'),
      longTasks: { count: tasks.length, totalMs: Math.round(tasks.reduce((sum, t) => sum + t.duration, 0)) },
    };
  };
  const withExtension = side('with');
  const withoutExtension = side('without');
  const added = (/** @type {'scriptMs' | 'taskMs' | 'layoutMs' | 'recalcStyleMs'} */ f) =>
    Number((withExtension[f].median - withoutExtension[f].median).toFixed(2));
  return {
    withExtension,
    withoutExtension,
    addedMs: { script: added('scriptMs'), task: added('taskMs'), layout: added('layoutMs'), recalcStyle: added('recalcStyleMs') },
    ratio: {
      script: ratio(withExtension.scriptMs.median, withoutExtension.scriptMs.median),
      task: ratio(withExtension.taskMs.median, withoutExtension.taskMs.median),
    },
  };
}

/**
 * recognize() and the first history page, in the extension's service worker.
 * @param {number} generated generated contacts in the database
 * @param {number} now
 * @param {Record<string, Stats>} recognizeBySize recognize() of known addresses at every size
 */
async function measureLookups(generated, now, recognizeBySize) {
  progress(`lookups at ${generated} contacts: adding a contact with ${HEAVY_INTERACTIONS} interactions`);
  const heavy = /** @type {{ contactId: string }} */ (await probe('addHeavyContact', HEAVY_INTERACTIONS, now));
  const counts = /** @type {Record<string, number>} */ (await probe('counts'));
  progress('lookups: recognize() and the first history page');
  const known = await timeRecognize(generated, 'contactEmail');
  const stranger = await timeRecognize(generated, 'strangerEmail');
  const history = /** @type {number[]} */ (await probe('timeHistory', heavy.contactId, 100));
  const knownStats = stats(known, 2);
  const historyStats = stats(history, 2);
  return {
    unit: 'ms',
    where: 'the extension’s service worker, its IndexedDB (the one the sidebar reads)',
    contacts: counts.contacts,
    interactions: counts.interactions,
    recognizeKnownAddress: { ...knownStats, target: TARGETS.recognize, met: generated >= 100_000 ? knownStats.median < 2 : null },
    recognizeUnknownAddressAtKnownCompany: stats(stranger, 2),
    recognizeKnownAddressBySize: recognizeBySize,
    historyFirstPage: {
      ...historyStats,
      pageSize: 50,
      interactionsOfContact: HEAVY_INTERACTIONS,
      query: "interactions.where('[contactId+occurredAt]').between([id, minKey], [id, maxKey]).reverse().limit(50)",
      target: TARGETS.history,
      met: historyStats.median < 20,
    },
    note: 'performance.now() in an extension service worker is coarsened to 0.1 ms',
  };
}

/**
 * recognize() on 200 addresses spread over the generated contacts (the same ones every run).
 * @param {number} generated
 * @param {'contactEmail' | 'strangerEmail'} which a contact's address, or a stranger's at a known company
 * @returns {Promise<number[]>}
 */
async function timeRecognize(generated, which) {
  const sample = Array.from({ length: 200 }, (_, i) => Math.floor(((i * 7919) % 200) * (generated / 200)));
  const addresses = await probeMap(which, sample);
  return /** @type {number[]} */ (await probe('timeRecognize', addresses, which === 'contactEmail' ? 'contact' : 'company'));
}

/**
 * The dashboard's backup export and merge-import (lib/backup, bench/backup.mjs) of the largest
 * database, on a scratch copy of its profile: the imports write to it.
 * @param {string} profileDir a closed browser's profile
 * @param {number} size
 */
async function measureBackups(profileDir, size) {
  progress(`backups at ${size} contacts: export, merge-import, re-import, import into an empty database (several minutes)`);
  const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
  cpSync(profileDir, scratch, { recursive: true });
  app = await open(scratch);
  try {
    const worker = app.context.serviceWorkers()[0] ?? app.worker;
    const dashboard = await app.context.newPage();
    await dashboard.goto(`chrome-extension://${new URL(worker?.url() ?? '').host}/dashboard.html`);
    const counts = /** @type {Record<string, number>} */ (await probe('counts'));
    return { contacts: counts.contacts, interactions: counts.interactions, ...(await benchBackups({ page: dashboard, log: progress })) };
  } finally {
    await app.close();
    app = undefined;
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * @param {string} name
 * @param {number[]} indices
 */
async function probeMap(name, indices) {
  const worker = app?.context.serviceWorkers()[0] ?? app?.worker;
  if (!worker) throw new Error('the extension has no service worker');
  await probe('counts'); // loads the probe if the worker restarted
  return worker.evaluate(([n, xs]) => xs.map((x) => /** @type {any} */ (globalThis).SidecarBench[n](x)), /** @type {const} */ ([name, indices]));
}

/** @param {string} dir */
function bundleSizes(dir) {
  const files = fileSizes(dir);
  const total = Object.values(files).reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzipBytes: t.gzipBytes + f.gzipBytes }), { bytes: 0, gzipBytes: 0 });
  return { dir: '.output/chrome-mv3', gzip: 'level 9, per file', files, total };
}

/** @param {number} x */
function round2(x) {
  return Number(x.toFixed(2));
}

/** @param {string[]} args */
function parseOptions(args) {
  const opts = { sizes: [1_000, 10_000, 100_000], runs: 30, coldRuns: 5, cache: true, fresh: false, backups: true, out: '' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = /** @type {[string, string | undefined]} */ (args[i]?.split('=', 2) ?? ['']);
    const value = () => inline ?? args[++i] ?? '';
    const count = (/** @type {string} */ v) => {
      const n = Number(v.replace(/[_,]/g, ''));
      if (!Number.isInteger(n) || n < 1) fail(`${flag} wants a positive whole number, not "${v}"`);
      return n;
    };
    if (flag === '--sizes') {
      opts.sizes = value()
        .split(',')
        .map((v) => count(v.replace(/k$/i, '000')));
      opts.sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
    } else if (flag === '--runs') opts.runs = count(value());
    else if (flag === '--cold-runs') opts.coldRuns = count(value());
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--no-cache') opts.cache = false;
    else if (flag === '--no-backups') opts.backups = false;
    else if (flag === '--out') opts.out = value() || fail('--out wants a file name');
    else if (flag === '--help' || flag === '-h') {
      console.error(USAGE);
      process.exit(0);
    } else fail(`unknown option ${flag}`);
  }
  return opts;
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
