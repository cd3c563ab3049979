import type { Page } from 'playwright-core';
import { sidebar } from '../../scripts/chromium.mjs';
import { openDemoThread, type App } from './demo-thread';

describe('keyboard shortcuts', () => {
  let app: App;
  let page: Page;

  beforeEach(async () => {
    ({ app, page } = await openDemoThread());
    // The focus starts in Gmail, as it does for someone reading mail.
    await page.locator('.a3s').first().click();
  }, 60_000);
  afterEach(() => app.close());

  const frameWidth = async () => (await page.locator('iframe[title="Sidecar CRM"]').boundingBox())!.width;
  /** The element focused inside the sidebar frame, described by its accessible name. */
  const focusedInSidebar = () =>
    page.frames().find((f) => f.url().endsWith('/sidebar.html'))!.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.getAttribute('name') ?? el?.tagName ?? null;
    });

  it('Alt+Shift+S collapses and reopens the sidebar from Gmail and from inside it', async () => {
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(frameWidth).toBeLessThan(48);
    // Collapsed by keyboard, the focus waits on the tab: the same keys (or Enter) bring it back.
    await expect.poll(focusedInSidebar).toBe('Open Sidecar sidebar');
    await page.keyboard.press('Enter');
    await expect.poll(frameWidth).toBeGreaterThan(200);
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(frameWidth).toBeLessThan(48);
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(frameWidth).toBeGreaterThan(200);
  });

  it('ignores an Alt+Shift+S that Gmail’s page dispatched, and obeys the real key press after it', async () => {
    await page.evaluate(() =>
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyS', key: 'S', altKey: true, shiftKey: true, bubbles: true, cancelable: true })),
    );
    // Had the forged events counted, this press would reopen the sidebar they collapsed.
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(frameWidth).toBeLessThan(48);
  });

  it('Alt+Shift+F opens the follow-up picker with the focus in it, even when collapsed', async () => {
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(frameWidth).toBeLessThan(48);
    await page.locator('.a3s').first().click();
    await page.keyboard.press('Alt+Shift+KeyF');
    await expect.poll(frameWidth).toBeGreaterThan(200);
    await expect.poll(focusedInSidebar).toBe('note');
    await page.keyboard.type('Send the pilot terms');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the first quick pick: tomorrow 9:00
    await expect
      .poll(() => sidebar(page).getByRole('list', { name: 'Open follow-ups' }).textContent())
      .toContain('Send the pilot terms');
  });

  it('Alt+Shift+L starts logging an interaction, done without the mouse', async () => {
    await page.keyboard.press('Alt+Shift+KeyL');
    await expect.poll(focusedInSidebar).toBe('kind');
    // Tab through the date and time (each part of it is a stop) to the subject.
    for (let i = 0; i < 10 && (await focusedInSidebar()) !== 'subject'; i++) await page.keyboard.press('Tab');
    expect(await focusedInSidebar()).toBe('subject');
    await page.keyboard.type('Pricing call with Priya');
    await page.keyboard.press('Enter');
    await expect.poll(() => sidebar(page).getByText('Pricing call with Priya').count()).toBeGreaterThan(0);
  });
});
