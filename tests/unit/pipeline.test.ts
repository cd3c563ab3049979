import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import DashboardPipeline from '@/components/DashboardPipeline.vue';
import { db } from '@/lib/db';
import { changeStage } from '@/lib/deals';
import { undoStageChange } from '@/lib/deals-undo';
import { periodOf, pipelineBoard, pipelineFilterOptions } from '@/lib/pipeline';
import type { Company, Contact, Deal } from '@/lib/schema';
import { PAGE } from '@/stores/pipeline';
import { until } from './panel-helpers';
import { at, inTimeZone } from './time-helpers';

inTimeZone('Africa/Johannesburg');

const DAY = 86_400_000;
const NOW = at('2026-05-20T10:00');
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const acme: Company = { id: id(), name: 'Acme', domains: ['acme.example'], createdAt: 1, updatedAt: 1 };
const globex: Company = { id: id(), name: 'Globex', domains: ['globex.example'], createdAt: 1, updatedAt: 1 };
const thandi: Contact = { id: id(), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], companyId: acme.id, tags: ['retail'], createdAt: 1, updatedAt: 1 };
const chifundo: Contact = { id: id(), name: 'Chifundo Banda', emails: ['chifundo@globex.example'], companyId: globex.id, tags: [], createdAt: 1, updatedAt: 1 };

async function deal(over: Partial<Deal>): Promise<Deal> {
  const d: Deal = {
    id: id(),
    contactId: thandi.id,
    companyId: acme.id,
    title: `Deal ${seq}`,
    stage: 'lead',
    amountMinor: 100_000,
    currency: 'ZAR',
    gmailThreadIds: [],
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - 10 * DAY,
    ...over,
  };
  await db.deals.add(d);
  return d;
}

/** The stage changes in the history, as the timeline shows them. */
const stageChanges = async () =>
  (await db.interactions.toArray()).filter((r) => r.deletedAt === undefined && r.kind === 'stage-change').map((r) => r.subject);

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.companies.bulkAdd([acme, globex]);
  await db.contacts.bulkAdd([thandi, chifundo]);
});

