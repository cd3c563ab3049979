// @ts-check
// The dashboard's Today and pipeline at the largest size, with open deals and follow-ups added:
// navigation start -> the view's content in the DOM, in a fresh tab each time.
import { progress, stats } from './browser.mjs';
import { judge } from './targets.mjs';

const OPEN_DEALS = 5_000;
const FOLLOW_UPS = 400;
const RUNS = 10;
const SETTLE_MS = 20_000;

/** What shows that each view has rendered its content: Today's follow-ups and its lapsed contacts. */
const VIEWS = /** @type {const} */ ({
  today: ['[data-testid=followup]', '.in-touch'],
  pipeline: ['[data-deal-id]'],
});

/**
 * @param {import('./session.mjs').Session} session
 * @param {number} generated
 * @param {number} now
 */
export async function measureDashboard(session, generated, now) {
  progress(`dashboard: adding ${OPEN_DEALS} open deals and ${FOLLOW_UPS} follow-ups`);
  const added = await session.probe('addPipeline', generated, OPEN_DEALS, FOLLOW_UPS, now);
  // The browser's storage compacts for a while after those thousands of writes; the views are
  // timed once it has settled, as a user opening the dashboard later would meet them.
  progress(`dashboard: ${SETTLE_MS / 1000} s for the storage to settle`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { context } = session.app;
  const worker = context.serviceWorkers()[0] ?? session.app.worker;
  if (!worker) throw new Error('the extension has no service worker');
  const extensionId = new URL(worker.url()).host;
  /** @type {Record<string, unknown>} */
  const views = {};
  for (const [view, selector] of Object.entries(VIEWS)) {
    progress(`dashboard: ${view}, ${RUNS} loads`);
    const times = [];
    for (let run = -1; run < RUNS; run++) {
      const page = await context.newPage();
      try {
        await page.goto(`chrome-extension://${extensionId}/dashboard.html#${view}`);
        // Checked at every frame: the figure is at most one frame late.
        const at = await page.waitForFunction((all) => all.every((s) => document.querySelector(s)) && performance.now(), selector, { polling: 'raf', timeout: 20_000 });
        if (run >= 0) times.push(/** @type {number} */ (await at.jsonValue()));
      } finally {
        await page.close();
      }
    }
    const s = stats(times);
    views[view] = { ...s, ...judge('dashboardView', s.median) };
  }
  return {
    unit: 'ms',
    what: 'navigation start -> the first follow-up and lapsed contact (Today) or deal card (pipeline) in the DOM, a fresh tab each load',
    book: { contacts: generated, ...added },
    ...views,
  };
}
