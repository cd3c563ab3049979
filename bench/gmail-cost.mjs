// @ts-check
// What Gmail's page (its renderer's main thread) spends with and without the extension: at page
// load and per thread switch, from Performance.getMetrics and long tasks. Without the extension,
// a second Chromium runs the same saved page and the same switches.
import { GMAIL_URL, serveGmail, switchThread } from '../scripts/chromium.mjs';
import { cardShown, instrument, launch, progress, ratio, sidebarFrame, sleep, stats } from './browser.mjs';
import { PRIYA, PRIYA_INBOX_HASH, senderAfter } from './senders.mjs';
import { costBreakdown } from './cost-breakdown.mjs';
import { judge } from './targets.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/**
 * @typedef {{ scriptMs: number, taskMs: number, layoutMs: number, recalcStyleMs: number, jsHeapMB: number }} PageCost
 * @typedef {{ start: number, duration: number }} LongTask
 * @typedef {'with' | 'without'} Side
 */

const RUNS = 5;
const SWITCHES = 15;
const WARMUP_SWITCHES = 3;
const SETTLE_MS = 250;

/** @param {BrowserContext} withExtension */
export async function measureGmailCost(withExtension) {
  progress('Gmail’s cost: page loads and switches with and without the extension');
  const baseline = await launch({});
  try {
    await serveGmail(baseline.context, () => PRIYA.html);
    await baseline.context.addInitScript(instrument);
    /** @type {Record<Side, PageCost[]>} */
    const loads = { with: [], without: [] };
    /** @type {Record<Side, PageCost[]>} */
    const switches = { with: [], without: [] };
    /** @type {Record<Side, LongTask[]>} */
    const loadLongTasks = { with: [], without: [] };
    /** @type {Record<Side, LongTask[]>} */
    const switchLongTasks = { with: [], without: [] };
    // One untimed load each first (disk cache, code cache), then alternate to spread the noise.
    for (let run = -1; run < RUNS; run++) {
      for (const [key, context] of /** @type {const} */ ([['with', withExtension], ['without', baseline.context]])) {
        const measured = await pageCost(context, key === 'with', run < 0 ? 0 : run === 0 ? SWITCHES : 0);
        if (run < 0) continue;
        loads[key].push(measured.load);
        loadLongTasks[key].push(...measured.loadLongTasks);
        switches[key].push(...measured.switches);
        switchLongTasks[key].push(...measured.switchLongTasks);
      }
    }
    return {
      pageLoad: { ...compare(loads, loadLongTasks, 'pageLoadTaskMs'), breakdown: await costBreakdown(withExtension, baseline.context, 'pageLoad') },
      threadSwitch: { ...compare(switches, switchLongTasks, 'switchTaskMs'), breakdown: await costBreakdown(withExtension, baseline.context, 'threadSwitch') },
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
    /** @returns {Promise<PageCost>} */
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
    await page.goto(`${GMAIL_URL}?bench=cost${PRIYA_INBOX_HASH}`, { waitUntil: 'load' });
    const frame = extension ? await sidebarFrame(page) : undefined;
    if (frame) await cardShown(frame, PRIYA.name, 0);
    await sleep(SETTLE_MS);
    const load = await read();
    const loadEnd = await page.evaluate(() => performance.now());

    /** @type {PageCost[]} */
    const switches = [];
    for (let i = 0; i < switchCount + WARMUP_SWITCHES; i++) {
      const to = senderAfter(i);
      const before = await read();
      const inserted = await switchThread(page, to.html, `${to.hash}-${i}`);
      if (frame) await cardShown(frame, to.name, inserted);
      await sleep(SETTLE_MS);
      const after = await read();
      // The heap is a level, not a delta.
      if (i >= WARMUP_SWITCHES) switches.push({ ...diff(after, before), jsHeapMB: after.jsHeapMB });
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
 * @param {Record<Side, PageCost[]>} runs
 * @param {Record<Side, LongTask[]>} longTasks
 * @param {'pageLoadTaskMs' | 'switchTaskMs'} target what the added task time is held to
 */
function compare(runs, longTasks, target) {
  const side = (/** @type {Side} */ key) => {
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
    addedTask: judge(target, added('taskMs')),
    ratio: {
      script: ratio(withExtension.scriptMs.median, withoutExtension.scriptMs.median),
      task: ratio(withExtension.taskMs.median, withoutExtension.taskMs.median),
    },
  };
}
