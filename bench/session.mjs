// @ts-check
// The browser the measurements share: the extension in Chromium on a profile, Gmail served from
// the saved pages, the in-page probes in, and bench/probe.ts callable in its service worker.
import { serveGmail } from '../scripts/chromium.mjs';
import { instrument, launch } from './browser.mjs';
import { PRIYA } from './senders.mjs';

/** @typedef {ReturnType<typeof benchSession>} Session */

/**
 * @param {{ extensionDir: string, probeCode: string }} options `probeCode`: bench/probe.ts bundled
 */
export function benchSession({ extensionDir, probeCode }) {
  /** @type {import('./browser.mjs').Launched | undefined} */
  let app;

  /** The service worker, with the probe loaded (again, if the worker restarted). */
  async function worker() {
    const w = app?.context.serviceWorkers()[0] ?? app?.worker;
    if (!w) throw new Error('the extension has no service worker');
    const loaded = await w.evaluate(() => typeof (/** @type {any} */ (globalThis).SidecarBench) === 'object');
    if (!loaded) await w.evaluate(`${probeCode};globalThis.SidecarBench = SidecarBench;`);
    return w;
  }

  return {
    /** The open browser (one at a time). */
    get app() {
      if (!app) throw new Error('no browser is open');
      return app;
    },
    /**
     * Opens the extension in Chromium on `userDataDir`.
     * @param {string} userDataDir
     */
    async open(userDataDir) {
      await app?.close();
      app = await launch({ extensionDir, userDataDir });
      await serveGmail(app.context, () => PRIYA.html);
      await app.context.addInitScript(instrument);
      return app;
    },
    async close() {
      const closing = app;
      app = undefined;
      await closing?.close();
    },
    /**
     * Calls one export of bench/probe.ts in the extension's service worker.
     * @param {string} name
     * @param {...unknown} args
     */
    async probe(name, ...args) {
      return (await worker()).evaluate(([n, a]) => /** @type {any} */ (globalThis).SidecarBench[n](...a), /** @type {const} */ ([name, args]));
    },
    /**
     * One export of bench/probe.ts applied to each of `indices`, in one round trip.
     * @param {string} name
     * @param {number[]} indices
     */
    async probeMap(name, indices) {
      return (await worker()).evaluate(([n, xs]) => xs.map((x) => /** @type {any} */ (globalThis).SidecarBench[n](x)), /** @type {const} */ ([name, indices]));
    },
  };
}
