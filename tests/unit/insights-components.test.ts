import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import type { Component, DefineComponent } from 'vue';
import InsightsAtRisk from '@/components/InsightsAtRisk.vue';
import InsightsExperience from '@/components/InsightsExperience.vue';
import InsightsPipeline from '@/components/InsightsPipeline.vue';
import InsightsReplies from '@/components/InsightsReplies.vue';
import type { Insights } from '@/lib/insights';
import { countBands, satisfactionFigures, type BandCounts, type BandShares } from '@/lib/insights-cx';
import { monthsOf, periodFor } from '@/lib/insights-period';
import { pipelineInsights } from '@/lib/insights-pipeline';
import { replyTimes, type Reply } from '@/lib/replies';
import type { Contact, Deal, Satisfaction } from '@/lib/schema';
import { until } from './panel-helpers';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date(2026, 10, 20, 12).getTime();
// December 2025 to November 2026, in local time.
const months = monthsOf(periodFor('year', NOW));
const local = (month: number, day: number) => new Date(2026, month, day, 12).getTime();

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

// Small factories of hand-made records.
const score = (contactId: string, kind: 'nps' | 'csat', value: number, at: number, over: Partial<Satisfaction> = {}): Satisfaction =>
  ({ id: id(), contactId, kind, score: value, occurredAt: at, createdAt: at, updatedAt: at, ...over }) as Satisfaction;
const deal = (over: Partial<Deal>): Deal => ({
  id: id(),
  contactId: id(),
  title: 'Deal',
  stage: 'lead',
  amountMinor: 100_000,
  currency: 'ZAR',
  gmailThreadIds: [],
  createdAt: NOW - 60 * DAY,
  updatedAt: NOW - 60 * DAY,
  ...over,
});
// Won 20 days after it came in.
const won = (closedAt: number, over: Partial<Deal>) => deal({ stage: 'won', closedAt, createdAt: closedAt - 20 * DAY, ...over });
const lost = (closedAt: number, over: Partial<Deal>) => deal({ stage: 'lost', closedAt, ...over });
const reply = (at: number, ms: number): Reply => ({ id: id(), threadId: 'thread', contactId: 'c', at, ms });
const contact = (name: string): Contact => ({ id: id(), name, emails: [], tags: [], createdAt: NOW, updatedAt: NOW });
const shares = (atRisk: number, needsAttention: number, healthy: number, champion: number): BandShares => ({
  'at risk': atRisk,
  'needs attention': needsAttention,
  healthy,
  champion,
});

/** An Insights with nothing in it, but for what a test gives. */
const insightsOf = (over: Partial<Insights> = {}): Insights => ({
  period: periodFor('year', NOW),
  filters: {},
  months,
  satisfaction: satisfactionFigures([], months),
  bands: countBands([]),
  atRisk: { count: 0, shown: [] },
  pipeline: pipelineInsights([], months),
  replies: replyTimes([], months),
  healthAt: NOW,
  healthPending: false,
  ...over,
});

// What a reader sees: the texts of a figure found by its title, spaces (also no-break ones) as one.
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
type Wrapper = VueWrapper | DOMWrapper<Element>;
function figure(wrapper: Wrapper, title: string): DOMWrapper<Element> {
  const found = wrapper.findAll('section.insights-figure').find((s) => s.find('h3').text() === title);
  if (!found) throw new Error(`No figure titled “${title}”`);
  return found;
}
const headers = (f: Wrapper) => f.findAll('thead th').map((th) => clean(th.text()));
const rows = (f: Wrapper) => f.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((c) => clean(c.text())));
function row(f: Wrapper, label: string): string[] {
  const found = rows(f).find((r) => r[0] === label);
  if (!found) throw new Error(`No row “${label}”`);
  return found;
}

async function mounted(component: Component, props: Record<string, unknown>): Promise<VueWrapper> {
  const wrapper = mount(component as DefineComponent, { props });
  await flushPromises();
  return wrapper;
}

