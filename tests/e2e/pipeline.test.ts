import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import type { Deal, Interaction } from '../../lib/schema';
import { expectText, readTable } from './deals-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

// The board moves deals the way the sidebar does: the same stage change, in the same history.
describe('the pipeline board', () => {
  let app: App;
  let board: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    await serveGmail(app.context, () => fixture('thread-single.html'));
    await seed(app.worker, demoData());
    board = await app.context.newPage();
    pageErrors.length = 0;
    board.on('pageerror', (e) => pageErrors.push(String(e)));
    await board.goto(`chrome-extension://${app.extensionId}/dashboard.html#pipeline`);
  }, 60_000);
  afterEach(() => app.close());

  const column = (stage: string) => board.locator(`[data-stage="${stage}"]`);
  const card = (title: string) => board.getByRole('article', { name: title });
  const stageOf = async (title: string) => (await readTable<Deal>(app.worker, 'deals')).find((d) => d.title === title)?.stage;
  const stageChanges = async () =>
    (await readTable<Interaction>(app.worker, 'interactions')).filter((r) => r.kind === 'stage-change' && !r.deletedAt).sort((a, b) => a.occurredAt - b.occurredAt).map((r) => r.subject);

  it('moves a deal by dragging it to another stage, into the contact’s history as in the sidebar', async () => {
    await expectText(column('proposal'), 'Q3 pilot, 40 seats');
    await card('Q3 pilot, 40 seats').dragTo(column('negotiation'));
    await expectText(column('negotiation'), 'Q3 pilot, 40 seats');
    expect(await stageOf('Q3 pilot, 40 seats')).toBe('negotiation');
    expect(await stageChanges()).toEqual(['Q3 pilot, 40 seats: proposal → negotiation']);

    // Priya's sidebar in Gmail shows the move in her history and the deal at its new stage.
    const gmail = await app.context.newPage();
    await gmail.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(gmail).getByTestId('history-list'), 'Q3 pilot, 40 seats: proposal → negotiation');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('moves a deal by keyboard, keeps the focus on it, and takes the move back with Undo', async () => {
    await card('Regional rollout').focus();
    await board.keyboard.press('ArrowRight');
    await expectText(column('proposal'), 'Regional rollout');
    await expect.poll(() => board.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Regional rollout');
    await board.keyboard.press('ArrowRight');
    await expectText(column('negotiation'), 'Regional rollout');
    expect(await stageOf('Regional rollout')).toBe('negotiation');
    expect(await stageChanges()).toEqual(['Regional rollout: qualified → proposal', 'Regional rollout: proposal → negotiation']);

    await board.getByRole('button', { name: 'Undo' }).click();
    await expectText(column('proposal'), 'Regional rollout');
    expect(await stageOf('Regional rollout')).toBe('proposal');
    expect(await stageChanges()).toEqual(['Regional rollout: qualified → proposal']);

    // Lost asks why first; the board counts it at the side.
    await card('Regional rollout').getByRole('combobox', { name: 'Move Regional rollout to' }).selectOption('lost');
    await board.getByLabel('Why was it lost?').fill('Chose a local supplier');
    await board.getByRole('button', { name: 'Mark lost' }).click();
    await expectText(column('lost'), '1 deal');
    expect(await stageOf('Regional rollout')).toBe('lost');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
