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
  progress(`dashboard: adding ${OPEN_DEALS} open deals, ${FOLLOW_UPS} follow-ups, and Insights' scores and threads`);
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
    insights: await measureInsights(context, extensionId),
    contacts: await measureContacts(context, extensionId),
  };
}

/**
 * Insights over the last 12 months: navigation start until the figures are counted and every
 * chart is drawn (chart.js loaded and painted), a fresh tab each load.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 */
async function measureInsights(context, extensionId) {
  progress(`dashboard: insights, ${RUNS} loads`);
  const times = [];
  const fresh = [];
  for (let run = -1; run < RUNS; run++) {
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/dashboard.html#insights`);
      const at = await page.waitForFunction(
        () => document.querySelector('.dashboard-insights[data-ready] [data-chart=drawn]') && !document.querySelector('[data-chart=loading]') && performance.now(),
        null,
        { polling: 'raf', timeout: 30_000 },
      );
      // The book's health counted again behind the figures, replacing the count kept from the last load.
      const counted = await page.waitForFunction(() => document.querySelector('.dashboard-insights[data-health=fresh]') && performance.now(), null, { polling: 'raf', timeout: 60_000 });
      if (run >= 0) {
        times.push(/** @type {number} */ (await at.jsonValue()));
        fresh.push(/** @type {number} */ (await counted.jsonValue()));
      }
    } finally {
      await page.close();
    }
  }
  const s = stats(times);
  return {
    what: 'navigation start -> the figures and the health counted on the last load shown, every chart drawn (view); -> the health counted afresh (freshHealth); last 12 months, a fresh tab each load',
    ...s,
    ...judge('insightsView', s.median),
    freshHealth: stats(fresh),
  };
}

/** Typed into the contacts search one key at a time, cleared between names: 30 keystrokes in all. */
const TYPED = ['nadia okafor', 'tomas silva', 'greta hughes'];
const KEYSTROKES = 30;

/**
 * The contacts list: the page loaded until its first rows show; each keystroke until the list
 * shows that search's matches (the view names the search its page answers); and the
 * duplicate finder over the whole book, from the click until its pairs are listed.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 */
async function measureContacts(context, extensionId) {
  progress(`dashboard: contacts, ${RUNS} loads`);
  const loads = [];
  for (let run = -1; run < RUNS; run++) {
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/dashboard.html#contacts`);
      const at = await page.waitForFunction(() => document.querySelector('.contacts-body [role=row]') && performance.now(), null, { polling: 'raf', timeout: 20_000 });
      if (run >= 0) loads.push(/** @type {number} */ (await at.jsonValue()));
    } finally {
      await page.close();
    }
  }
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/dashboard.html#contacts`);
    await page.waitForSelector('.contacts-body [role=row]', { timeout: 20_000 });
    progress(`dashboard: contacts, ${KEYSTROKES} keystrokes`);
    const keystrokes = await page.evaluate(
      async ({ names, count }) => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('input[type=search]'));
        const shows = (text) => document.querySelector('.contacts-view[data-search]')?.getAttribute('data-search') === text;
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const times = [];
        const type = async (value) => {
          const started = performance.now();
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          while (!shows(value)) await frame();
          return performance.now() - started;
        };
        for (const name of names) {
          for (let i = 1; i <= name.length && times.length < count; i++) times.push(await type(name.slice(0, i)));
          await type('');
        }
        return times;
      },
      { names: TYPED, count: KEYSTROKES },
    );
    progress('dashboard: duplicate finder');
    await page.goto(`chrome-extension://${extensionId}/dashboard.html#duplicates`);
    const button = page.getByRole('button', { name: 'Find duplicates' });
    await button.waitFor();
    const started = await page.evaluate(() => performance.now());
    await button.click();
    const done = await page.waitForFunction(() => document.querySelector('.summary') && performance.now(), null, { polling: 'raf', timeout: 120_000 });
    const finderMs = /** @type {number} */ (await done.jsonValue()) - started;
    const summary = await page.locator('.summary').textContent();
    const load = stats(loads);
    const typed = stats(keystrokes);
    return {
      what: 'navigation start -> the first rows (page); a keystroke -> the frame where the list shows that search (keystroke); click -> pairs listed (duplicate finder)',
      page: { ...load, ...judge('contactsPage', load.median) },
      keystroke: { ...typed, ...judge('contactsKeystroke', typed.median) },
      duplicateFinder: { ms: Math.round(finderMs), summary, ...judge('duplicateFinder', finderMs) },
    };
  } finally {
    await page.close();
  }
}
