import Dexie from 'dexie';
import { z } from 'zod';
import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { SATISFACTION_KINDS, SCALES, type SatisfactionKind } from './satisfaction-scales';
import { NOTE_MAX, Satisfaction } from './schema';
import { alive, newRecordBase, nextUpdatedAt, parseOrThrow } from './validate';

export { SATISFACTION_KINDS, SCALES, scoreText, type SatisfactionKind } from './satisfaction-scales';

export const TOUCHPOINTS = ['email', 'call', 'meeting', 'support', 'purchase'] as const;

const range = (kind: SatisfactionKind) => `${SCALES[kind].label} scores go from ${SCALES[kind].min} to ${SCALES[kind].max}`;

/** What the score form submits; the score's range depends on the kind. */
export const SatisfactionDraft = z
  .object({
    kind: z.enum(SATISFACTION_KINDS, { error: 'Choose CSAT or NPS' }),
    score: z.number({ error: 'Choose a score' }).int('Choose a score'),
    note: z.string().trim().max(NOTE_MAX, `The comment is at most ${NOTE_MAX} characters`),
    touchpoint: z.enum(TOUCHPOINTS, { error: 'Choose a touchpoint' }).optional(),
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
    if (!alive(await db.contacts.get(contactId))) throw new ValidationError('This contact no longer exists.');
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
    if (!alive(current)) throw new ValidationError('This entry no longer exists.');
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
  const words = scores.length > 1 ? `, ${direction}` : '';
  return { kind, scores, direction, description: `${SCALES[kind].label} trend: ${scores.join(', ')}${words}` };
}

/** How a score reads: NPS's standard bands, and the same three-way split for CSAT. */
export function band(kind: SatisfactionKind, score: number): 'low' | 'mid' | 'high' {
  if (kind === 'nps') return score >= 9 ? 'high' : score >= 7 ? 'mid' : 'low';
  return score >= 4 ? 'high' : score === 3 ? 'mid' : 'low';
}

export function bandLabel(kind: SatisfactionKind, score: number): string {
  const b = band(kind, score);
  if (kind === 'nps') return { high: 'promoter', mid: 'passive', low: 'detractor' }[b];
  return { high: 'satisfied', mid: 'neutral', low: 'unsatisfied' }[b];
}