describe('InsightsExperience', () => {
  // NPS 10, 9, 9, 4 and 0 in November: +20. CSAT 5, 4 and 4 in November, 2 in October.
  const scores = [
    score('c1', 'nps', 10, NOW, { touchpoint: 'email' }),
    score('c2', 'nps', 9, NOW, { touchpoint: 'call' }),
    score('c3', 'nps', 9, NOW, { touchpoint: 'call' }),
    score('c4', 'nps', 4, NOW, { touchpoint: 'meeting' }),
    score('c5', 'nps', 0, NOW),
    score('c1', 'csat', 5, NOW, { touchpoint: 'email' }),
    score('c2', 'csat', 4, NOW, { touchpoint: 'support' }),
    score('c3', 'csat', 4, NOW, { touchpoint: 'purchase' }),
    score('c4', 'csat', 2, local(9, 14), { touchpoint: 'trade show' }),
  ];
  const satisfaction = satisfactionFigures(scores, months);
  const bands = { counts: shares(2, 3, 4, 1), total: 10 };
  const before: BandCounts = { scope: '[null,null]', month: '2026-10', at: new Date(2026, 9, 14, 9).getTime(), counts: shares(1, 3, 4, 0), total: 8 };

  it('shows NPS by month: a row per month, November’s +20 from 5 responses, and the period’s NPS', async () => {
    const f = figure(await mounted(InsightsExperience, { insights: insightsOf({ satisfaction }) }), 'NPS by month');
    expect(headers(f)).toEqual(['Month', 'NPS', 'Responses']);
    expect(rows(f)).toHaveLength(12);
    expect(rows(f)[0]).toEqual(['Dec 2025', '–', '0']);
    expect(rows(f)[11]).toEqual(['Nov 2026', '+20', '5']);
    expect(clean(f.get('.insights-headline').text())).toBe('+20 NPS over the period, from 5 customers');
  });

  it('shows CSAT by month as the month’s mean with one decimal', async () => {
    const f = figure(await mounted(InsightsExperience, { insights: insightsOf({ satisfaction }) }), 'CSAT by month');
    expect(headers(f)).toEqual(['Month', 'CSAT', 'Responses']);
    expect(rows(f)).toHaveLength(12);
    expect(row(f, 'Nov 2026')).toEqual(['Nov 2026', '4.3', '3']);
    expect(row(f, 'Oct 2026')).toEqual(['Oct 2026', '2.0', '1']);
    expect(row(f, 'Sep 2026')).toEqual(['Sep 2026', '–', '0']);
    expect(clean(f.get('.insights-headline').text())).toBe('3.8 / 5 over the period, from 4 responses');
  });

  it('shows satisfaction by touchpoint: every touchpoint the app offers, then other', async () => {
    const f = figure(await mounted(InsightsExperience, { insights: insightsOf({ satisfaction }) }), 'Satisfaction by touchpoint');
    expect(headers(f)).toEqual(['Touchpoint', 'CSAT', 'CSAT responses', 'NPS', 'NPS responses']);
    expect(rows(f)).toEqual([
      ['email', '5.0', '1', '+100', '1'],
      ['call', '–', '0', '+100', '2'],
      ['meeting', '–', '0', '-100', '1'],
      ['support', '4.0', '1', '–', '0'],
      ['purchase', '4.0', '1', '–', '0'],
      ['other', '2.0', '1', '-100', '1'],
    ]);
  });

  it('shows the health bands’ shares and contacts, and no change when they were never counted before', async () => {
    const f = figure(await mounted(InsightsExperience, { insights: insightsOf({ bands }) }), 'Health bands');
    expect(headers(f)).toEqual(['Band', 'Share of contacts', 'Contacts']);
    expect(rows(f)).toEqual([
      ['at risk', '20%', '2'],
      ['needs attention', '30%', '3'],
      ['healthy', '40%', '4'],
      ['champion', '10%', '1'],
    ]);
    expect(f.get('.insights-how').text()).toBe(
      'The share of contacts in each health band. Their change shows from next month: Insights keeps each month’s shares when it opens.',
    );
  });

  it('shows how each band’s share moved, in points, since the shares were last counted', async () => {
    const f = figure(await mounted(InsightsExperience, { insights: insightsOf({ bands, bandsBefore: before }) }), 'Health bands');
    expect(headers(f)).toEqual(['Band', 'Share of contacts', 'Contacts', 'Since Oct 14, 2026']);
    // Then 1, 3, 4 and 0 of 8: 12.5 %, 37.5 %, 50 % and 0 %.
    expect(rows(f)).toEqual([
      ['at risk', '20%', '2', '+7.5 pts'],
      ['needs attention', '30%', '3', '-7.5 pts'],
      ['healthy', '40%', '4', '-10.0 pts'],
      ['champion', '10%', '1', '+10.0 pts'],
    ]);
    expect(f.get('.insights-how').text()).toBe(
      'The share of contacts in each health band, and its change since Oct 14, 2026, when Insights last counted them in an earlier month.',
    );
  });

  it('keeps the tables when the charts cannot draw, and passes on opening an at-risk contact', async () => {
    const ana = contact('Ana Lima');
    const atRisk = { count: 1, shown: [{ contactId: ana.id, health: 12, contact: ana }] };
    const wrapper = await mounted(InsightsExperience, { insights: insightsOf({ satisfaction, atRisk }) });
    // happy-dom has no canvas context: each chart gives up once chart.js has loaded.
    await until(() => !wrapper.find('canvas').exists());
    expect(row(figure(wrapper, 'NPS by month'), 'Nov 2026')).toEqual(['Nov 2026', '+20', '5']);
    await figure(wrapper, 'Customers at risk').get('button').trigger('click');
    expect(wrapper.emitted('openContact')).toEqual([[ana.id]]);
  });
});

