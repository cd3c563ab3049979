import Dexie from 'dexie';
import { z } from 'zod';
import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { t, tn, type CatalogKey } from './i18n';
import { SATISFACTION_KINDS, SCALES, scaleLabel, type SatisfactionKind } from './satisfaction-scales';
import { NOTE_MAX, Satisfaction } from './schema';
import { alive, newRecordBase, nextUpdatedAt, parseOrThrow } from './validate';

export { SATISFACTION_KINDS, SCALES, scaleLabel, scoreText, type SatisfactionKind } from './satisfaction-scales';

export const TOUCHPOINTS = ['email', 'call', 'meeting', 'support', 'purchase'] as const;

/** Each touchpoint's name, and "other" for those the app does not offer (Insights' last column). */
export const TOUCHPOINT_LABEL_KEYS = {
  email: 'scales.touchpoint.email',
  call: 'scales.touchpoint.call',
  meeting: 'scales.touchpoint.meeting',
  support: 'scales.touchpoint.support',
  purchase: 'scales.touchpoint.purchase',
  other: 'scales.touchpoint.other',
} as const satisfies Record<(typeof TOUCHPOINTS)[number] | 'other', CatalogKey>;
/** A touchpoint's name; one the app does not know (from an import) is shown as it was typed. */
export const touchpointLabel = (touchpoint: string): string =>
  Object.hasOwn(TOUCHPOINT_LABEL_KEYS, touchpoint) ? t(TOUCHPOINT_LABEL_KEYS[touchpoint as keyof typeof TOUCHPOINT_LABEL_KEYS]) : touchpoint;

const range = (kind: SatisfactionKind) => t('scales.range', { scale: scaleLabel(kind), min: SCALES[kind].min, max: SCALES[kind].max });

/** What the score form submits; the score's range depends on the kind. */
export const SatisfactionDraft = z
  .object({
    kind: z.enum(SATISFACTION_KINDS, { error: () => t('errors.chooseSurvey') }),
    score: z.number({ error: () => t('errors.chooseScore') }).int({ error: () => t('errors.chooseScore') }),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX, { error: () => tn('errors.commentTooLong', NOTE_MAX, { max: NOTE_MAX }) }),
    touchpoint: z.enum(TOUCHPOINTS, { error: () => t('errors.chooseTouchpoint') }).optional(),
  })
  .refine((d) => d.score >= SCALES[d.kind].min && d.score <= SCALES[d.kind].max, {
    path: ['score'],
    error: (iss) => range((iss.input as { kind: SatisfactionKind }).kind),
  });
export type SatisfactionDraft = z.input<typeof SatisfactionDraft>;

/** Records a score given now; it appears in the contact's history by its `occurredAt`. */
export async function recordSatisfaction(
  db: SidecarDB,
  contactId: string,
  draft: SatisfactionDraft,
  now = Date.now(),
): Promise<Satisfaction> {
  const { kind, score, note, touchpoint } = parseOrThrow(SatisfactionDraft, draft);
  return db.transaction('rw', db.satisfaction, db.contacts, async () => {
    if (!alive(await db.contacts.get(contactId))) throw new ValidationError(t('errors.contactGone'));
    const record = parseOrThrow(Satisfaction, {
      ...newRecordBase(now),
      contactId,
      kind,
      score,
      ...(note ? { note } : {}),
      ...(touchpoint ? { touchpoint } : {}),
      occurredAt: now,
    });
    await db.satisfaction.add(record);
    return record;
  });
}

/** The form's values for a score, to correct it. */
export function satisfactionDraftOf(record: Satisfaction): SatisfactionDraft {
  const touchpoint = (TOUCHPOINTS as readonly string[]).includes(record.touchpoint ?? '') ? (record.touchpoint as (typeof TOUCHPOINTS)[number]) : undefined;
  return { kind: record.kind, score: record.score, note: record.note ?? '', ...(touchpoint ? { touchpoint } : {}) };
}

/** Corrects a recorded score: its survey, score, touchpoint and comment; when it was given stays. */
export async function editSatisfaction(db: SidecarDB, id: string, draft: SatisfactionDraft, now = Date.now()): Promise<Satisfaction> {
  const { kind, score, note, touchpoint } = parseOrThrow(SatisfactionDraft, draft);
  return db.transaction('rw', db.satisfaction, async () => {
    const current = await db.satisfaction.get(id);
    if (!alive(current)) throw new ValidationError(t('errors.entryGone'));
    const next: Record<string, unknown> = { ...current, kind, score, updatedAt: nextUpdatedAt(current, now) };
    delete next.note;
    delete next.touchpoint;
    const record = parseOrThrow(Satisfaction, { ...next, ...(note ? { note } : {}), ...(touchpoint ? { touchpoint } : {}) });
    await db.satisfaction.put(record);
    return record;
  });
}

/** A contact's scores, newest first. */
export async function contactScores(db: SidecarDB, contactId: string, limit = 50): Promise<Satisfaction[]> {
  const rows = await db.satisfaction
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .reverse()
    .filter((r) => alive(r))
    .limit(limit)
    .toArray();
  return rows;
}

export interface Trend {
  kind: SatisfactionKind;
  /** Oldest first. */
  scores: number[];
  direction: 'rising' | 'falling' | 'steady';
  /** For screen readers: "CSAT trend: 3, 4, 5, rising". */
  description: string;
}

const TREND_KEYS = { rising: 'scales.trendRising', falling: 'scales.trendFalling', steady: 'scales.trendSteady' } as const satisfies Record<Trend['direction'], CatalogKey>;

/** The last `count` scores of `kind` in time order, from scores given newest first. */
export function trendOf(newestFirst: Satisfaction[], kind: SatisfactionKind, count = 8): Trend | null {
  const scores = newestFirst
    .filter((s) => s.kind === kind)
    .slice(0, count)
    .map((s) => s.score)
    .reverse();
  if (scores.length === 0) return null;
  const delta = scores[scores.length - 1]! - scores[0]!;
  const direction = delta > 0 ? 'rising' : delta < 0 ? 'falling' : 'steady';
  const named = { scale: scaleLabel(kind), scores: scores.join(', ') };
  const description = scores.length > 1 ? t(TREND_KEYS[direction], named) : t('scales.trendOne', named);
  return { kind, scores, direction, description };
}

/** How a score reads: NPS's standard bands, and the same three-way split for CSAT. */
export function band(kind: SatisfactionKind, score: number): 'low' | 'mid' | 'high' {
  if (kind === 'nps') return score >= 9 ? 'high' : score >= 7 ? 'mid' : 'low';
  return score >= 4 ? 'high' : score === 3 ? 'mid' : 'low';
}

const BAND_LABEL_KEYS = {
  nps: { high: 'scales.promoter', mid: 'scales.passive', low: 'scales.detractor' },
  csat: { high: 'scales.satisfied', mid: 'scales.neutral', low: 'scales.unsatisfied' },
} as const satisfies Record<SatisfactionKind, Record<ReturnType<typeof band>, CatalogKey>>;

export function bandLabel(kind: SatisfactionKind, score: number): string {
  return t(BAND_LABEL_KEYS[kind][band(kind, score)]);
}
