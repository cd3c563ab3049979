import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, seed } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;
const HOUR = 3_600_000;

// The salesperson opens Insights and reads how the book feels and moves, in charts and in tables.
describe('insights in the dashboard', () => {
  let app: App;
  let page: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    const now = Date.now();
    const data = demoData(now);
    const [priya, daniel, lena, carla, ben] = data.contacts;
    const stamp = (at: number) => ({ id: crypto.randomUUID(), createdAt: at, updatedAt: at });
    // Within this month, even just after it began: the second test narrows the period to it.
    const startOfMonth = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), 1).getTime();
    const at = Math.max(now - 5 * HOUR, startOfMonth);
    // Five customers answer the NPS survey: 10, 9, 9, 4 and 0 make +20. Ben's 0 comes with a remark.
    const nps = [priya, daniel, lena, carla, ben].map((c, i) => ({
      ...stamp(at),
      contactId: c!.id,
      kind: 'nps',
      score: [10, 9, 9, 4, 0][i],
      occurredAt: at,
      ...(c === ben ? { note: 'The invoice was wrong twice', touchpoint: 'purchase' } : {}),
    }));
    const deal = (title: string, stage: 'won' | 'lost', extra: object) => ({
      ...stamp(now - 30 * 24 * HOUR),
      contactId: carla!.id,
      title,
      stage,
      amountMinor: 500_000,
      currency: 'ZAR',
      closedAt: at,
      gmailThreadIds: [],
      ...extra,
    });
    const thread = 'thread-f:1798000000000000042';
    const email = (kind: 'email-in' | 'email-out', occurredAt: number, n: number) => ({
      ...stamp(occurredAt),
      contactId: lena!.id,
      kind,
      subject: 'Delivery dates',
      occurredAt,
      gmailThreadId: thread,
      gmailMessageId: `#msg-f:179800000000000004${n}`,
    });
    await seed(app.worker, {
      ...data,
      // Lena is the one wholesale customer.
      contacts: data.contacts.map((c) => (c === lena ? { ...c, tags: ['wholesale'] } : c)),
      satisfaction: [...data.satisfaction, ...nps],
      deals: [...data.deals, deal('Depot tanks', 'won', {}), deal('Spare pumps', 'lost', { lostReason: 'Price' })],
      interactions: [...data.interactions, email('email-in', at, 1), email('email-out', at + 2 * HOUR, 2)],
    });
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${app.extensionId}/dashboard.html#insights`);
    await page.locator('.dashboard-insights[data-ready]').waitFor({ timeout: 15_000 });
  }, 60_000);
  afterEach(() => app.close());

  const figure = (title: string) => page.locator('.insights-figure').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  /** The figure's table, as the rows of cell texts a screen reader reads. */
  const table = (title: string) =>
    figure(title)
      .locator('table tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim() ?? '')));

  it('shows NPS, the pipeline and the time to reply, each drawn and in a table, and opens a customer at risk', async () => {
    await expectText(figure('NPS by month').locator('.insights-headline'), '+20');
    const npsRows = await table('NPS by month');
    expect(npsRows).toHaveLength(12);
    expect(npsRows.some(([, nps, responses]) => nps === '+20' && responses === '5')).toBe(true);

    await expectText(page.locator('#insights-pipeline + .insights-headline'), '50%');
    expect(await table('Why deals were lost')).toEqual([['Price', '1']]);
    await expectText(figure('Time to reply').locator('.insights-headline'), '2 hr');

    // Every chart is drawn, in chart.js's canvas, beside its table.
    await expect.poll(() => page.locator('[data-chart=drawn]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(7);

    const atRisk = page.locator('.at-risk-table tbody tr').filter({ hasText: 'Ben Wu' });
    await expectText(atRisk, 'NPS 0/10');
    await expectText(atRisk, 'The invoice was wrong twice');
    await atRisk.getByRole('button', { name: 'Ben Wu' }).click();
    await expectText(page.locator('.dashboard-main'), 'Partner Manager');
    expect(page.url()).toContain('#contacts');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('narrows every figure to a tag', async () => {
    await expectText(figure('NPS by month').locator('.insights-headline'), 'from 5 customers');
    await page.getByRole('combobox', { name: 'Period' }).selectOption('month');
    await expect.poll(() => page.getByRole('combobox', { name: 'Filter by tag' }).locator('option').allTextContents(), { timeout: 10_000 }).toContain('wholesale');
    await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('wholesale');
    await expectText(figure('NPS by month').locator('.insights-headline'), 'from 1 customer');
    await expectText(figure('NPS by month').locator('.insights-headline'), '+100');
    await expectText(figure('Time to reply').locator('.insights-headline'), '1 email answered');
    expect(await figure('Why deals were lost').textContent()).toContain('No deal was lost in this period.');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('loads chart.js only when Insights opens: never with Today, the sidebar or the Gmail page', async () => {
    // A fresh tab on Today: what the dashboard asks for, file by file.
    const tab = await app.context.newPage();
    const requested: string[] = [];
    tab.on('request', (r) => requested.push(r.url().split('/').pop() ?? ''));
    await tab.goto(`chrome-extension://${app.extensionId}/dashboard.html#today`);
    await tab.getByRole('button', { name: 'Insights' }).waitFor();
    expect(requested.filter((f) => f.startsWith('chart-'))).toEqual([]);
    await tab.getByRole('button', { name: 'Insights' }).click();
    await tab.locator('.dashboard-insights[data-ready] [data-chart=drawn]').first().waitFor({ timeout: 15_000 });
    expect(requested.filter((f) => f.startsWith('chart-'))).toHaveLength(1);

    // In the build, only Insights' own chunk names chart.js's: no other page or script can load it.
    const dir = join(__dirname, '../../.output/chrome-mv3');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
    const chart = files.find((f) => /(^|\/)chart-[^/]*\.js$/.test(f))!;
    expect(chart).toBeDefined();
    const chartName = chart.split('/').pop()!;
    const naming = [];
    for (const f of files) if (f !== chart && (await readFile(join(dir, f), 'utf8')).includes(chartName)) naming.push(f.split('/').pop());
    expect(naming).toHaveLength(1);
    expect(naming[0]).toMatch(/^DashboardInsights-/);
  }, 60_000);
});
