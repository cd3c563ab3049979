/**
 * The two surveys and the range of their scores. The record schema, the score form, the health
 * score and every "4/5" shown read them here; lib/schema.ts cannot import lib/satisfaction.ts
 * (that imports the schema), hence a module of its own.
 */
import { t, type CatalogKey } from './i18n';

export const SATISFACTION_KINDS = ['csat', 'nps'] as const;
export type SatisfactionKind = (typeof SATISFACTION_KINDS)[number];

export const SCALES = {
  csat: { label: 'scales.csat', min: 1, max: 5 },
  nps: { label: 'scales.nps', min: 0, max: 10 },
} as const satisfies Record<SatisfactionKind, { label: CatalogKey; min: number; max: number }>;

/** The survey's name ("CSAT"), in the language of the moment. */
export const scaleLabel = (kind: SatisfactionKind): string => t(SCALES[kind].label);

/** "CSAT 4/5": a score with its scale. */
export const scoreText = (kind: SatisfactionKind, score: number): string => t('scales.score', { scale: scaleLabel(kind), score, max: SCALES[kind].max });
