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

  const names = () => page.locator('.contacts-body [role=row] .col-name').allTextContents();

  it('finds by company and by tag, highlights what matched, and counts the matches', async () => {
    const search = page.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill('north');
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Daniel Okafor', 'Lena Fischer']);
    await expectText(page.getByRole('status'), '2 matches');
    expect(await page.locator('.contacts-body mark').first().textContent()).toBe('North');

    await search.fill('gaut');
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Ben Wu']);
    await expectText(page.getByRole('status'), '1 match');
    expect(await page.locator('.contacts-body .chip mark').textContent()).toBe('Gaut');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('sorts by a column, filters, keeps both in the address through a reload, and goes back a step', async () => {
    await expect.poll(names, { timeout: 10_000 }).toContain('Ben Wu');
    const all = await names();
    await page.getByRole('button', { name: 'Last contacted' }).click();
    await expect.poll(async () => (await names()).join()).not.toBe(all.join());
    const byLast = await names();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Last contacted' }).getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('wholesale');
    await expect.poll(names).toEqual(['Ben Wu']);
    await expectText(page.getByRole('status'), '1 match');
    expect(page.url()).toContain('#contacts?sort=last-contacted&tag=wholesale');

    await page.reload();
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Ben Wu']);
    expect(await page.getByRole('combobox', { name: 'Filter by tag' }).inputValue()).toBe('wholesale');

    await page.goBack();
    await expect.poll(names, { timeout: 10_000 }).toEqual(byLast);
    expect(await page.getByRole('combobox', { name: 'Filter by tag' }).inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('tags a shift-click selection in one go, and Undo takes the tag off again', async () => {
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Ben Wu', 'Carla Díaz', 'Daniel Okafor', 'Lena Fischer', 'Priya Raman']);
    await page.getByRole('checkbox', { name: 'Select Ben Wu' }).click();
    await page.getByRole('checkbox', { name: 'Select Daniel Okafor' }).click({ modifiers: ['Shift'] });
    await expectText(page.getByRole('status').first(), '5 contacts · 3 selected');

    await page.getByRole('combobox', { name: 'Tag for the selected' }).fill('Renewal');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expectText(page.locator('.bulk-notice'), 'Tagged 3 contacts “Renewal”.');
    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('Renewal');
    await expect.poll(names).toEqual(['Ben Wu', 'Carla Díaz', 'Daniel Okafor']);

    await page.locator('.bulk-notice').getByRole('button', { name: 'Undo' }).click();
    await expectText(page.locator('.bulk-notice'), 'Undone for 3 contacts.');
    await expect.poll(names).toEqual([]);
    await expectText(page.locator('.empty'), 'Nobody matches.');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('reads more of a long list as it is scrolled, down to its last contact', async () => {
    const T0 = Date.now();
    const more = Array.from({ length: 150 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Zulu Scroll ${String(i).padStart(3, '0')}`,
      emails: [`zulu${i}@scroll.example`],
      tags: [],
      createdAt: T0,
      updatedAt: T0,
    }));
    await seed(app.worker, { contacts: more });
    await expectText(page.getByRole('status'), '155 contacts');
    const body = page.locator('.contacts-body');
    const lastShown = () => page.locator('.contacts-body [role=row] .col-name').last().textContent();
    // Scrolled to the bottom again and again: each time the end comes near, the next page is read.
    await expect
      .poll(
        async () => {
          await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
          return lastShown();
        },
        { timeout: 15_000 },
      )
      .toBe('Zulu Scroll 149');
    expect(await page.locator('.contacts-body [role=row]').last().getAttribute('aria-rowindex')).toBe('156');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
