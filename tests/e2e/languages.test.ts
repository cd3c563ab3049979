import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { GMAIL_URL, ROOT, fixture, launchWithExtension, seed, serveGmail, sidebar, switchThread } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { LANGUAGE_CODES, type Language } from '../../lib/languages';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

/** Where the pictures go; the README's copies (assets/languages) are refreshed from them by hand. */
const SHOTS = process.env.SIDECAR_SCREENSHOTS ?? join(ROOT, '.output', 'screenshots');

/**
 * The sidebar's main states, each on the Gmail page that brings it up, or reached from the state
 * before it by a shortcut (no button name to look up in each language).
 */
const STATES: { name: string; page?: string; hash?: string; keys?: string; ready: string }[] = [
  { name: 'contact', page: 'thread-single.html', hash: '#inbox/FMfcgz1', ready: '[data-testid="contact-name"]' },
  { name: 'logging', keys: 'Alt+Shift+KeyL', ready: 'form [name="kind"]' },
  { name: 'follow-up', keys: 'Alt+Shift+KeyF', ready: '.picker [name="note"]' },
  { name: 'new-sender', page: 'thread-sent-by-me.html', hash: '#sent/FMfcgz4', ready: 'form' },
  { name: 'no-email', page: 'inbox.html', hash: '#inbox', ready: '[role="status"]' },
];

/**
 * Every element of the page that is clipped (its content wider than its box, cut off or
 * ellipsized) or that spills out of its parent's box or the sidebar: a label too long for 320 px.
 */
function overflowing(): string[] {
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  const width = document.documentElement.clientWidth;
  const problems: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Not shown, or shown only to screen readers (a 1 px clipped box).
    if (style.display === 'none' || style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
    if (box.left < -1 || box.right > width + 1) problems.push(`${describe(el)} sticks out of the sidebar`);
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} is clipped`);
    const parent = el.parentElement;
    if (parent && parent !== document.body && style.position !== 'absolute' && style.position !== 'fixed') {
      const outer = parent.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) problems.push(`${describe(el)} overflows ${describe(parent)}`);
    }
  }
  return problems;
}

describe('the sidebar in every language', () => {
  let app: App;
  let gmail: Page;
  let settings: Page;
  let served: string = fixture(STATES[0]!.page!);

  beforeAll(async () => {
    app = await launchWithExtension();
    await seed(app.worker, demoData());
    await serveGmail(app.context, () => served);
    gmail = await app.context.newPage();
    await gmail.setViewportSize({ width: 1280, height: 1000 });
    settings = await app.context.newPage();
    await settings.goto(`chrome-extension://${app.extensionId}/dashboard.html#settings`);
    await gmail.goto(`${GMAIL_URL}${STATES[0]!.hash}`);
    await sidebar(gmail).getByTestId('contact-name').waitFor();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => app.close());

  /** The sidebar's frame, once the page has it (a reload makes a new one). */
  async function frame(): Promise<Frame> {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = gmail.frames().find((f) => f.url().includes('/sidebar.html'));
      if (found) return found;
      await gmail.waitForTimeout(50);
    }
    throw new Error('the sidebar frame never came');
  }

  it('finds a label too long for its box, so that a pass below means something', async () => {
    await (await frame()).evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'overflow-probe';
      probe.style.width = '80px';
      probe.innerHTML =
        '<button style="white-space:nowrap">Merk as verloor en skuif na die einde</button>' +
        '<span style="display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">Izivumelwano ezivulekileyo kakhulu</span>';
      document.body.append(probe);
    });
    const found = await (await frame()).evaluate(overflowing);
    await (await frame()).evaluate(() => document.getElementById('overflow-probe')?.remove());
    expect(found.some((p) => p.startsWith('button') && p.includes('overflows'))).toBe(true);
    expect(found.some((p) => p.startsWith('span') && p.includes('is clipped'))).toBe(true);
  });

  it.each(LANGUAGE_CODES)('%s: chosen in the dashboard, the open sidebar speaks it at once, and every state fits 320 px', async (language: Language) => {
    await settings.getByRole('combobox').filter({ has: settings.locator('option[value="browser"]') }).selectOption(language);
    // No reload: the open sidebar follows the choice.
    await (await frame()).waitForFunction((l) => document.documentElement.lang === l, language);
    // From a fresh page: the states below open forms, and a new sidebar starts in the chosen language.
    served = fixture(STATES[0]!.page!);
    await gmail.reload();
    await (await frame()).waitForFunction((l) => document.documentElement.lang === l, language);

    for (const state of STATES) {
      if (state.page) {
        served = fixture(state.page);
        await switchThread(gmail, served, state.hash!);
      } else {
        await gmail.locator('.a3s').first().click();
        await gmail.keyboard.press(state.keys!);
      }
      await (await frame()).locator(state.ready).first().waitFor();
      // The panels fill in after the card: the state is judged once it has settled, or after 3 s.
      let problems = await (await frame()).evaluate(overflowing);
      for (let tries = 0; problems.length && tries < 30; tries++) {
        await gmail.waitForTimeout(100);
        problems = await (await frame()).evaluate(overflowing);
      }
      expect(problems, `${language} ${state.name}`).toEqual([]);
      await gmail.locator('iframe[title="Sidecar CRM"]').screenshot({ path: join(SHOTS, `${language}-${state.name}.png`) });
    }
  }, 60_000);
});
