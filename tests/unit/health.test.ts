import { bandOf, health } from '@/lib/health';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

describe('health', () => {
  it.each([
    ['a recent call and a happy CSAT', { lastContactedAt: NOW - 2 * DAY, latestSatisfaction: { kind: 'csat', score: 5, occurredAt: NOW }, openFollowUpDueAts: [] }, 100, 'champion'],
    ['a month of silence, no score', { lastContactedAt: NOW - 25 * DAY, openFollowUpDueAts: [NOW + DAY] }, 60, 'needs attention'],
    ['a detractor and two overdue follow-ups', { lastContactedAt: NOW - 100 * DAY, latestSatisfaction: { kind: 'nps', score: 3, occurredAt: NOW }, openFollowUpDueAts: [NOW - DAY, NOW - 2 * DAY] }, 0, 'at risk'],
    ['never contacted, NPS promoter', { latestSatisfaction: { kind: 'nps', score: 10, occurredAt: NOW }, openFollowUpDueAts: [] }, 50, 'needs attention'],
    ['last week, CSAT 4', { lastContactedAt: NOW - 10 * DAY, latestSatisfaction: { kind: 'csat', score: 4, occurredAt: NOW }, openFollowUpDueAts: [] }, 80, 'healthy'],
  ] as const)('%s: %d, %s', (_, signals, score, band) => {
    const h = health({ ...signals, openFollowUpDueAts: [...signals.openFollowUpDueAts] }, NOW);
    expect(h.score).toBe(score);
    expect(h.band).toBe(band);
  });

  it('says why, with the points of each reason', () => {
    const h = health({ lastContactedAt: NOW - 3 * DAY, latestSatisfaction: { kind: 'nps', score: 6, occurredAt: NOW }, openFollowUpDueAts: [NOW - 1] }, NOW);
    expect(h.reasons).toEqual(['Last contact 3 days ago (+50)', 'Latest NPS 6/10 (+24)', '1 overdue follow-up (-10)']);
    expect(h.score).toBe(64);
  });

  it.each([
    [0, 'at risk'],
    [39, 'at risk'],
    [40, 'needs attention'],
    [64, 'needs attention'],
    [65, 'healthy'],
    [84, 'healthy'],
    [85, 'champion'],
    [100, 'champion'],
  ])('score %d is %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});
