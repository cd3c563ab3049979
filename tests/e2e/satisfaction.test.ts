import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText, readTable } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

describe('satisfaction in the sidebar', () => {
  let app: App;
  let page: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    await seed(app.worker, demoData());
    await serveGmail(app.context, () => fixture('thread-single.html'));
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(page).getByTestId('contact-name'), 'Priya Raman');
    // Starting Chromium takes long on a loaded machine; the steps themselves keep their usual timeouts.
  }, 60_000);
  afterEach(() => app.close());

  const panel = () => sidebar(page).getByRole('region', { name: 'Satisfaction' });
  const latest = () => panel().getByTestId('satisfaction-latest');
  const trendLabel = () => panel().getByRole('img').first().getAttribute('aria-label');

  async function record(score: string, comment: string, touchpoint = 'support') {
    await panel().getByRole('button', { name: 'Record score' }).click();
    const form = panel().getByRole('form', { name: 'Record satisfaction' });
    await form.getByRole('radio', { name: score, exact: true }).check();
    await form.getByRole('combobox', { name: 'Touchpoint' }).selectOption(touchpoint);
    await form.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await form.getByRole('button', { name: 'Save score' }).click();
    await form.waitFor({ state: 'detached' });
  }

  it('shows Priya’s latest CSAT and its trend', async () => {
    await expectText(latest(), 'CSAT 5/5');
    await expectText(latest(), 'Loved the discovery call');
    await expect.poll(trendLabel).toBe('CSAT trend: 5');
    expect(pageErrors).toEqual([]);
  });

  it('records a CSAT that becomes the latest, and the trend follows', async () => {
    await expectText(latest(), 'CSAT 5/5');
    await record('3', 'Onboarding was slow');
    await expectText(latest(), 'CSAT 3/5');
    await expectText(latest(), 'Onboarding was slow');
    await expect.poll(trendLabel).toBe('CSAT trend: 5, 3, falling');

    await record('4', 'Better after the fix', 'call');
    await expectText(latest(), 'CSAT 4/5');
    await expect.poll(trendLabel).toBe('CSAT trend: 5, 3, 4, falling');

    await page.reload();
    await expectText(latest(), 'CSAT 4/5');
    const rows = await readTable<{ score: number; note?: string; touchpoint?: string; occurredAt: number }>(app.worker, 'satisfaction');
    expect(rows.find((r) => r.note === 'Onboarding was slow')).toMatchObject({ score: 3, touchpoint: 'support' });
    expect(rows.every((r) => r.occurredAt > 0)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('explains a missing score in words and saves nothing', async () => {
    await expectText(latest(), 'CSAT 5/5');
    await panel().getByRole('button', { name: 'Record score' }).click();
    await panel().getByRole('button', { name: 'Save score' }).click();
    await expectText(panel().getByRole('alert'), 'Choose a score');
    expect(await readTable(app.worker, 'satisfaction')).toHaveLength(2);
  });
});
