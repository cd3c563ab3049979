import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText, readTable } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;
const THREAD = 'thread-f:1840980617747713117'; // data-thread-perm-id of thread-single.html

describe('deals in the sidebar', () => {
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

  const panel = () => sidebar(page).getByRole('region', { name: 'Deals' });
  const deal = (title: string) => panel().getByRole('article', { name: title, exact: true });

  it('shows Priya’s open deal with its stage and value', async () => {
    await expectText(deal('Q3 pilot, 40 seats').getByTestId('deal-stage'), 'proposal');
    await expectText(deal('Q3 pilot, 40 seats').getByTestId('deal-value'), /48[,.\s\u202f]?000/);
    expect(pageErrors).toEqual([]);
  });

  it('creates a deal, moves its stage, and logs the move in the history', async () => {
    await panel().getByRole('button', { name: 'New deal' }).click();
    const form = panel().getByRole('form', { name: 'New deal' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Renewal 2026');
    await form.getByRole('textbox', { name: 'Amount' }).fill('12500.50');
    await form.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
    await form.getByRole('combobox', { name: 'Stage' }).selectOption('qualified');
    await form.getByRole('button', { name: 'Add deal' }).click();

    await expectText(deal('Renewal 2026').getByTestId('deal-value'), /12,?500\.50/);
    await expectText(deal('Renewal 2026').getByTestId('deal-stage'), 'qualified');
    await deal('Renewal 2026').getByRole('combobox', { name: 'Stage of Renewal 2026' }).selectOption('negotiation');
    await expectText(deal('Renewal 2026').getByTestId('deal-stage'), 'negotiation');

    const entries = await readTable<{ kind: string; subject: string; dealId: string }>(app.worker, 'interactions');
    const [created] = (await readTable<{ id: string; title: string; companyId?: string }>(app.worker, 'deals')).filter((d) => d.title === 'Renewal 2026');
    expect(created?.companyId).toBeTruthy();
    expect(entries.filter((e) => e.kind === 'stage-change')).toEqual([
      expect.objectContaining({ dealId: created!.id, subject: 'Renewal 2026: qualified → negotiation' }),
    ]);

    // Made for the wrong contact after all: deleted, with its line in the history.
    const history = sidebar(page).getByTestId('history-list');
    await expectText(history, 'Renewal 2026: qualified → negotiation');
    await deal('Renewal 2026').getByRole('button', { name: 'Delete', exact: true }).click();
    await deal('Renewal 2026').getByRole('button', { name: 'Delete deal' }).click();
    await expect.poll(() => deal('Renewal 2026').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => (await history.textContent()) ?? '', { timeout: 10_000 }).not.toContain('Renewal 2026');
    expect(pageErrors).toEqual([]);
  });

  it('marks a deal lost only with a reason, and tucks it behind "1 closed"', async () => {
    const pilot = deal('Q3 pilot, 40 seats');
    await pilot.getByRole('button', { name: 'Mark lost' }).click();
    await pilot.getByRole('button', { name: 'Mark lost' }).click();
    await expectText(pilot.getByRole('alert'), 'Say why the deal was lost');

    await pilot.getByRole('textbox', { name: 'Why was it lost?' }).fill('Budget frozen until next year');
    await pilot.getByRole('button', { name: 'Mark lost' }).click();
    const toggle = panel().getByRole('button', { name: '1 closed' });
    await toggle.waitFor();
    await expectText(panel(), 'No open deals');
    await toggle.click();
    await expectText(pilot.getByTestId('deal-stage'), 'lost');
    await expectText(pilot, 'Reason: Budget frozen until next year');

    const [stored] = await readTable<{ stage: string; closedAt?: number; lostReason?: string }>(app.worker, 'deals').then((ds) =>
      ds.filter((d) => d.stage === 'lost'),
    );
    expect(stored).toMatchObject({ lostReason: 'Budget frozen until next year' });
    expect(stored!.closedAt).toBeGreaterThan(0);
  });

  it('links the open thread to a deal, and still knows it after a reload', async () => {
    const pilot = deal('Q3 pilot, 40 seats');
    await pilot.getByRole('button', { name: 'Link this thread' }).click();
    await expectText(pilot, 'linked to this thread');
    await page.reload();
    await expectText(deal('Q3 pilot, 40 seats'), 'linked to this thread');
    const deals = await readTable<{ title: string; gmailThreadIds: string[] }>(app.worker, 'deals');
    expect(deals.find((d) => d.title === 'Q3 pilot, 40 seats')?.gmailThreadIds).toEqual([THREAD]);
  });
});
