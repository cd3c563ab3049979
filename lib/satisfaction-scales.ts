/**
 * The two surveys and the range of their scores. The record schema, the score form, the health
 * score and every "4/5" shown read them here; lib/schema.ts cannot import lib/satisfaction.ts
 * (that imports the schema), hence a module of its own.
 */

export const SATISFACTION_KINDS = ['csat', 'nps'] as const;
export type SatisfactionKind = (typeof SATISFACTION_KINDS)[number];

export const SCALES = {
  csat: { label: 'CSAT', min: 1, max: 5 },
  nps: { label: 'NPS', min: 0, max: 10 },
} as const satisfies Record<SatisfactionKind, { label: string; min: number; max: number }>;

/** "CSAT 4/5": a score with its scale. */
export const scoreText = (kind: SatisfactionKind, score: number) => `${SCALES[kind].label} ${score}/${SCALES[kind].max}`;
