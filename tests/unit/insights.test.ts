import { createPinia, setActivePinia } from 'pinia';
import { db } from '@/lib/db';
import { atRiskDetails, loadBookHealth, loadFigures, recordBands, savedHealth, scopeOf, type InsightsQuery } from '@/lib/insights';
import { periodFor } from '@/lib/insights-period';
import { useInsightsStore } from '@/stores/insights';
import type { Company, Contact, Deal, Interaction, Satisfaction } from '@/lib/schema';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date(2026, 10, 20, 12).getTime();
const YEAR = periodFor('year', NOW);

/** Both parts, as the view puts them together. */
async function loadInsights(q: InsightsQuery, now: number) {
  const figures = await loadFigures(db, q);
  const health = await loadBookHealth(db, q, now);
  const shown = await atRiskDetails(db, health.atRisk.ids, now);
  return { ...figures, contacts: health.bands.total, bands: health.bands, atRisk: { count: health.atRisk.count, shown } };
}

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const stamp = () => ({ id: id(), createdAt: NOW - 200 * DAY, updatedAt: NOW - 200 * DAY });
const company = (name: string): Company => ({ ...stamp(), name, domains: [] });
const person = (name: string, over: Partial<Contact> = {}): Contact => ({ ...stamp(), name, emails: [`${name.toLowerCase()}@x.example`], tags: [], ...over });
const nps = (contactId: string, score: number, at = NOW - DAY, over: Partial<Satisfaction> = {}): Satisfaction =>
  ({ ...stamp(), contactId, kind: 'nps', score, occurredAt: at, ...over }) as Satisfaction;
const deal = (contactId: string, stage: Deal['stage'], over: Partial<Deal> = {}): Deal => ({
  ...stamp(),
  contactId,
  title: 'Tanks',
  stage,
  amountMinor: 100_00,
  currency: 'ZAR',
  gmailThreadIds: [],
  ...(stage === 'won' || stage === 'lost' ? { closedAt: NOW - 2 * DAY } : {}),
  ...over,
});
const mail = (contactId: string, kind: 'email-in' | 'email-out', at: number, thread: string): Interaction => ({
  ...stamp(),
  contactId,
  kind,
  occurredAt: at,
  gmailThreadId: thread,
});

const acme = company('Acme');
const globex = company('Globex');
const thandi = person('Thandi', { companyId: acme.id, tags: ['wholesale'] });
const sipho = person('Sipho', { companyId: acme.id });
const chisomo = person('Chisomo', { companyId: globex.id, tags: ['wholesale'] });
const gone = person('Gone', { companyId: acme.id, tags: ['wholesale'], deletedAt: NOW - 5 * DAY });

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.companies.bulkAdd([acme, globex]);
  await db.contacts.bulkAdd([thandi, sipho, chisomo, gone]);
  await db.satisfaction.bulkAdd([nps(thandi.id, 10), nps(sipho.id, 3, NOW - DAY, { note: 'Too slow' }), nps(chisomo.id, 9), nps(gone.id, 0)]);
  await db.deals.bulkAdd([
    deal(thandi.id, 'won'),
    deal(sipho.id, 'lost', { lostReason: 'Price' }),
    deal(chisomo.id, 'proposal', { amountMinor: 500_00 }),
    // Named for Acme though its contact is at Globex: it counts for Acme too.
    deal(chisomo.id, 'lost', { companyId: acme.id, lostReason: 'Timing' }),
    deal(gone.id, 'won'),
  ]);
  await db.interactions.bulkAdd([
    mail(thandi.id, 'email-in', NOW - 10 * HOUR, 'thread-f:1'),
    mail(thandi.id, 'email-out', NOW - 8 * HOUR, 'thread-f:1'),
    mail(chisomo.id, 'email-in', NOW - 10 * HOUR, 'thread-f:2'),
    mail(chisomo.id, 'email-out', NOW - 4 * HOUR, 'thread-f:2'),
  ]);
});