describe('pipelineBoard', () => {
  it('totals each column per currency, never across them, and weights them by the stage’s probability', async () => {
    await deal({ stage: 'proposal', amountMinor: 4_800_000, currency: 'ZAR' });
    await deal({ stage: 'proposal', amountMinor: 1_200_000, currency: 'ZAR' });
    await deal({ stage: 'proposal', amountMinor: 250_000_000, currency: 'MWK', contactId: chifundo.id, companyId: globex.id });
    const board = await pipelineBoard(db, NOW);
    const proposal = board.columns.find((c) => c.stage === 'proposal')!;
    expect(proposal.cards).toHaveLength(3);
    expect(proposal.totals).toEqual([
      { currency: 'ZAR', amountMinor: 6_000_000 },
      { currency: 'MWK', amountMinor: 250_000_000 },
    ]);
    expect(proposal.weighted).toEqual([
      { currency: 'ZAR', amountMinor: 3_000_000 },
      { currency: 'MWK', amountMinor: 125_000_000 },
    ]);
    expect(board.columns.map((c) => c.stage)).toEqual(['lead', 'qualified', 'proposal', 'negotiation']);
    const options = await pipelineFilterOptions(db);
    expect(options.companies.map((c) => c.name)).toEqual(['Acme', 'Globex']);
    expect(options.tags).toEqual(['retail']);
  });

  it('gives each card its people, days in stage and a warning once the close date has gone by', async () => {
    await deal({ title: 'Late', stage: 'negotiation', stageChangedAt: NOW - 3 * DAY, expectedCloseAt: at('2026-05-19T00:00') });
    await deal({ title: 'Due today', stage: 'negotiation', expectedCloseAt: at('2026-05-20T00:00') });
    const [late, today] = (await pipelineBoard(db, NOW)).columns[3]!.cards;
    expect(late).toMatchObject({ daysInStage: 3, closePassed: true, contact: { name: 'Thandi Nkosi' }, company: { name: 'Acme' } });
    // A deal without a stage change counts from its creation; closing today has not passed yet.
    expect(today).toMatchObject({ daysInStage: 10, closePassed: false });
  });

  it('reads the people of the shown cards only, and keeps the one being moved wherever it sorts', async () => {
    const soon = await deal({ title: 'Soon', expectedCloseAt: NOW + DAY });
    await deal({ title: 'Later', expectedCloseAt: NOW + 2 * DAY, contactId: chifundo.id, companyId: globex.id });
    const moved = await deal({ title: 'Last', expectedCloseAt: NOW + 3 * DAY });
    const lead = async (keep?: string) => (await pipelineBoard(db, NOW, {}, { shown: { lead: 1 }, keep })).columns[0]!;
    expect(await lead()).toMatchObject({ count: 3, cards: [{ deal: { id: soon.id }, contact: { name: 'Thandi Nkosi' } }] });
    expect((await lead()).totals).toEqual([{ currency: 'ZAR', amountMinor: 300_000 }]);
    expect((await lead(moved.id)).cards.map((c) => c.deal.title)).toEqual(['Soon', 'Last']);
  });

  it('filters by company, tag and expected close this month or quarter', async () => {
    await deal({ title: 'May', expectedCloseAt: at('2026-05-31T00:00') });
    await deal({ title: 'June', expectedCloseAt: at('2026-06-10T00:00') });
    await deal({ title: 'July', expectedCloseAt: at('2026-07-01T00:00') });
    await deal({ title: 'Globex', contactId: chifundo.id, companyId: globex.id });
    const titles = async (filters: Parameters<typeof pipelineBoard>[2]) =>
      (await pipelineBoard(db, NOW, filters)).columns[0]!.cards.map((c) => c.deal.title);
    expect(await titles({ closeWithin: 'month' })).toEqual(['May']);
    expect(await titles({ closeWithin: 'quarter' })).toEqual(['May', 'June']);
    expect(await titles({ companyId: globex.id })).toEqual(['Globex']);
    expect(await titles({ tag: 'retail' })).toEqual(['May', 'June', 'July']);
    expect(periodOf(NOW, 'quarter')).toEqual([at('2026-04-01T00:00'), at('2026-07-01T00:00')]);
  });

  it('counts what was won and lost this month, and neither deleted deals nor last month’s', async () => {
    await deal({ stage: 'won', closedAt: at('2026-05-02T09:00'), amountMinor: 500 });
    await deal({ stage: 'won', closedAt: at('2026-05-19T09:00'), amountMinor: 700, currency: 'USD' });
    await deal({ stage: 'won', closedAt: at('2026-04-30T23:00') });
    await deal({ stage: 'lost', closedAt: at('2026-05-03T09:00'), lostReason: 'Budget' });
    await deal({ stage: 'lost', closedAt: at('2026-05-03T09:00'), deletedAt: NOW, lostReason: 'x' });
    const board = await pipelineBoard(db, NOW);
    expect(board.won).toEqual({ count: 2, totals: [{ currency: 'ZAR', amountMinor: 500 }, { currency: 'USD', amountMinor: 700 }] });
    expect(board.lost.count).toBe(1);
  });
});

describe('undoStageChange', () => {
  it('puts the deal back and deletes the history entry the move wrote', async () => {
    const before = await deal({ title: 'Pilot', stage: 'qualified' });
    const after = await changeStage(db, before.id, 'lost', 'Went with a competitor', NOW);
    expect(await stageChanges()).toEqual(['Pilot: qualified → lost']);
    const restored = await undoStageChange(db, before, after, NOW, NOW + 1000);
    expect(restored).toMatchObject({ stage: 'qualified', closedAt: undefined, lostReason: undefined });
    expect(restored.updatedAt).toBeGreaterThan(after.updatedAt);
    expect(await stageChanges()).toEqual([]);
  });

  it('refuses once the deal changed after the move, and changes nothing', async () => {
    const before = await deal({ stage: 'qualified' });
    const after = await changeStage(db, before.id, 'proposal', '', NOW);
    await changeStage(db, before.id, 'negotiation', '', NOW + 10);
    await expect(undoStageChange(db, before, after, NOW, NOW + 20)).rejects.toThrow('changed after the move');
    expect((await db.deals.get(before.id))!.stage).toBe('negotiation');
  });
});

