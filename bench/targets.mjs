// @ts-check
// The benchmark's targets, each written once: the printed text and the `met` beside every figure
// are both made from this table (bench/report.mjs, bench/lookups.mjs, bench/backup.mjs).

/**
 * @typedef {object} Target
 * @property {string} [measure] what is compared, before the "<"
 * @property {number} below the figure meets the target when it is under this
 * @property {string} unit after the number
 * @property {string} [scope] where the target holds
 * @property {number} [fromSize] it holds at this many contacts and more (elsewhere `met` is null)
 * @property {number} [ofContact] it holds for one contact with this many interactions
 */

export const TARGETS = /** @type {const} @satisfies {Record<string, Target>} */ ({
  timeToCard: { measure: 'median', below: 100, unit: ' ms', scope: 'at every size' },
  growth: { measure: 'median at the largest size', below: 2, unit: 'x', scope: 'the median at the smallest (1k -> 100k)' },
  contentScriptKB: { below: 15, unit: ' KB gzip' },
  recognize: { measure: 'median', below: 2, unit: ' ms', fromSize: 100_000 },
  history: { measure: 'median', below: 20, unit: ' ms', ofContact: 10_000 },
  exportSeconds: { below: 20, unit: ' s' },
  importSeconds: { below: 60, unit: ' s' },
  peakHeapMB: { below: 500, unit: ' MB' },
  switchToCard: { measure: 'median', below: 25, unit: ' ms', fromSize: 100_000 },
  switchGrowth: { measure: 'median at the largest size', below: 1.3, unit: 'x', scope: 'the median at the smallest (1k -> 100k)' },
  coldLoad: { measure: 'median', below: 300, unit: ' ms', scope: 'from page load to card' },
  pageLoadTaskMs: { measure: 'added task time', below: 40, unit: ' ms', scope: 'at page load' },
  switchTaskMs: { measure: 'added task time', below: 5, unit: ' ms', scope: 'per thread switch' },
  dashboardView: { measure: 'median', below: 300, unit: ' ms', scope: 'with 100,000 contacts and 5,000 open deals' },
  contactsPage: { measure: 'median', below: 1000, unit: ' ms', scope: 'from page load to the first rows, with 100,000 contacts' },
  contactsKeystroke: { measure: 'median of 30 keystrokes', below: 50, unit: ' ms', scope: 'from the keystroke to the list showing its matches, with 100,000 contacts' },
  duplicateFinder: { below: 5000, unit: ' ms', scope: 'from the click to the pairs listed, with 100,000 contacts' },
  insightsView: { measure: 'median', below: 1000, unit: ' ms', scope: 'from page load to every chart drawn, with 100,000 contacts and 1,000,000 interactions' },
});

/**
 * The target's text and whether `value` meets it (null: no figure, or a size it does not apply to).
 * @param {keyof typeof TARGETS} name
 * @param {number | null | undefined} value
 * @param {number} [size] contacts in the database, for a target that holds from a size on
 */
export function judge(name, value, size) {
  /** @type {Target} */
  const t = TARGETS[name];
  const where = [
    t.scope,
    t.fromSize && `at ${t.fromSize.toLocaleString('en')} contacts`,
    t.ofContact && `for a contact with ${t.ofContact.toLocaleString('en')} interactions`,
  ];
  const target = [t.measure, `< ${t.below}${t.unit}`, ...where].filter(Boolean).join(' ');
  const applies = t.fromSize === undefined || (size !== undefined && size >= t.fromSize);
  return { target, met: value === null || value === undefined || !applies ? null : value < t.below };
}
