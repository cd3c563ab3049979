// @ts-check
// The saved Gmail threads the measurements open, and how often they switch between them.
import { fixture } from '../scripts/chromium.mjs';
import { DEMO_THREADS } from '../scripts/demo-data.mjs';

/** The three senders the switches alternate between, all in the demo data. */
export const SENDERS = DEMO_THREADS.slice(0, 3).map((t) => ({ name: t.expect, html: fixture(t.file), hash: t.hash }));
/** The sender of the page every load opens on. */
export const PRIYA = SENDERS[0] ?? (() => {
  throw new Error('scripts/demo-data.mjs lost its threads');
})();

/** @typedef {(typeof SENDERS)[number]} Sender */

/** The sender the `i`th switch goes to (never the one before it). */
export const senderAfter = (/** @type {number} */ i) => /** @type {Sender} */ (SENDERS[(i + 1) % SENDERS.length]);

/** The Gmail hash of the thread every page load opens. */
export const PRIYA_INBOX_HASH = `#inbox/${PRIYA.hash.split('/')[1]}`;
