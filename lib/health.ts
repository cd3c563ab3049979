import { t, tn, type CatalogKey } from './i18n';
import { SCALES, scoreText } from './satisfaction-scales';
import type { Satisfaction } from './schema';

/** The bands, least healthy first. */
export const HEALTH_BANDS = ['at risk', 'needs attention', 'healthy', 'champion'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];
/** Each band's name: the values above stay the code's (addresses, classes), these are shown. */
export const HEALTH_BAND_KEYS = {
  'at risk': 'health.atRisk',
  'needs attention': 'health.needsAttention',
  healthy: 'health.healthy',
  champion: 'health.champion',
} as const satisfies Record<HealthBand, CatalogKey>;
/** "needs attention", in the language of the moment: call it where the band is shown. */
export const healthBandLabel = (band: HealthBand): string => t(HEALTH_BAND_KEYS[band]);

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

/** The points of each part, and what they were given for. */
function parts({ lastContactedAt, latestSatisfaction, openFollowUpDueAts }: HealthSignals, now: number) {
  const days = lastContactedAt === undefined ? undefined : Math.max(0, Math.floor((now - lastContactedAt) / DAY));
  const recency = days === undefined ? 0 : days <= 7 ? 50 : days <= 14 ? 40 : days <= 30 ? 30 : days <= 60 ? 15 : days <= 90 ? 5 : 0;
  // Both scales on one 0..1 scale; an NPS detractor (0-6) weighs like CSAT 1-3.
  const scale = latestSatisfaction && SCALES[latestSatisfaction.kind];
  const satisfaction = !latestSatisfaction || !scale ? 20 : Math.round(((latestSatisfaction.score - scale.min) / (scale.max - scale.min)) * 40);
  let overdue = 0;
  for (const due of openFollowUpDueAts) if (due < now) overdue++;
  const followUps = overdue === 0 ? 10 : -10 * Math.min(overdue, 3);
  return { days, recency, satisfaction, overdue, followUps, score: Math.max(0, Math.min(100, recency + satisfaction + followUps)) };
}

/**
 * The score alone, without the words of its reasons: Insights scores the whole book at once.
 * Recency gives up to 50 points, satisfaction up to 40, follow-ups kept on time 10.
 */
export const healthScore = (signals: HealthSignals, now: number): number => parts(signals, now).score;

export function health(signals: HealthSignals, now: number): Health {
  const { days, recency, satisfaction, overdue, followUps, score } = parts(signals, now);
  const why = (points: number, reason: string) => t('health.reason', { reason, points: `${points >= 0 ? '+' : ''}${points}` });
  const { latestSatisfaction: latest } = signals;
  const reasons = [
    why(recency, days === undefined ? t('health.neverContacted') : days === 0 ? t('health.contactedToday') : tn('health.lastContact', days)),
    why(satisfaction, latest ? t('health.latestScore', { score: scoreText(latest.kind, latest.score) }) : t('health.noScore')),
    why(followUps, overdue === 0 ? t('health.noOverdue') : tn('health.overdue', overdue)),
  ];
  return { score, band: bandOf(score), reasons };
}

export function bandOf(score: number): HealthBand {
  return score >= 85 ? 'champion' : score >= 65 ? 'healthy' : score >= 40 ? 'needs attention' : 'at risk';
}
