// @ts-check
// Where the extension's cost goes in Gmail's main thread: DevTools traces of page loads (and of
// thread switches) with and without it, the self time of each kind of event summed, and the kinds
// whose time grows most with the extension. The content script's own code is told apart by its
// chrome-extension:// URL.
import { GMAIL_URL, switchThread } from '../scripts/chromium.mjs';
import { cardShown, sidebarFrame, sleep } from './browser.mjs';
import { PRIYA, PRIYA_INBOX_HASH, senderAfter } from './senders.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').CDPSession} CDPSession */
/** @typedef {{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent */

const LOADS = 3;
const SWITCHES = 6;
const SETTLE_MS = 250;
const SHOWN = 8;

/**
 * @param {BrowserContext} withExtension
 * @param {BrowserContext} withoutExtension
 * @param {'pageLoad' | 'threadSwitch'} what
 */
export async function costBreakdown(withExtension, withoutExtension, what) {
  const per = what === 'pageLoad' ? LOADS : SWITCHES;
  const withTimes = await traced(withExtension, true, what);
  const withoutTimes = await traced(withoutExtension, false, what);
  const added = [...new Set([...withTimes.keys(), ...withoutTimes.keys()])]
    .map((kind) => /** @type {[string, number]} */ ([kind, ((withTimes.get(kind) ?? 0) - (withoutTimes.get(kind) ?? 0)) / per]))
    .sort((a, b) => b[1] - a[1])
    .slice(0, SHOWN);
  return {
    what: `Gmail main thread, self time per kind of trace event, mean of ${per} ${what === 'pageLoad' ? 'page loads' : 'switches'} with the extension minus without (ms)`,
    addedMs: Object.fromEntries(added.map(([kind, ms]) => [kind, Number(ms.toFixed(2))])),
  };
}

/**
 * Self time per kind of event, summed over the traced page loads or switches.
 * @param {BrowserContext} context
 * @param {boolean} extension wait for the card too
 * @param {'pageLoad' | 'threadSwitch'} what
 */
async function traced(context, extension, what) {
  /** @type {Map<string, number>} */
  const total = new Map();
  for (let run = 0; run < (what === 'pageLoad' ? LOADS : 1); run++) {
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      const start = () => cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReturnAsStream' });
      if (what === 'pageLoad') await start();
      await page.goto(`${GMAIL_URL}?bench=trace${run}${PRIYA_INBOX_HASH}`, { waitUntil: 'load' });
      const frame = extension ? await sidebarFrame(page) : undefined;
      if (frame) await cardShown(frame, PRIYA.name, 0);
      await sleep(SETTLE_MS);
      if (what === 'threadSwitch') {
        await start();
        for (let i = 0; i < SWITCHES; i++) {
          const to = senderAfter(i);
          const inserted = await switchThread(page, to.html, `${to.hash}-t${i}`);
          if (frame) await cardShown(frame, to.name, inserted);
          await sleep(SETTLE_MS);
        }
      }
      for (const [kind, us] of selfTimes(gmailMainThread(await stop(cdp)))) total.set(kind, (total.get(kind) ?? 0) + us / 1000);
    } finally {
      await page.close();
    }
  }
  return total;
}

/**
 * Ends the trace and reads it.
 * @param {CDPSession} cdp
 * @returns {Promise<TraceEvent[]>}
 */
async function stop(cdp) {
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = /** @type {{ stream: string }} */ (await done);
  let text = '';
  for (let eof = false; !eof; ) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    eof = chunk.eof;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text);
  return parsed.traceEvents ?? parsed;
}

/**
 * The events of the Gmail page's renderer main thread.
 * @param {TraceEvent[]} events
 */
function gmailMainThread(events) {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const gmail = events.find((e) => mains.has(`${e.pid}:${e.tid}`) && String(e.args?.data?.url ?? e.args?.beginData?.url ?? '').startsWith(GMAIL_URL));
  return gmail ? events.filter((e) => e.pid === gmail.pid && e.tid === gmail.tid && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E')) : [];
}

/**
 * @param {TraceEvent} e
 */
function kindOf(e) {
  const url = String(e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? '');
  if (url.startsWith('chrome-extension://')) return `${e.name} (content script)`;
  if (e.name === 'EventDispatch' && e.args?.data?.type) return `EventDispatch ${e.args.data.type}`;
  return e.name;
}

/**
 * Self time (µs) per kind: each event's duration less that of the events nested in it.
 * @param {TraceEvent[]} events
 */
function selfTimes(events) {
  /** @type {{ kind: string, start: number, end: number }[]} */
  const spans = [];
  /** @type {TraceEvent[]} */
  const open = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') spans.push({ kind: kindOf(e), start: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') open.push(e);
    else {
      const begin = open.pop();
      if (begin) spans.push({ kind: kindOf(begin), start: begin.ts, end: e.ts });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {{ kind: string, start: number, end: number }[]} */
  const stack = [];
  for (const span of spans) {
    while (stack.length > 0 && stack[stack.length - 1].end <= span.start) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.kind, (self.get(parent.kind) ?? 0) - (Math.min(span.end, parent.end) - span.start));
    self.set(span.kind, (self.get(span.kind) ?? 0) + (span.end - span.start));
    stack.push(span);
  }
  return self;
}