describe('InsightsPipeline', () => {
  // Open: lead ZAR 1,500 + 500, qualified MWK 250,000, proposal ZAR 3,000 and MWK 100,000.
  // Closed: November 2 won (ZAR 1,000, MWK 50,000) and 1 lost (ZAR 200); September 2 lost.
  const deals = [
    deal({ stage: 'lead', amountMinor: 150_000 }),
    deal({ stage: 'lead', amountMinor: 50_000 }),
    deal({ stage: 'qualified', amountMinor: 25_000_000, currency: 'MWK' }),
    deal({ stage: 'proposal', amountMinor: 300_000 }),
    deal({ stage: 'proposal', amountMinor: 10_000_000, currency: 'MWK' }),
    won(local(10, 5), { amountMinor: 100_000 }),
    won(local(10, 10), { amountMinor: 5_000_000, currency: 'MWK' }),
    lost(local(10, 12), { amountMinor: 20_000, lostReason: 'Price' }),
    lost(local(8, 3), { amountMinor: 30_000, lostReason: ' price ' }),
    lost(local(8, 4), { amountMinor: 7_500_000, currency: 'MWK', lostReason: 'Timing' }),
  ];
  const insights = () => insightsOf({ pipeline: pipelineInsights(deals, months) });

  it('shows the open value by stage in the main currency, every currency’s amount and the open deals', async () => {
    const f = figure(await mounted(InsightsPipeline, { insights: insights() }), 'Open value by stage');
    expect(headers(f)).toEqual(['Stage', 'Value (ZAR)', 'Every currency', 'Open deals']);
    expect(rows(f)).toEqual([
      ['lead', 'ZAR 2,000.00', 'ZAR 2,000.00', '2'],
      ['qualified', '–', 'MWK 250,000.00', '1'],
      ['proposal', 'ZAR 3,000.00', 'ZAR 3,000.00 · MWK 100,000.00', '2'],
      ['negotiation', '–', '–', '0'],
    ]);
    expect(f.get('.insights-how').text()).toContain('worth today, in ZAR;');
  });

  it('switches the values to MWK with the currency select', async () => {
    const wrapper = await mounted(InsightsPipeline, { insights: insights() });
    const select = wrapper.get('select[aria-label="Currency of the values"]');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['ZAR', 'MWK']);
    await select.setValue('MWK');
    const f = figure(wrapper, 'Open value by stage');
    expect(headers(f)).toEqual(['Stage', 'Value (MWK)', 'Every currency', 'Open deals']);
    expect(rows(f).map((r) => [r[0], r[1]])).toEqual([
      ['lead', '–'],
      ['qualified', 'MWK 250,000.00'],
      ['proposal', 'MWK 100,000.00'],
      ['negotiation', '–'],
    ]);
    expect(f.get('.insights-how').text()).toContain('worth today, in MWK;');
  });

  it('says so when no deal is open', async () => {
    const f = figure(await mounted(InsightsPipeline, { insights: insightsOf({ pipeline: pipelineInsights([lost(local(10, 12), {})], months) }) }), 'Open value by stage');
    expect(f.text()).toContain('No open deals.');
    expect(f.find('table').exists()).toBe(false);
  });

  it('has no currency select when every value is in one currency', async () => {
    const wrapper = await mounted(InsightsPipeline, { insights: insightsOf({ pipeline: pipelineInsights([deal({ stage: 'lead' })], months) }) });
    expect(wrapper.find('select').exists()).toBe(false);
    expect(headers(figure(wrapper, 'Open value by stage'))).toContain('Value (ZAR)');
  });

  it('shows won and lost by month: counts, values in every currency and the win rate', async () => {
    const f = figure(await mounted(InsightsPipeline, { insights: insights() }), 'Won and lost by month');
    expect(headers(f)).toEqual(['Month', 'Won', 'Lost', 'Won value', 'Lost value', 'Win rate']);
    expect(rows(f)).toHaveLength(12);
    expect(row(f, 'Nov 2026')).toEqual(['Nov 2026', '2', '1', 'ZAR 1,000.00 · MWK 50,000.00', 'ZAR 200.00', '67%']);
    expect(row(f, 'Oct 2026')).toEqual(['Oct 2026', '0', '0', '–', '–', '–']);
    expect(row(f, 'Sep 2026')).toEqual(['Sep 2026', '0', '2', '–', 'ZAR 300.00 · MWK 75,000.00', '0%']);
  });

  it('heads the section with the period’s win rate and what was won', async () => {
    const wrapper = await mounted(InsightsPipeline, { insights: insights() });
    expect(clean(wrapper.get('section.insights-section > .insights-headline').text())).toBe(
      '40% win rate in the period (2 won, 3 lost; won ZAR 1,000.00 · MWK 50,000.00) · 20 days on average from a new deal to won',
    );
  });

  it('ranks why deals were lost, the same words in any case and spacing as one', async () => {
    const f = figure(await mounted(InsightsPipeline, { insights: insights() }), 'Why deals were lost');
    expect(headers(f)).toEqual(['Reason', 'Deals lost']);
    expect(rows(f)).toEqual([
      ['Price', '2'],
      ['Timing', '1'],
    ]);
  });

  it('says so when no deal was won or lost, and when none was lost', async () => {
    const none = await mounted(InsightsPipeline, { insights: insightsOf({ pipeline: pipelineInsights(deals.slice(0, 5), months) }) });
    for (const [title, empty] of [
      ['Won and lost by month', 'No deal was won or lost in this period.'],
      ['Why deals were lost', 'No deal was lost in this period.'],
    ]) {
      expect(figure(none, title!).get('.insights-empty').text()).toBe(empty);
      expect(figure(none, title!).find('table').exists()).toBe(false);
    }
    expect(figure(none, 'Open value by stage').find('table').exists()).toBe(true);

    const onlyWon = await mounted(InsightsPipeline, { insights: insightsOf({ pipeline: pipelineInsights(deals.slice(5, 7), months) }) });
    expect(row(figure(onlyWon, 'Won and lost by month'), 'Nov 2026')).toEqual(['Nov 2026', '2', '0', 'ZAR 1,000.00 · MWK 50,000.00', '–', '100%']);
    expect(figure(onlyWon, 'Why deals were lost').get('.insights-empty').text()).toBe('No deal was lost in this period.');
  });
});

