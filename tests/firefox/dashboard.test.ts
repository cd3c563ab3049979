import { demoData } from '../../scripts/demo-data.mjs';
import { click, expectText, launchFirefox, openExtensionTab, seed, waitFor, type FirefoxApp } from '../../scripts/firefox.mjs';

// The dashboard's views in Firefox: the drag-and-drop library, the keyboard path and the charts load and work there.
describe('the dashboard in Firefox', () => {
  let app: FirefoxApp;
  beforeAll(async () => {
    app = await launchFirefox();
    await seed(app, demoData());
  }, 60_000);
  afterAll(() => app.close());

  it('marks a late follow-up done on Today', async () => {
    const today = await openExtensionTab(app, '/dashboard.html#today');
    await expectText(today, 'main [aria-label=Overdue]', 'Chase the security questionnaire');
    await click(today, 'Mark done: Chase the security questionnaire');
    await waitFor(today, `!document.querySelector('main [aria-label=Overdue]') && document.querySelector('main')?.textContent.includes('Due today')`);
  }, 30_000);

  it('moves a deal with the arrow keys on the pipeline, keeping the focus on it', async () => {
    const board = await openExtensionTab(app, '/dashboard.html#pipeline');
    await expectText(board, '[data-stage=qualified]', 'Regional rollout');
    await board.evaluate(`(() => {
      const card = document.querySelector('[aria-label="Regional rollout"]');
      card.focus();
      card.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      return true;
    })()`);
    await expectText(board, '[data-stage=proposal]', 'Regional rollout');
    await waitFor(board, `document.activeElement?.getAttribute('aria-label') === 'Regional rollout'`);
    await expectText(board, '[role=status]', 'Moved “Regional rollout” from qualified to proposal.');
  }, 30_000);

  it('counts and draws Insights, each chart beside its table', async () => {
    const insights = await openExtensionTab(app, '/dashboard.html#insights');
    // The demo's one NPS score is Daniel's 7, a passive: NPS 0 from one customer.
    await expectText(insights, '.dashboard-insights[data-ready]', 'from 1 customer');
    await waitFor(insights, `document.querySelectorAll('[data-chart=drawn]').length >= 4 && !document.querySelector('[data-chart=loading]')`);
    // Never contacted: Lena's health is 30.
    await expectText(insights, '.at-risk-table', 'Lena Fischer');
  }, 30_000);
});
