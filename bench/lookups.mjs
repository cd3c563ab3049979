// @ts-check
// recognize() and the first history page, timed in the extension's service worker: its IndexedDB
// is the one the sidebar reads.
import { progress, stats } from './browser.mjs';
import { TARGETS, judge } from './targets.mjs';

/** @typedef {import('./browser.mjs').Stats} Stats */

/** The history target's contact: the lookups add one with this many interactions. */
const HEAVY_INTERACTIONS = TARGETS.history.ofContact;

/**
 * @param {import('./session.mjs').Session} session
 * @param {number} generated generated contacts in the database
 * @param {number} now
 * @param {Record<string, Stats>} recognizeBySize recognize() of known addresses at every size
 */
export async function measureLookups(session, generated, now, recognizeBySize) {
  progress(`lookups at ${generated} contacts: adding a contact with ${HEAVY_INTERACTIONS} interactions`);
  const heavy = /** @type {{ contactId: string }} */ (await session.probe('addHeavyContact', HEAVY_INTERACTIONS, now));
  const counts = /** @type {Record<string, number>} */ (await session.probe('counts'));
  progress('lookups: recognize() and the first history page');
  const known = await timeRecognize(session, generated, 'contactEmail');
  const stranger = await timeRecognize(session, generated, 'strangerEmail');
  const history = /** @type {number[]} */ (await session.probe('timeHistory', heavy.contactId, 100));
  const knownStats = stats(known, 2);
  const historyStats = stats(history, 2);
  return {
    unit: 'ms',
    where: 'the extension’s service worker, its IndexedDB (the one the sidebar reads)',
    contacts: counts.contacts,
    interactions: counts.interactions,
    recognizeKnownAddress: { ...knownStats, ...judge('recognize', knownStats.median, generated) },
    recognizeUnknownAddressAtKnownCompany: stats(stranger, 2),
    recognizeKnownAddressBySize: recognizeBySize,
    historyFirstPage: {
      ...historyStats,
      pageSize: 50,
      interactionsOfContact: HEAVY_INTERACTIONS,
      query: "interactions.where('[contactId+occurredAt]').between([id, minKey], [id, maxKey]).reverse().limit(50)",
      ...judge('history', historyStats.median),
    },
    note: 'performance.now() in an extension service worker is coarsened to 0.1 ms',
  };
}

/**
 * recognize() on 200 addresses spread over the generated contacts (the same ones every run).
 * @param {import('./session.mjs').Session} session
 * @param {number} generated
 * @param {'contactEmail' | 'strangerEmail'} which a contact's address, or a stranger's at a known company
 * @returns {Promise<number[]>}
 */
export async function timeRecognize(session, generated, which) {
  const sample = Array.from({ length: 200 }, (_, i) => Math.floor(((i * 7919) % 200) * (generated / 200)));
  const addresses = await session.probeMap(which, sample);
  return /** @type {number[]} */ (await session.probe('timeRecognize', addresses, which === 'contactEmail' ? 'contact' : 'company'));
}