describe('InsightsReplies', () => {
  // November: 1, 2 and 5 hours (median 2 hours); October: 30 and 90 minutes (median 1 hour).
  const rowsIn = [reply(local(10, 3), HOUR), reply(local(10, 4), 2 * HOUR), reply(local(10, 5), 5 * HOUR), reply(local(9, 8), HOUR / 2), reply(local(9, 9), 1.5 * HOUR)];

  it('shows the median time to reply by month as a duration, with the emails answered', async () => {
    const f = figure(await mounted(InsightsReplies, { insights: insightsOf({ replies: replyTimes(rowsIn, months) }) }), 'Time to reply');
    expect(headers(f)).toEqual(['Month', 'Median wait', 'Emails answered']);
    expect(rows(f)).toHaveLength(12);
    expect(row(f, 'Nov 2026')).toEqual(['Nov 2026', '2 hr', '3']);
    expect(row(f, 'Oct 2026')).toEqual(['Oct 2026', '1 hr', '2']);
    expect(row(f, 'Sep 2026')).toEqual(['Sep 2026', '–', '0']);
    // Over the period: 0.5, 1, 1.5, 2 and 5 hours.
    expect(clean(f.get('.insights-headline').text())).toBe('1.5 hr median over the period, 5 emails answered');
  });

  it('says so when no email was answered', async () => {
    const f = figure(await mounted(InsightsReplies, { insights: insightsOf() }), 'Time to reply');
    expect(f.get('.insights-empty').text()).toBe('No logged email was answered in this period.');
    expect(f.find('table').exists()).toBe(false);
    expect(clean(f.get('.insights-headline').text())).toBe('– median over the period, 0 emails answered');
  });
});

