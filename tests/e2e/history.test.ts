import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './logging-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

describe('the history of a contact', () => {
  let app: App;
  let page: Page;

  beforeEach(async () => {
    app = await launchWithExtension();
    await serveGmail(app.context, () => fixture('thread-single.html'));
    page = await app.context.newPage();
  });
  afterEach(() => app.close());

  it('opens on the 50 newest of 10,000 interactions and loads more on scroll', async () => {
    const data = demoData();
    const priya = data.contacts.find((c) => c.name === 'Priya Raman')!;
    await seed(app.worker, data);
    const now = Date.now();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      id: crypto.randomUUID(),
      contactId: priya.id,
      kind: i % 3 === 0 ? 'call' : 'email-in',
      subject: `Bulk ${i}`,
      // Newest first: Bulk 0 an hour ago, the rest an hour apart before it.
      occurredAt: now - (i + 1) * 3_600_000,
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += 2_500) await seed(app.worker, { interactions: rows.slice(i, i + 2_500) });

    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    const items = sidebar(page).getByTestId('history-list').locator('li');
    await expectText(items.first(), 'Bulk 0');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(50);

    await items.last().scrollIntoViewIfNeeded();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(100);
    const texts = await items.allTextContents();
    const bulk = texts.map((t) => /Bulk (\d+)/.exec(t)?.[1]).filter(Boolean).map(Number);
    // Demo entries (days old) interleave by time; the bulk ones come in order, none twice.
    expect(new Set(bulk).size).toBe(bulk.length);
    expect(bulk).toEqual([...bulk].sort((a, b) => a - b));
    expect(bulk.length).toBeGreaterThan(90);

    await sidebar(page).getByRole('button', { name: 'Calls' }).click();
    await expectText(items.first(), 'Bulk 0');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(50);
    expect((await items.allTextContents()).every((t) => t.includes('Call'))).toBe(true);
  }, 120_000);
});
