import { HEALTH_BANDS, bandOf, type HealthBand } from './health';
import { monthIndex, type Month } from './insights-period';
import { TOUCHPOINTS } from './satisfaction';
import type { Satisfaction } from './schema';

/**
 * The customer-experience figures of Insights, from records already read: NPS and CSAT by month
 * and by touchpoint, the health bands, and the customers at risk. Pure, so the answers can be
 * checked on hand-made books.
 */

const DAY = 86_400_000;
/** How far back a low score puts a customer at risk, whatever their health. */
export const AT_RISK_DAYS = 90;
/** Health below this is at risk (the lowest band, lib/health.ts). */
export const AT_RISK_HEALTH = 40;

/** What these figures read of a score (the month rows, lib/insight-months.ts, keep no more). */
type Scored = Pick<Satisfaction, 'contactId' | 'kind' | 'score' | 'occurredAt' | 'touchpoint'>;

export const isPromoter = (s: Scored) => s.kind === 'nps' && s.score >= 9;
export const isDetractor = (s: Scored) => s.kind === 'nps' && s.score <= 6;
/** A score that puts a customer at risk: an NPS detractor, or a CSAT of 1 or 2 out of 5. */
export const isLowScore = (s: Scored) => isDetractor(s) || (s.kind === 'csat' && s.score <= 2);

/** Promoters minus detractors, in percent of the respondents (-100..100); null without any. */
export function netPromoterScore(scores: readonly Scored[]): number | null {
  const nps = scores.filter((s) => s.kind === 'nps');
  if (!nps.length) return null;
  return ((nps.filter(isPromoter).length - nps.filter(isDetractor).length) / nps.length) * 100;
}

/** Each contact's latest NPS score among `scores`: one voice per customer, however often asked. */
function latestNpsByContact(scores: readonly Scored[]): Scored[] {
  const latest = new Map<string, Scored>();
  for (const s of scores) if (s.kind === 'nps' && s.occurredAt >= (latest.get(s.contactId)?.occurredAt ?? -1)) latest.set(s.contactId, s);
  return [...latest.values()];
}

export interface ScoreFigures {
  /** Over the latest NPS score of each contact. */
  nps: number | null;
  npsResponses: number;
  /** The mean of every CSAT score. */
  csat: number | null;
  csatResponses: number;
}

function figuresOf(scores: readonly Scored[]): ScoreFigures {
  const latest = latestNpsByContact(scores);
  const csat = scores.filter((s) => s.kind === 'csat');
  return {
    nps: netPromoterScore(latest),
    npsResponses: latest.length,
    csat: csat.length ? csat.reduce((sum, s) => sum + s.score, 0) / csat.length : null,
    csatResponses: csat.length,
  };
}

export interface SatisfactionFigures extends ScoreFigures {
  months: (ScoreFigures & { key: string })[];
  /** One per touchpoint the app offers, in its order, then "other" for scores without one. */
  touchpoints: (ScoreFigures & { touchpoint: string })[];
}

/** NPS and CSAT per month and per touchpoint, over the live scores given that fall in `months`. */
export function satisfactionFigures(scores: readonly Scored[], months: readonly Month[]): SatisfactionFigures {
  const byMonth = months.map(() => [] as Scored[]);
  const inPeriod: Scored[] = [];
  for (const s of scores) {
    const m = monthIndex(months, s.occurredAt);
    if (m < 0) continue;
    byMonth[m]!.push(s);
    inPeriod.push(s);
  }
  const named = new Set<string>(TOUCHPOINTS);
  return {
    ...figuresOf(inPeriod),
    months: months.map((m, i) => ({ key: m.key, ...figuresOf(byMonth[i]!) })),
    touchpoints: [...TOUCHPOINTS, 'other'].map((touchpoint) => ({
      touchpoint,
      ...figuresOf(inPeriod.filter((s) => (s.touchpoint && named.has(s.touchpoint) ? s.touchpoint : 'other') === touchpoint)),
    })),
  };
}

export type BandShares = Record<HealthBand, number>;

/**
 * The book's health as last counted for the filters (scope) in a month, kept in bandHistory: the
 * latest month's shows at once while a fresh count runs, an earlier month's says how bands moved.
 * The customers at risk are kept as ids only (no name or remark), read afresh when shown: an
 * erased one is not shown.
 */
export interface BandCounts {
  scope: string;
  month: string;
  /** When these were counted. */
  at: number;
  counts: BandShares;
  total: number;
  atRisk?: { count: number; ids: string[] };
}

/** How many of the health scores fall in each band. */
export function countBands(scores: Iterable<number>): { counts: BandShares; total: number } {
  const counts = Object.fromEntries(HEALTH_BANDS.map((b) => [b, 0])) as BandShares;
  let total = 0;
  for (const score of scores) {
    counts[bandOf(score)]++;
    total++;
  }
  return { counts, total };
}

/** Each band's share now minus its share then, in percentage points. */
export function bandMoves(now: { counts: BandShares; total: number }, then: { counts: BandShares; total: number }): BandShares {
  const share = (c: { counts: BandShares; total: number }, b: HealthBand) => (c.total ? (c.counts[b] / c.total) * 100 : 0);
  return Object.fromEntries(HEALTH_BANDS.map((b) => [b, share(now, b) - share(then, b)])) as BandShares;
}

export interface AtRiskContact {
  contactId: string;
  /** The health score, 0-100. */
  health: number;
  /** The latest low score of the last AT_RISK_DAYS, if that is (also) why. */
  lowScore?: Satisfaction;
  /** The latest score that came with a remark. */
  remark?: Satisfaction;
}

/**
 * The customers at risk: health below AT_RISK_HEALTH, or a low score in the last AT_RISK_DAYS.
 * Those with a low score first (the latest first), then the least healthy.
 */
export function atRisk(health: ReadonlyMap<string, number>, scores: readonly Satisfaction[], now: number): AtRiskContact[] {
  const since = now - AT_RISK_DAYS * DAY;
  const low = new Map<string, Satisfaction>();
  const remark = new Map<string, Satisfaction>();
  for (const s of scores) {
    if (!health.has(s.contactId)) continue;
    if (isLowScore(s) && s.occurredAt >= since && s.occurredAt <= now && s.occurredAt >= (low.get(s.contactId)?.occurredAt ?? -1)) low.set(s.contactId, s);
    if (s.note?.trim() && s.occurredAt >= (remark.get(s.contactId)?.occurredAt ?? -1)) remark.set(s.contactId, s);
  }
  const list: AtRiskContact[] = [];
  for (const [contactId, h] of health) {
    const lowScore = low.get(contactId);
    if (h >= AT_RISK_HEALTH && !lowScore) continue;
    list.push({ contactId, health: h, ...(lowScore ? { lowScore } : {}), ...(remark.has(contactId) ? { remark: remark.get(contactId)! } : {}) });
  }
  return list.sort(
    (a, b) =>
      (b.lowScore?.occurredAt ?? -1) - (a.lowScore?.occurredAt ?? -1) || a.health - b.health || (a.contactId < b.contactId ? -1 : 1),
  );
}
