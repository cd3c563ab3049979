// @ts-check
// Reading and clicking in the documents scripts/firefox.mjs reaches over the DevTools protocol,
// where there are no locators: expressions built here run inside the document.

/** @typedef {import('./firefox-rdp.mjs').Evaluator} Evaluator */

/**
 * The button (or menu item) a person would call `name`: its aria-label, else its text.
 * @param {string} name
 */
export function byName(name) {
  return `[...document.querySelectorAll('button, [role=menuitem]')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === ${JSON.stringify(name)})`;
}

/** @param {string} selector */
export function textOf(selector) {
  return `document.querySelector(${JSON.stringify(selector)})?.textContent.trim()`;
}

/**
 * Polls `expression` in `doc` until it is truthy (errors while a document reloads count as not
 * yet) and returns its value.
 * @template T
 * @param {Evaluator} doc
 * @param {string} expression
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
export async function waitFor(doc, expression, timeout = 10_000) {
  let last;
  for (const end = Date.now() + timeout; ; ) {
    try {
      last = await doc.evaluate(expression);
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}; last: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until the element at `selector` shows `expected` in its text.
 * @param {Evaluator} doc
 * @param {string} selector
 * @param {string} expected
 */
export async function expectText(doc, selector, expected) {
  try {
    await waitFor(doc, `${textOf(selector)}?.includes(${JSON.stringify(expected)})`);
  } catch {
    const seen = await doc.evaluate(textOf(selector)).catch(String);
    throw new Error(`expected ${selector} to show ${JSON.stringify(expected)}; it shows ${JSON.stringify(seen)}`);
  }
}

/**
 * Clicks a button in one of our tabs (BiDi cannot send input there; the DOM click stands in).
 * @param {Evaluator} doc
 * @param {string} name
 */
export async function click(doc, name) {
  await waitFor(doc, `(() => { const b = ${byName(name)}; if (!b || b.disabled) return false; b.click(); return true; })()`);
}

/**
 * Clicks a button in the sidebar frame with the real mouse, through the Gmail tab: the frame sees
 * a trusted click with user activation, as from a person.
 * @param {import('puppeteer-core').Page} tab
 * @param {Evaluator} frame
 * @param {string} name
 */
export async function clickInSidebar(tab, frame, name) {
  /** @type {{ x: number, y: number }} */
  const point = await waitFor(
    frame,
    `(() => { const b = ${byName(name)}; if (!b || b.disabled) return null; b.scrollIntoView({ block: 'center' });` +
      ' const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()',
  );
  const box = await (await tab.$('iframe[title="Sidecar CRM"]'))?.boundingBox();
  if (!box) throw new Error('the sidebar frame is not on the page');
  await tab.mouse.click(box.x + point.x, box.y + point.y);
}
