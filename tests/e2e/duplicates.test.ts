import type { Page } from 'playwright-core';
import { launchWithExtension, seed } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

// Someone added Daniel again from a phone export, as "D. Okafor" with his number written locally.
describe('finding and merging a duplicate in the dashboard', () => {
  let app: App;
  let page: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    const data = demoData();
    const daniel = data.contacts.find((c) => c.name === 'Daniel Okafor')!;
    const again = { ...daniel, id: crypto.randomUUID(), name: 'D. Okafor', emails: ['d.okafor@northwind.example'], title: undefined, phone: '082 555 1234' };
    const contacts = [...data.contacts.map((c) => (c === daniel ? { ...c, phone: '+27 82 555 1234' } : c)), again];
    await seed(app.worker, { ...data, contacts });
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${app.extensionId}/dashboard.html#duplicates`);
  }, 60_000);
  afterEach(() => app.close());

  it('lists the pair with its reasons, merges it side by side with the chosen name, and the contacts list has one Daniel', async () => {
    await page.getByRole('button', { name: 'Find duplicates' }).click();
    const pair = page.getByRole('button', { name: /Okafor and .*Okafor/ });
    await pair.waitFor({ timeout: 10_000 });
    await expectText(page.locator('.pairs li').first(), 'Names alike: "');
    await expectText(page.locator('.summary'), 'Checked 6 contacts');
    await pair.click();

    await page.getByRole('radio', { name: 'Name: Daniel Okafor' }).check();
    await page.getByRole('button', { name: 'Merge' }).click();
    await expectText(page.getByRole('status').first(), 'Merged into Daniel Okafor');
    expect(await page.locator('.pairs li').count()).toBe(0);

    await page.getByRole('button', { name: 'Contacts' }).click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('okafor');
    const rows = page.locator('.contacts-body [role=row]');
    await expect.poll(() => rows.locator('.col-name').allTextContents(), { timeout: 10_000 }).toEqual(['Daniel Okafor']);
    expect((await rows.locator('.col-emails').textContent())?.split(', ').sort()).toEqual(['d.okafor@northwind.example', 'daniel.okafor@northwind.example']);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
