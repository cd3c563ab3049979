import { atRisk, bandMoves, countBands, netPromoterScore, satisfactionFigures } from '@/lib/insights-cx';
import { healthScore } from '@/lib/health';
import { monthsOf, periodFor } from '@/lib/insights-period';
import type { Satisfaction } from '@/lib/schema';

const DAY = 86_400_000;
const NOW = new Date(2026, 10, 20, 12).getTime();
const months = monthsOf(periodFor('year', NOW));
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const score = (contactId: string, kind: 'nps' | 'csat', value: number, at: number, over: Partial<Satisfaction> = {}): Satisfaction =>
  ({ id: id(), contactId, kind, score: value, occurredAt: at, createdAt: at, updatedAt: at, ...over }) as Satisfaction;

describe('NPS and CSAT', () => {
  it('gives an NPS of exactly +20 from the scores 10, 9, 9, 4 and 0', () => {
    const scores = [10, 9, 9, 4, 0].map((s, i) => score(`c${i}`, 'nps', s, NOW));
    expect(netPromoterScore(scores)).toBe(20);
    expect(satisfactionFigures(scores, months)).toMatchObject({ nps: 20, npsResponses: 5 });
    expect(netPromoterScore([])).toBeNull();
  });

  it('counts the latest NPS score of each contact in the month, and every CSAT score', () => {
    const nov = new Date(2026, 10, 3).getTime();
    const scores = [
      // One customer asked twice in November: only the later 10 counts.
      score('a', 'nps', 2, nov),
      score('a', 'nps', 10, nov + DAY),
      score('b', 'nps', 6, nov),
      score('a', 'csat', 5, nov),
      score('a', 'csat', 4, nov + DAY),
      score('b', 'csat', 3, new Date(2026, 9, 31, 23, 59).getTime()),
    ];
    const f = satisfactionFigures(scores, months);
    const november = f.months.find((m) => m.key === '2026-11')!;
    expect(november).toEqual({ key: '2026-11', nps: 0, npsResponses: 2, csat: 4.5, csatResponses: 2 });
    expect(f.months.find((m) => m.key === '2026-10')).toMatchObject({ csat: 3, csatResponses: 1, nps: null, npsResponses: 0 });
    expect(f).toMatchObject({ nps: 0, npsResponses: 2, csat: 4, csatResponses: 3 });
  });

  it('leaves out scores before the period, and sorts touchpoints the app does not offer under "other"', () => {
    const scores = [
      score('a', 'csat', 1, NOW - 400 * DAY, { touchpoint: 'call' }),
      score('a', 'csat', 5, NOW, { touchpoint: 'call' }),
      score('b', 'csat', 2, NOW, { touchpoint: 'trade show' }),
      score('c', 'nps', 9, NOW),
    ];
    const f = satisfactionFigures(scores, months);
    expect(f.csatResponses).toBe(2);
    const by = Object.fromEntries(f.touchpoints.map((t) => [t.touchpoint, t]));
    expect(Object.keys(by)).toEqual(['email', 'call', 'meeting', 'support', 'purchase', 'other']);
    expect(by.call).toMatchObject({ csat: 5, csatResponses: 1 });
    expect(by.other).toMatchObject({ csat: 2, csatResponses: 1, nps: 100, npsResponses: 1 });
    expect(by.email).toMatchObject({ csat: null, nps: null, csatResponses: 0 });
  });
});

describe('health bands', () => {
  it('counts the contacts per band and says how each share moved, in points', () => {
    const now = countBands([10, 50, 70, 90]);
    expect(now).toEqual({ counts: { 'at risk': 1, 'needs attention': 1, healthy: 1, champion: 1 }, total: 4 });
    const then = countBands([10, 10, 50, 50]);
    expect(bandMoves(now, then)).toEqual({ 'at risk': -25, 'needs attention': -25, healthy: 25, champion: 25 });
  });

  it('lists at risk the unhealthy and those with a low score in 90 days, low scores first, with their latest remark', () => {
    const healthy = healthScore({ lastContactedAt: NOW, openFollowUpDueAts: [] }, NOW);
    const neglected = healthScore({ openFollowUpDueAts: [] }, NOW);
    const book = new Map([
      ['fine', healthy],
      ['neglected', neglected],
      ['detractor', healthy],
      ['unhappy', healthy],
      ['old', healthy],
    ]);
    const scores = [
      score('detractor', 'nps', 3, NOW - 10 * DAY, { note: 'Delivery was late again' }),
      score('unhappy', 'csat', 2, NOW - 2 * DAY),
      score('unhappy', 'csat', 4, NOW - 50 * DAY, { note: 'Helpful on the phone' }),
      score('old', 'nps', 0, NOW - 91 * DAY),
      score('fine', 'csat', 3, NOW - DAY),
      score('stranger', 'nps', 0, NOW),
    ];
    const list = atRisk(book, scores, NOW);
    expect(list.map((r) => r.contactId)).toEqual(['unhappy', 'detractor', 'neglected']);
    expect(list[0]!.remark?.note).toBe('Helpful on the phone');
    expect(list[1]!.lowScore?.score).toBe(3);
    expect(list[2]!.lowScore).toBeUndefined();
  });
});
