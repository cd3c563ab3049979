import type { Page } from 'playwright-core';
import { launchWithExtension, seed } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

// The dashboard's contact list finds people by what a salesperson remembers of them.
describe('searching the contacts in the dashboard', () => {
  let app: App;
  let page: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    const data = demoData();
    // The demo's people have no tags: Ben gets two.
    const contacts = data.contacts.map((c) => (c.name === 'Ben Wu' ? { ...c, tags: ['wholesale', 'Gauteng'] } : c));
    await seed(app.worker, { ...data, contacts });
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${app.extensionId}/dashboard.html#contacts`);
  }, 60_000);
  afterEach(() => app.close());

  const names = () => page.locator('table.contacts tbody tr td:first-child').allTextContents();

  it('finds by company and by tag, highlights what matched, and counts the matches', async () => {
    const search = page.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill('north');
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Daniel Okafor', 'Lena Fischer']);
    await expectText(page.getByRole('status'), '2 matches');
    expect(await page.locator('table.contacts mark').first().textContent()).toBe('North');

    await search.fill('gaut');
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Ben Wu']);
    await expectText(page.getByRole('status'), '1 match');
    expect(await page.locator('table.contacts .chip mark').textContent()).toBe('Gaut');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