describe('Insights over the whole book', () => {
  it('leaves deleted contacts out of every figure', async () => {
    const i = await loadInsights({ period: YEAR }, NOW);
    expect(i.contacts).toBe(3);
    expect(i.months).toHaveLength(12);
    // 10, 3 and 9: two promoters, one detractor, of three.
    expect(i.satisfaction.npsResponses).toBe(3);
    expect(i.satisfaction.nps).toBeCloseTo(100 / 3);
    expect(i.bands.total).toBe(3);
    expect(i.pipeline.won.count).toBe(1);
    expect(i.pipeline.lost.count).toBe(2);
    expect(i.pipeline.winRate).toBeCloseTo(1 / 3);
    expect(i.pipeline.open.find((s) => s.stage === 'proposal')).toMatchObject({ count: 1, totals: [{ currency: 'ZAR', amountMinor: 500_00 }] });
    expect(i.replies).toMatchObject({ count: 2, median: 4 * HOUR });
  });

  it('lists the detractor at risk with the remark, and the person record beside it', async () => {
    const i = await loadInsights({ period: YEAR }, NOW);
    const sip = i.atRisk.shown.find((r) => r.contactId === sipho.id)!;
    expect(sip.contact.name).toBe('Sipho');
    expect(sip.remark?.note).toBe('Too slow');
    expect(i.atRisk.shown[0]!.contactId).toBe(sipho.id);
    expect(i.atRisk.shown.some((r) => r.contactId === gone.id)).toBe(false);
  });
});

describe('the filters apply to every figure', () => {
  it('narrows to a tag', async () => {
    const i = await loadInsights({ period: YEAR, tag: 'wholesale' }, NOW);
    expect(i.contacts).toBe(2);
    expect(i.satisfaction).toMatchObject({ nps: 100, npsResponses: 2 });
    expect(i.pipeline).toMatchObject({ won: { count: 1 }, lost: { count: 1 } });
    expect(i.pipeline.lostReasons).toEqual([{ reason: 'Timing', count: 1 }]);
    expect(i.replies).toMatchObject({ count: 2 });
    expect(i.atRisk.count).toBe(0);
  });

  it('never counts the deal of a deleted contact, even one that names the company', async () => {
    await db.deals.add(deal(gone.id, 'lost', { companyId: acme.id, lostReason: 'Gone' }));
    const i = await loadInsights({ period: YEAR, companyId: acme.id }, NOW);
    expect(i.pipeline.lostReasons.map((r) => r.reason)).not.toContain('Gone');
  });

  it('narrows to a company, with the deals that name it', async () => {
    const i = await loadInsights({ period: YEAR, companyId: acme.id }, NOW);
    expect(i.contacts).toBe(2);
    expect(i.satisfaction).toMatchObject({ nps: 0, npsResponses: 2 });
    expect(i.pipeline.lostReasons.map((r) => r.reason).sort()).toEqual(['Price', 'Timing']);
    expect(i.pipeline.open.every((s) => s.count === 0)).toBe(true);
    expect(i.replies).toMatchObject({ count: 1, median: 2 * HOUR });
  });

  it('narrows to a tag and a company together, and to nobody', async () => {
    const both = await loadInsights({ period: YEAR, tag: 'wholesale', companyId: acme.id }, NOW);
    expect(both.contacts).toBe(1);
    expect(both.satisfaction.npsResponses).toBe(1);
    // Chisomo is wholesale and works at Globex, but her lost deal names Acme: it counts for both.
    expect(both.pipeline.lostReasons).toEqual([{ reason: 'Timing', count: 1 }]);
    // Thandi's deals alone are Acme's wholesale ones otherwise; a deleted contact's deal never counts.
    expect(both.pipeline.won.count).toBe(1);
    const none = await loadInsights({ period: YEAR, tag: 'nobody' }, NOW);
    expect(none).toMatchObject({ contacts: 0, satisfaction: { nps: null }, pipeline: { winRate: null }, replies: { median: null }, atRisk: { count: 0 } });
  });

  it('narrows to a period: last month holds nothing of this one', async () => {
    const october = { start: new Date(2026, 9, 1).getTime(), end: new Date(2026, 10, 1).getTime() };
    const i = await loadInsights({ period: october }, NOW);
    expect(i.months.map((m) => m.key)).toEqual(['2026-10']);
    expect(i.satisfaction.npsResponses).toBe(0);
    expect(i.pipeline.won.count).toBe(0);
    expect(i.replies.count).toBe(0);
    // Health and the open deals are as of now, whatever the period.
    expect(i.bands.total).toBe(3);
    expect(i.pipeline.open.find((s) => s.stage === 'proposal')!.count).toBe(1);
  });
});

