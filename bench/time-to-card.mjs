// @ts-check
// Time to card: cold page loads of Gmail until the sidebar names the sender, then thread switches
// alternating senders, each split into its steps; and the sidebar frame's heap along the way.
import { GMAIL_URL, switchThread } from '../scripts/chromium.mjs';
import { cardShown, sidebarFrame, sleep, stats } from './browser.mjs';
import { PRIYA, PRIYA_INBOX_HASH, senderAfter } from './senders.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */

const WARMUP_SWITCHES = 6;
/** Between timed switches, as a reader would: the previous card's other panels finish loading. */
const SWITCH_GAP_MS = 300;

/**
 * In a fresh Gmail tab.
 * @param {BrowserContext} context
 * @param {{ runs: number, coldRuns: number }} options
 */
export async function timeToCard(context, { runs, coldRuns }) {
  const page = await context.newPage();
  try {
    /** @type {number[]} */
    const cold = [];
    for (let run = 0; run < coldRuns; run++) {
      // A new query string makes it a real navigation, not a same-document hash change.
      await page.goto(`${GMAIL_URL}?bench=cold${run}${PRIYA_INBOX_HASH}`, { waitUntil: 'commit' });
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
    for (let i = 0; i < WARMUP_SWITCHES + runs; i++) {
      const to = senderAfter(i);
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
