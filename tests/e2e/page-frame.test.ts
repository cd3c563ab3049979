import type { FrameLocator, Page } from 'playwright-core';
import { sidebar } from '../../scripts/chromium.mjs';
import { expectText } from './deals-helpers';
import { openDemoThread, type App } from './demo-thread';
import { dumpDatabase } from './page-helpers';

describe('a sidebar frame that Gmail’s page makes itself', () => {
  let app: App;
  let page: Page;

  beforeEach(async () => {
    ({ app, page } = await openDemoThread());
  }, 60_000);
  afterEach(() => app.close());

  /** What a user could see or click in the frame: no contact, no menu, no button at all. */
  async function expectInert(frame: FrameLocator) {
    expect(await frame.getByTestId('contact-name').count()).toBe(0);
    expect(await frame.getByRole('button').count()).toBe(0);
    expect(await frame.getByRole('menuitem').count()).toBe(0);
    expect(await frame.getByText('Export backup').count()).toBe(0);
    expect(await frame.locator('body').textContent()).not.toContain('Priya');
  }

  it('shows no CRM data and offers no action, however it is clicked, and changes nothing', async () => {
    const before = await dumpDatabase(app.worker);
    // Any script on mail.google.com can read our frame's URL and frame the same page over Gmail.
    await page.evaluate(() => {
      const ours = document.querySelector<HTMLIFrameElement>('iframe[title="Sidecar CRM"]')!;
      const theirs = document.createElement('iframe');
      theirs.id = 'page-made';
      theirs.src = ours.src;
      Object.assign(theirs.style, { position: 'fixed', left: '0', top: '0', width: '320px', height: '600px', zIndex: '2147483647' });
      document.body.append(theirs);
    });
    const theirs = page.frameLocator('#page-made');
    await expectText(theirs.getByRole('status'), /Connecting|Not connected/);
    await expectInert(theirs);

    // The page can lure the user into clicking anywhere in it.
    for (let y = 10; y < 600; y += 40) for (let x = 10; x < 320; x += 40) await page.mouse.click(x, y);
    await expectInert(theirs);

    // The handshake it can never finish gives up; the frame stays as empty as it was.
    await expect.poll(() => theirs.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Not connected to Gmail');
    await expectInert(theirs);

    // Our own frame is still connected, and the database is exactly as it was.
    await expectText(sidebar(page).getByTestId('contact-name'), 'Priya Raman');
    expect(await dumpDatabase(app.worker)).toEqual(before);
  }, 60_000);

  it('cannot frame the dashboard, where backups are exported, imported and erased', async () => {
    await page.evaluate(() => {
      const ours = document.querySelector<HTMLIFrameElement>('iframe[title="Sidecar CRM"]')!;
      const theirs = document.createElement('iframe');
      theirs.id = 'page-made';
      theirs.src = new URL('/dashboard.html#backups', ours.src).href;
      document.body.append(theirs);
    });
    const frame = await (await page.locator('#page-made').elementHandle())!.contentFrame();
    await frame!.waitForLoadState();
    // The browser refuses to load an extension page that is not web-accessible into a site.
    expect(frame!.url()).not.toContain('dashboard.html');
    expect(await page.frameLocator('#page-made').getByRole('button').count()).toBe(0);
  });
});

describe('a page that restyles or removes our sidebar frame', () => {
  let app: App;
  let page: Page;
  const ours = () => page.locator('iframe[title="Sidecar CRM"]');

  beforeEach(async () => {
    ({ app, page } = await openDemoThread());
  }, 60_000);
  afterEach(() => app.close());

  /** Shown with its card, and still holding the channel: collapsing needs the content script's answer. */
  async function expectConnected(timeout: number) {
    await sidebar(page).getByTestId('contact-name').filter({ hasText: 'Priya Raman' }).waitFor({ timeout });
    expect((await ours().boundingBox())!.width).toBeGreaterThan(200);
    await sidebar(page).getByRole('button', { name: 'Collapse sidebar' }).click();
    await expect.poll(async () => (await ours().boundingBox())?.width).toBeLessThan(48);
  }

  it('cannot hide or move it with a stylesheet, whatever the rule', async () => {
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        'iframe{display:none!important}' +
        'html>iframe{visibility:hidden!important;opacity:0!important;width:0!important;transform:translateX(100vw)!important}' +
        '@layer gmail{iframe{display:none!important}}';
      document.head.append(style);
    });
    expect(await ours().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await ours().isVisible()).toBe(true);
    const box = (await ours().boundingBox())!;
    expect(box.x + box.width).toBe(page.viewportSize()!.width);
    await expectConnected(1000);
  });

  it('is back and connected within a second when the page removes it or restyles it by script', async () => {
    const started = Date.now();
    await page.evaluate(() => document.querySelector('iframe[title="Sidecar CRM"]')!.remove());
    await expectConnected(1000);
    console.log(`sidebar frame back and connected ${Date.now() - started} ms after the page removed it`);

    await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Sidecar CRM"]')!;
      frame.style.setProperty('display', 'none', 'important');
      frame.hidden = true;
    });
    expect(await ours().isVisible()).toBe(true);
    expect((await ours().boundingBox())!.width).toBeLessThan(48);
  });
});
