import { monthsOf, periodFor } from '@/lib/insights-period';
import { pipelineInsights } from '@/lib/insights-pipeline';
import type { Deal } from '@/lib/schema';

const DAY = 86_400_000;
const NOW = new Date(2026, 10, 15).getTime();
// December 2025 to November 2026, in local time.
const months = monthsOf(periodFor('year', NOW));
const local = (month: number, day = 10, ms = 0) => new Date(2026, month, day).getTime() + ms;

const deal = (over: Partial<Deal> = {}): Deal => ({
  id: crypto.randomUUID(),
  contactId: crypto.randomUUID(),
  title: 'Deal',
  stage: 'lead',
  amountMinor: 100_000,
  currency: 'ZAR',
  gmailThreadIds: [],
  createdAt: NOW - 30 * DAY,
  updatedAt: NOW - 30 * DAY,
  ...over,
});
const won = (closedAt: number, over: Partial<Deal> = {}) => deal({ stage: 'won', closedAt, createdAt: closedAt - 5 * DAY, ...over });
const lost = (closedAt: number, over: Partial<Deal> = {}) =>
  deal({ stage: 'lost', closedAt, createdAt: closedAt - 5 * DAY, lostReason: 'Price', ...over });
const month = (p: ReturnType<typeof pipelineInsights>, key: string) => p.months.find((m) => m.key === key)!;