describe('how the bands moved', () => {
  const counted = (tag?: string) => ({ filters: tag ? { tag } : {}, bands: { counts: { 'at risk': 3, 'needs attention': 0, healthy: 0, champion: 0 }, total: 3 }, atRisk: { count: 3, ids: [] } });

  it('keeps this month\'s latest count and an earlier month\'s for the same filters', async () => {
    expect(await savedHealth(db, {}, NOW)).toEqual({});
    await recordBands(db, { ...counted(), at: NOW - 40 * DAY });
    await recordBands(db, { ...counted(), at: NOW - 25 * DAY, bands: { counts: { 'at risk': 1, 'needs attention': 0, healthy: 2, champion: 0 }, total: 3 } });
    await recordBands(db, { ...counted(), at: NOW - HOUR, atRisk: { count: 1, ids: [sipho.id] } });
    await recordBands(db, { ...counted('wholesale'), at: NOW - 25 * DAY });
    const saved = await savedHealth(db, {}, NOW);
    expect(saved.before).toMatchObject({ at: NOW - 25 * DAY, counts: { healthy: 2 }, scope: scopeOf({}) });
    expect(saved.current).toMatchObject({ at: NOW - HOUR, atRisk: { count: 1, ids: [sipho.id] } });
    expect(await savedHealth(db, { companyId: acme.id }, NOW)).toEqual({});
  });

  it('lists a kept at-risk customer afresh: one erased since, or helped since, is left out', async () => {
    // Never contacted, no score: health 30.
    const lerato = person('Lerato');
    await db.contacts.add(lerato);
    const health = await loadBookHealth(db, {}, NOW);
    expect(health.atRisk.ids).toEqual(expect.arrayContaining([sipho.id, lerato.id]));
    await db.contacts.put({ ...sipho, deletedAt: NOW });
    await db.interactions.add({ ...stamp(), contactId: lerato.id, kind: 'call', occurredAt: NOW - HOUR });
    const listed = (await atRiskDetails(db, health.atRisk.ids, NOW)).map((r) => r.contactId);
    expect(listed).not.toContain(sipho.id);
    expect(listed).not.toContain(lerato.id);
    expect(listed).toEqual(health.atRisk.ids.filter((id) => id !== sipho.id && id !== lerato.id));
  });
});

describe('the Insights store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(ok()).toBe(true);
  };

  it('filters by a company once its whole name is typed or pasted, and says when no company has it', async () => {
    const store = useInsightsStore();
    store.active = true;
    store.companyText = 'ACME';
    await until(() => store.companyId === acme.id);
    expect(store.companyUnknown).toBe(false);
    await until(() => store.insights?.filters.companyId === acme.id && !store.insights.stale);
    expect(store.insights!.satisfaction.npsResponses).toBe(2);
    store.companyText = 'Acme Holdings';
    await until(() => store.companyUnknown);
    expect(store.companyId).toBeUndefined();
  });

  it('marks the figures of the filters chosen before as stale until the new ones come', async () => {
    const store = useInsightsStore();
    store.active = true;
    await until(() => store.insights !== undefined && !store.insights.stale);
    store.tag = 'wholesale';
    expect(store.insights?.stale).toBe(true);
    await until(() => store.insights?.stale === false);
    expect(store.insights!.filters).toEqual({ tag: 'wholesale' });
  });
});