describe('InsightsAtRisk', () => {
  const ana = contact('Ana Lima');
  const ben = contact('Ben Okafor');
  const cy = contact('Cy Dlamini');
  const shown = () => {
    const now = Date.now();
    return [
      {
        contactId: ana.id,
        health: 12,
        lowScore: score(ana.id, 'nps', 0, now - 5 * DAY),
        remark: score(ana.id, 'nps', 0, now - 5 * DAY, { note: 'Too slow to answer' }),
        contact: ana,
      },
      { contactId: ben.id, health: 55, lowScore: score(ben.id, 'csat', 2, now - 2 * DAY), contact: ben },
      { contactId: cy.id, health: 20, remark: score(cy.id, 'csat', 4, now - 40 * DAY, { note: 'Fine, mostly' }), contact: cy },
    ];
  };
  const risk = async (count: number, list = shown()) => figure(await mounted(InsightsAtRisk, { atRisk: { count, shown: list } }), 'Customers at risk');

  it('lists each customer with their health, low score and latest remark', async () => {
    const f = await risk(3);
    expect(headers(f)).toEqual(['Contact', 'Health', 'Low score', 'Latest remark']);
    expect(rows(f)).toEqual([
      ['Ana Lima', '12', 'NPS 0/10, 5 days ago', '“Too slow to answer”'],
      ['Ben Okafor', '55', 'CSAT 2/5, 2 days ago', '–'],
      ['Cy Dlamini', '20', '–', '“Fine, mostly”'],
    ]);
    expect(f.findAll('tbody th button').map((b) => b.text())).toEqual(['Ana Lima', 'Ben Okafor', 'Cy Dlamini']);
    expect(clean(f.get('p.muted').text())).toBe('3 in all. Every contact at risk by health, in Contacts');
  });

  it('emits openContact with the id when a name is clicked', async () => {
    const wrapper = await mounted(InsightsAtRisk, { atRisk: { count: 3, shown: shown() } });
    await wrapper.findAll('tbody th button')[1]!.trigger('click');
    expect(wrapper.emitted('openContact')).toEqual([[ben.id]]);
  });

  it('says how many more there are, and links to the contacts list filtered by health band', async () => {
    const f = await risk(1234);
    expect(clean(f.get('p.muted').text())).toBe('The first 3 of 1,234. Every contact at risk by health, in Contacts');
    expect(f.get('a').attributes('href')).toBe('#contacts?sort=health&band=at+risk');
  });

  it('says nobody is at risk when nobody is', async () => {
    const f = await risk(0, []);
    expect(f.get('p.muted').text()).toBe('Nobody is at risk.');
    expect(f.find('table').exists()).toBe(false);
    expect(f.find('a').exists()).toBe(false);
  });
});