describe('pipelineInsights', () => {
  it('gives a win rate of 0.75 from 3 won and 1 lost in the period', () => {
    const p = pipelineInsights([won(local(3)), won(local(5)), won(local(5)), lost(local(5))], months);
    expect(p.won.count).toBe(3);
    expect(p.lost.count).toBe(1);
    expect(p.winRate).toBe(0.75);
    expect(month(p, '2026-06')).toMatchObject({ won: { count: 2 }, lost: { count: 1 }, winRate: 2 / 3 });
    expect(month(p, '2026-04').winRate).toBe(1);
    expect(month(p, '2026-05').winRate).toBeNull();
  });

  it('has every stage and every month, and no rates or reasons, for an empty book', () => {
    const p = pipelineInsights([], months);
    expect(p.open).toEqual(['lead', 'qualified', 'proposal', 'negotiation'].map((stage) => ({ stage, count: 0, totals: [] })));
    expect(p.months.map((m) => m.key)).toEqual(months.map((m) => m.key));
    expect(p.months).toHaveLength(12);
    expect(p.months.every((m) => m.won.count === 0 && m.lost.count === 0 && m.winRate === null)).toBe(true);
    expect(p).toMatchObject({ won: { count: 0, totals: [] }, lost: { count: 0, totals: [] }, winRate: null, averageDaysToWin: null, lostReasons: [] });
  });

  it('counts the open deals by stage in pipeline order, however old, and not the closed ones', () => {
    const p = pipelineInsights(
      [
        deal({ stage: 'negotiation', amountMinor: 300 }),
        deal({ stage: 'lead', amountMinor: 100, createdAt: NOW - 1000 * DAY }),
        deal({ stage: 'lead', amountMinor: 200 }),
        won(local(9)),
        lost(local(9)),
      ],
      months,
    );
    expect(p.open).toEqual([
      { stage: 'lead', count: 2, totals: [{ currency: 'ZAR', amountMinor: 300 }] },
      { stage: 'qualified', count: 0, totals: [] },
      { stage: 'proposal', count: 0, totals: [] },
      { stage: 'negotiation', count: 1, totals: [{ currency: 'ZAR', amountMinor: 300 }] },
    ]);
  });

  it('counts a deal lost and reopened as open, not lost, and one lost, reopened and won once, as won', () => {
    // Reopening cleared closedAt and lostReason; the deal was lost in September.
    const reopened = deal({ stage: 'proposal', createdAt: local(8, 1) });
    const wonAfterAll = won(local(10, 2), { createdAt: local(8, 1) });
    const p = pipelineInsights([reopened, wonAfterAll], months);
    expect(p.open.find((s) => s.stage === 'proposal')!.count).toBe(1);
    expect(p.lost.count).toBe(0);
    expect(p.won.count).toBe(1);
    expect(p.months.reduce((n, m) => n + m.won.count + m.lost.count, 0)).toBe(1);
    expect(p.winRate).toBe(1);
    expect(p.lostReasons).toEqual([]);
  });

  it('counts a deal read twice (by its stage and by closedAt) once', () => {
    // Imported data: an open stage with a closedAt left behind.
    const odd = deal({ stage: 'qualified', closedAt: local(9) });
    const w = won(local(9));
    const p = pipelineInsights([odd, w, odd, w], months);
    expect(p.open.find((s) => s.stage === 'qualified')!.count).toBe(1);
    expect(p.won.count).toBe(1);
    expect(month(p, '2026-10').won.count).toBe(1);
    expect(p.lost.count).toBe(0);
  });

  it('counts a deal closed 13 months ago, or after the period, nowhere', () => {
    const old = new Date(2025, 9, 15).getTime();
    const p = pipelineInsights(
      [won(old, { currency: 'MWK' }), lost(old, { lostReason: 'Timing' }), won(new Date(2026, 11, 1).getTime()), won(local(10), { amountMinor: 700 })],
      months,
    );
    expect(p.won).toEqual({ count: 1, totals: [{ currency: 'ZAR', amountMinor: 700 }] });
    expect(p.lost).toEqual({ count: 0, totals: [] });
    expect(p.months.reduce((n, m) => n + m.won.count + m.lost.count, 0)).toBe(1);
    expect(p.lostReasons).toEqual([]);
    expect(p.averageDaysToWin).toBe(5);
  });

  it('does not count a won or lost deal without closedAt as closed', () => {
    const p = pipelineInsights([deal({ stage: 'won' }), deal({ stage: 'lost', lostReason: 'Price' }), won(local(2))], months);
    expect(p.won.count).toBe(1);
    expect(p.lost.count).toBe(0);
    expect(p.lostReasons).toEqual([]);
  });

  it('keeps the values of each currency apart, never added together', () => {
    const p = pipelineInsights(
      [
        deal({ stage: 'proposal', amountMinor: 4_800_000, currency: 'ZAR' }),
        deal({ stage: 'proposal', amountMinor: 250_000_000, currency: 'MWK' }),
        deal({ stage: 'proposal', amountMinor: 1_200_000, currency: 'ZAR' }),
        won(local(6), { amountMinor: 1_000, currency: 'ZAR' }),
        won(local(6), { amountMinor: 50_000, currency: 'MWK' }),
        won(local(7), { amountMinor: 2_000, currency: 'ZAR' }),
        lost(local(7), { amountMinor: 9_000, currency: 'MWK' }),
      ],
      months,
    );
    expect(p.open.find((s) => s.stage === 'proposal')).toEqual({
      stage: 'proposal',
      count: 3,
      totals: [
        { currency: 'ZAR', amountMinor: 6_000_000 },
        { currency: 'MWK', amountMinor: 250_000_000 },
      ],
    });
    expect(month(p, '2026-07').won.totals).toEqual([
      { currency: 'ZAR', amountMinor: 1_000 },
      { currency: 'MWK', amountMinor: 50_000 },
    ]);
    expect(p.won).toEqual({
      count: 3,
      totals: [
        { currency: 'ZAR', amountMinor: 3_000 },
        { currency: 'MWK', amountMinor: 50_000 },
      ],
    });
    expect(p.lost).toEqual({ count: 1, totals: [{ currency: 'MWK', amountMinor: 9_000 }] });
  });

  it('puts a deal closed at local midnight of the 1st in the new month, one ms before in the one before', () => {
    const october = new Date(2026, 9, 1).getTime();
    const december2025 = new Date(2025, 11, 1).getTime();
    const p = pipelineInsights([won(october), lost(october - 1), won(december2025), won(december2025 - 1)], months);
    expect(month(p, '2026-10')).toMatchObject({ won: { count: 1 }, lost: { count: 0 }, winRate: 1 });
    expect(month(p, '2026-09')).toMatchObject({ won: { count: 0 }, lost: { count: 1 }, winRate: 0 });
    // The period's first month begins at its first instant; the instant before is outside it.
    expect(month(p, '2025-12').won.count).toBe(1);
    expect(p.won.count).toBe(2);
  });

  it('averages the days from creation to won over the deals won in the period', () => {
    const p = pipelineInsights(
      [
        won(local(4), { createdAt: local(4) - 10 * DAY }),
        won(local(8), { createdAt: local(8) - 20 * DAY }),
        // Neither a loss nor a win before the period takes part.
        lost(local(8), { createdAt: local(8) - 300 * DAY }),
        won(new Date(2025, 5, 1).getTime(), { createdAt: new Date(2025, 5, 1).getTime() - 300 * DAY }),
      ],
      months,
    );
    expect(p.averageDaysToWin).toBe(15);
    expect(pipelineInsights([won(local(4), { createdAt: local(4) - 36 * 3_600_000 })], months).averageDaysToWin).toBe(1.5);
  });

  it('counts the lost reasons alike in any case and spacing, most frequent first, in their most seen spelling', () => {
    const p = pipelineInsights(
      [
        lost(local(3), { lostReason: 'PRICE' }),
        lost(local(4), { lostReason: ' price ' }),
        lost(local(5), { lostReason: 'Went  with a competitor' }),
        lost(local(6), { lostReason: 'price' }),
        lost(local(7), { lostReason: 'went with a COMPETITOR' }),
        lost(local(7), { lostReason: 'Timing' }),
        lost(local(7), { lostReason: 'Budget' }),
        // No reason (imported), a blank one, a loss before the period and a win: none is a reason here.
        lost(local(8), { lostReason: undefined }),
        lost(local(8), { lostReason: '   ' }),
        lost(new Date(2025, 5, 1).getTime(), { lostReason: 'Price' }),
        won(local(8), { lostReason: 'Price' }),
      ],
      months,
    );
    expect(p.lostReasons).toEqual([
      { reason: 'price', count: 3 },
      // Two spellings once each: the first seen, its spaces collapsed.
      { reason: 'Went with a competitor', count: 2 },
      { reason: 'Budget', count: 1 },
      { reason: 'Timing', count: 1 },
    ]);
    expect(p.lost.count).toBe(9);
  });

  it('ignores deleted deals everywhere', () => {
    const gone = { deletedAt: NOW - DAY };
    const p = pipelineInsights(
      [
        deal({ stage: 'lead', ...gone }),
        won(local(9), { ...gone, createdAt: local(9) - 100 * DAY }),
        lost(local(9), { ...gone, lostReason: 'Deleted reason' }),
        won(local(9)),
        lost(local(9)),
      ],
      months,
    );
    expect(p.open[0]).toEqual({ stage: 'lead', count: 0, totals: [] });
    expect(p.won.count).toBe(1);
    expect(p.lost.count).toBe(1);
    expect(month(p, '2026-10')).toMatchObject({ won: { count: 1 }, lost: { count: 1 }, winRate: 0.5 });
    expect(p.averageDaysToWin).toBe(5);
    expect(p.lostReasons).toEqual([{ reason: 'Price', count: 1 }]);
  });
});
