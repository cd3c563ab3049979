import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar, switchThread } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

describe('the sidebar in Gmail', () => {
  let app: App;
  let served: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    await seed(app.worker, demoData());
    served = fixture('thread-single.html');
    await serveGmail(app.context, () => served);
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      pageErrors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  afterEach(() => app.close());

  const card = () => sidebar(page).getByTestId('contact-name');

  it('shows the sender of the open thread from the local database', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(card(), 'Priya Raman');
    await expectText(sidebar(page).getByTestId('contact-company'), 'Acme');
    await expectText(sidebar(page).getByLabel('Email addresses'), 'priya@acme.example');
    expect(pageErrors).toEqual([]);
  });

  it('switches the card when Gmail switches threads without a page load', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(card(), 'Priya Raman');
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    await switchThread(page, fixture('thread-long-collapsed.html'), '#inbox/FMfcgz2');
    await expectText(card(), 'Daniel Okafor');
    await switchThread(page, fixture('thread-multi-sender.html'), '#inbox/FMfcgz3');
    await expectText(card(), 'Carla Díaz');
    await switchThread(page, fixture('inbox.html'), '#inbox');
    await expectText(sidebar(page).getByRole('status'), 'No email open');
    expect(loads).toEqual([]);
  });

  it('adds an unknown sender in one click, and knows them after a reload', async () => {
    served = fixture('thread-sent-by-me.html');
    await page.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    const form = sidebar(page).getByRole('form', { name: 'Add contact' });
    await expectText(form, 'omar.haddad@initech.example');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expectText(card(), 'Omar Haddad');
    await expectText(sidebar(page).getByTestId('contact-company'), 'Initech');

    await page.reload();
    await expectText(card(), 'Omar Haddad');
  });

  it('renders a hostile sender name as text and runs nothing', async () => {
    served = fixture('thread-hostile-name.html');
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz5`);
    const form = sidebar(page).getByRole('form', { name: 'Add contact' });
    await expectText(form, 'mallory@evil.example');
    expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('<img src=x onerror=alert(1)>');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expectText(card(), '<img src=x onerror=alert(1)>');
    expect(await sidebar(page).locator('img').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('keeps its data out of Gmail’s origin', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(card(), 'Priya Raman');
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases).toEqual([]);
    const storage = await page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length);
    expect(storage).toBe(0);
  });

  it('shows a calm empty state on the inbox list and throws nothing', async () => {
    served = fixture('inbox.html');
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${GMAIL_URL}#inbox`);
    await expectText(sidebar(page).getByRole('status'), 'No email open');
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('docks beside the email instead of covering it, collapses to a tab, and remembers that', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(card(), 'Priya Raman');
    const frame = page.locator('iframe[title="Sidecar CRM"]');
    const body = page.locator('.a3s').first();
    const [f, b] = [await frame.boundingBox(), await body.boundingBox()];
    expect(f && b && b.x + b.width <= f.x).toBe(true);

    await sidebar(page).getByRole('button', { name: 'Collapse sidebar' }).click();
    await expectText(sidebar(page).getByRole('button', { name: 'Open Sidecar sidebar' }), 'Sidecar');
    expect((await frame.boundingBox())!.width).toBeLessThan(48);

    await page.reload();
    await sidebar(page).getByRole('button', { name: 'Open Sidecar sidebar' }).click();
    await expectText(card(), 'Priya Raman');
    expect((await frame.boundingBox())!.width).toBeGreaterThan(200);
  });

  it('follows Gmail’s dark theme', async () => {
    served = fixture('thread-dark.html');
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(card(), 'Priya Raman');
    const theme = await sidebar(page).locator('html').getAttribute('data-theme');
    expect(theme).toBe('dark');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string) {
  await locator.first().waitFor({ timeout: 10_000 });
  await expect.poll(() => locator.first().textContent(), { timeout: 10_000 }).toContain(text);
}
