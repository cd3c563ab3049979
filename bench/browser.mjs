// @ts-check
// The benchmark's own pieces of browser plumbing: a launcher that also starts Chromium *without*
// the extension (for Gmail's baseline) and retries when the extension's service worker does not
// show up, the in-page probes that timestamp a thread switch and a card, and small statistics.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../scripts/chromium.mjs';

/** @param {string} message */
export function progress(message) {
  process.stderr.write(`[bench ${((performance.now() / 1000) | 0).toString().padStart(4)}s] ${message}\n`);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Copies the built extension to a temporary directory, so that a `wxt build` started elsewhere
 * during a long run cannot swap the files under the running browser.
 * @param {string} dir
 * @param {string} [to] where (replaced); the extension's id is derived from this path
 */
export function snapshotExtension(dir, to = mkdtempSync(join(tmpdir(), 'sidecar-bench-ext-'))) {
  rmSync(to, { recursive: true, force: true });
  cpSync(dir, to, { recursive: true });
  return to;
}

/**
 * @typedef {object} Launched
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Worker | undefined} worker the extension's service worker
 * @property {string} version Chromium's version
 * @property {() => Promise<void>} close closes the browser (and deletes the profile unless it was given)
 */

/**
 * Debian's Chromium, headless, with every request refused (the caller routes Gmail), with or
 * without the extension. With it, waits for the service worker and relaunches if it never comes.
 * @param {{ extensionDir?: string, userDataDir?: string }} options without `userDataDir`, a
 *   fresh temporary profile that is deleted on close
 * @returns {Promise<Launched>}
 */
export async function launch({ extensionDir, userDataDir }) {
  for (let attempt = 1; ; attempt++) {
    const profile = userDataDir ?? mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: chromiumArgs(extensionDir),
    });
    const close = async () => {
      await context.close();
      if (!userDataDir) await rm(profile, { recursive: true, force: true });
    };
    await context.route(/^https?:/, (route) => route.abort());
    const version = context.browser()?.version() ?? 'unknown';
    if (!extensionDir) return { context, worker: undefined, version, close };
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }).catch(() => undefined));
    if (worker) return { context, worker, version, close };
    // Seen on a loaded 2-core machine: the worker ran before Playwright attached and was never reported.
    await close();
    if (attempt === 3) throw new Error('The extension’s service worker did not start in three launches.');
    progress(`the extension's service worker did not show up; relaunching (attempt ${attempt + 1})`);
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** "Chromium 156.0.8078.108 built on ..." without starting a browser. */
export function chromiumVersionLine() {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Runs in every frame of every page before the page's own scripts (Playwright injects it through
 * the DevTools protocol, so Gmail's CSP does not apply). In the sidebar frame it timestamps every
 * change of the card's name; in the Gmail page it collects long tasks. Timestamps are epoch
 * milliseconds (`performance.timeOrigin + performance.now()`), comparable across the two processes.
 */
export function instrument() {
  const w = /** @type {any} */ (window);
  const now = () => performance.timeOrigin + performance.now();
  if (location.protocol === 'chrome-extension:') {
    /** @type {{ name: string | null, at: number }[]} */
    const log = [];
    /** @type {{ name: string, after: number, resolve: (at: number) => void }[]} */
    const waiting = [];
    let last = /** @type {string | null} */ (null);
    const check = () => {
      const name = document.querySelector('[data-testid="contact-name"]')?.textContent?.trim() || null;
      if (name === last) return;
      last = name;
      const at = now();
      log.push({ name, at });
      for (const entry of waiting.splice(0)) {
        if (entry.name === name && at >= entry.after) entry.resolve(at);
        else waiting.push(entry);
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    /** When the card first showed `name` at or after `after` (epoch ms); waits if it has not yet. */
    w.__sidecarBenchCard = (/** @type {string} */ name, /** @type {number} */ after) => {
      const seen = log.find((e) => e.name === name && e.at >= after);
      return seen ? Promise.resolve(seen.at) : new Promise((resolve) => waiting.push({ name, after, resolve }));
    };
    /** @type {{ what: 'thread' | 'recognized', id: string | null, at: number }[]} */
    const phases = [];
    /**
     * Timestamps the two steps before the card: the open thread reaching the sidebar's store, and
     * the sender recognized. Reads Pinia's stores through the mounted app (internals: false when
     * they are not found, and the breakdown is left out).
     */
    w.__sidecarBenchHookStores = () => {
      const stores = /** @type {any} */ (document.querySelector('#app'))?.__vue_app__?.config?.globalProperties?.$pinia?._s;
      const gmail = stores?.get('gmail');
      const current = stores?.get('currentContact');
      if (typeof gmail?.$subscribe !== 'function' || typeof current?.$subscribe !== 'function') return false;
      let thread = gmail.thread?.threadId ?? null;
      gmail.$subscribe((/** @type {unknown} */ _, /** @type {any} */ state) => {
        const id = state.thread?.threadId ?? null;
        if (id !== thread) phases.push({ what: 'thread', id: (thread = id), at: now() });
      }, { flush: 'sync' });
      // The recognition is derived (not state): read it whenever the lookup's state moves.
      current.$subscribe(() => {
        const name = current.recognition?.contact?.name;
        if (name) phases.push({ what: 'recognized', id: name, at: now() });
      }, { flush: 'sync' });
      return true;
    };
    w.__sidecarBenchPhases = (/** @type {number} */ after) => phases.filter((p) => p.at >= after);
  } else if (window.top === window) {
    /** @type {{ start: number, duration: number }[]} */
    const tasks = [];
    w.__sidecarBenchLongTasks = tasks;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long-task timing in this browser: the figure stays empty.
    }
  }
}

/**
 * The sidebar frame of a Gmail page, once its document is ours (instrumented).
 * @param {import('playwright-core').Page} page
 * @param {number} [timeoutMs]
 */
export async function sidebarFrame(page, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
    if (frame) {
      const ready = await frame
        .evaluate(() => typeof (/** @type {any} */ (window).__sidecarBenchCard) === 'function')
        .catch(() => false);
      if (ready) return frame;
    }
    if (Date.now() > until) throw new Error('no instrumented sidebar frame in the Gmail page');
    await sleep(10);
  }
}

/**
 * Epoch ms at which the frame's card first showed `name` at or after `after`.
 * @param {import('playwright-core').Frame} frame
 * @param {string} name
 * @param {number} after
 * @param {number} [timeoutMs]
 * @returns {Promise<number>}
 */
export async function cardShown(frame, name, after, timeoutMs = 20_000) {
  const at = frame.evaluate(([n, a]) => /** @type {any} */ (window).__sidecarBenchCard(n, a), /** @type {const} */ ([name, after]));
  const timeout = sleep(timeoutMs).then(() => {
    throw new Error(`the card did not show ${name} within ${timeoutMs} ms`);
  });
  return /** @type {Promise<number>} */ (Promise.race([at, timeout]));
}

/**
 * @typedef {{ median: number, min: number, max: number, runs: number }} Stats
 */

/**
 * @param {number[]} values
 * @param {number} [digits]
 * @returns {Stats}
 */
export function stats(values, digits = 1) {
  if (values.length === 0) throw new Error('no measurements');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (/** @type {number | undefined} */ x) => Number((x ?? NaN).toFixed(digits));
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), runs: values.length };
}

/**
 * a / b, or null when b is too small for a ratio to mean anything.
 * @param {number} a
 * @param {number} b
 */
export function ratio(a, b) {
  return b > 0.05 ? Number((a / b).toFixed(2)) : null;
}

/**
 * Size of every file under `dir`, raw and gzip (level 9), in bytes.
 * @param {string} dir
 * @returns {Record<string, { bytes: number, gzipBytes: number }>}
 */
export function fileSizes(dir) {
  /** @type {Record<string, { bytes: number, gzipBytes: number }>} */
  const sizes = {};
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const data = readFileSync(path);
        sizes[relative(dir, path)] = { bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
      }
    }
  };
  walk(dir);
  return sizes;
}