describe('the pipeline view', () => {
  beforeEach(() => setActivePinia(createPinia()));
  const card = (view: ReturnType<typeof mount>, title: string) => view.get(`[aria-label="${title}"]`);
  const column = (view: ReturnType<typeof mount>, stage: string) => view.find(`[data-stage="${stage}"]`);

  it('moves a focused card with the arrow keys, keeps it focused, writes the history, and undoes the move', async () => {
    const pilot = await deal({ title: 'Pilot', stage: 'lead' });
    const view = mount(DashboardPipeline, { attachTo: document.body });
    await until(() => view.find('[aria-label="Pilot"]').exists());
    (card(view, 'Pilot').element as HTMLElement).focus();
    await card(view, 'Pilot').trigger('keydown', { key: 'ArrowRight' });
    await until(() => column(view, 'qualified').text().includes('Pilot'));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Pilot');
    expect((await db.deals.get(pilot.id))!.stage).toBe('qualified');
    expect(await stageChanges()).toEqual(['Pilot: lead → qualified']);
    expect(view.get('[role=status]').text()).toContain('Moved “Pilot” from lead to qualified.');

    await view.findAll('button').find((b) => b.text() === 'Undo')!.trigger('click');
    await until(() => column(view, 'lead').text().includes('Pilot'));
    expect(await stageChanges()).toEqual([]);
    view.unmount();
  });

  it('asks why before a move to lost, and counts it in this month’s lost', async () => {
    await deal({ title: 'Pilot', stage: 'proposal' });
    const view = mount(DashboardPipeline);
    await until(() => view.find('[aria-label="Pilot"]').exists());
    await view.get('select[aria-label="Move Pilot to"]').setValue('lost');
    const form = view.get('form[aria-label="Mark Pilot lost"]');
    expect((await db.deals.toArray())[0]!.stage).toBe('proposal');
    await form.get('input[name=lostReason]').setValue('Went with a competitor');
    await form.trigger('submit');
    await until(() => column(view, 'lost').text().includes('1 deal'));
    expect((await db.deals.toArray())[0]).toMatchObject({ stage: 'lost', lostReason: 'Went with a competitor' });
    expect(column(view, 'proposal').text()).toContain('No deals here.');
  });

  it('shows each currency’s total on its own line', async () => {
    await deal({ stage: 'lead', amountMinor: 4_800_000, currency: 'ZAR' });
    await deal({ stage: 'lead', amountMinor: 250_000_000, currency: 'MWK' });
    const view = mount(DashboardPipeline);
    await until(() => column(view, 'lead').exists() && column(view, 'lead').findAll('dd').length === 4);
    const amounts = column(view, 'lead').findAll('dd');
    // Intl puts a no-break space between the code and the amount.
    const lines = column(view, 'lead').findAll('dt').map((dt, i) => `${dt.text()} ${amounts[i]!.text()}`.replace(/\s/g, ' '));
    expect(lines).toEqual(['Total ZAR 48,000.00', 'Total MWK 2,500,000.00', 'Weighted 10% ZAR 4,800.00', 'Weighted 10% MWK 250,000.00']);
  });

  it('shows the soonest to close in a long column, and more on request', async () => {
    await db.deals.bulkAdd(
      Array.from({ length: PAGE + 10 }, (_, n): Deal => ({
        id: id(),
        contactId: thandi.id,
        title: `Deal n${n}`,
        stage: 'lead',
        amountMinor: 100,
        currency: 'ZAR',
        expectedCloseAt: NOW + n * DAY,
        gmailThreadIds: [],
        createdAt: 1,
        updatedAt: 1,
      })),
    );
    const view = mount(DashboardPipeline);
    await until(() => column(view, 'lead').exists() && column(view, 'lead').findAll('article').length > 0);
    const lead = column(view, 'lead');
    expect(lead.findAll('article')).toHaveLength(PAGE);
    expect(lead.get('h2').text()).toBe(`lead ${PAGE + 10}`);
    expect(lead.findAll('article').at(-1)!.attributes('aria-label')).toBe(`Deal n${PAGE - 1}`);
    const more = lead.findAll('button').find((b) => b.text() === 'Show 10 more of 10')!;
    await more.trigger('click');
    await until(() => column(view, 'lead').findAll('article').length === PAGE + 10);
    expect(column(view, 'lead').find('button.secondary-button').exists()).toBe(false);
  });
});
