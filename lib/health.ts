import { SCALES, scoreText } from './satisfaction-scales';
import type { Satisfaction } from './schema';

/** The bands, least healthy first. */
export const HEALTH_BANDS = ['at risk', 'needs attention', 'healthy', 'champion'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

export interface HealthSignals {
  /** The latest email, call or meeting with the contact. */
  lastContactedAt?: number;
  latestSatisfaction?: Pick<Satisfaction, 'kind' | 'score' | 'occurredAt'>;
  /** Due times of the contact's open follow-ups. */
  openFollowUpDueAts: number[];
}

export interface Health {
  score: number;
  band: HealthBand;
  /** Why, in words, each with the points it gave: shown on hover. */
  reasons: string[];
}

const DAY = 86_400_000;

/** Recency gives up to 50 points, satisfaction up to 40, follow-ups kept on time 10. */
export function health({ lastContactedAt, latestSatisfaction, openFollowUpDueAts }: HealthSignals, now: number): Health {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, why: string) => {
    score += points;
    reasons.push(`${why} (${points >= 0 ? '+' : ''}${points})`);
  };

  if (lastContactedAt === undefined) add(0, 'Never contacted');
  else {
    const days = Math.max(0, Math.floor((now - lastContactedAt) / DAY));
    const points = days <= 7 ? 50 : days <= 14 ? 40 : days <= 30 ? 30 : days <= 60 ? 15 : days <= 90 ? 5 : 0;
    add(points, days === 0 ? 'Contacted today' : `Last contact ${days} day${days === 1 ? '' : 's'} ago`);
  }

  if (!latestSatisfaction) add(20, 'No satisfaction score yet');
  else {
    const { kind, score: s } = latestSatisfaction;
    // Both scales on one 0..1 scale; an NPS detractor (0-6) weighs like CSAT 1-3.
    const { min, max } = SCALES[kind];
    add(Math.round(((s - min) / (max - min)) * 40), `Latest ${scoreText(kind, s)}`);
  }

  const overdue = openFollowUpDueAts.filter((due) => due < now).length;
  if (overdue === 0) add(10, 'No overdue follow-ups');
  else add(-10 * Math.min(overdue, 3), `${overdue} overdue follow-up${overdue === 1 ? '' : 's'}`);

  score = Math.max(0, Math.min(100, score));
  return { score, band: bandOf(score), reasons };
}

export function bandOf(score: number): HealthBand {
  return score >= 85 ? 'champion' : score >= 65 ? 'healthy' : score >= 40 ? 'needs attention' : 'at risk';
}
