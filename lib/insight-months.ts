import type { Table } from 'dexie';
import type { Reply } from './replies';
import type { Satisfaction } from './schema';
import { alive } from './validate';

/**
 * Insights' scores and reply waits, one row per calendar month, each column an array: a year is
 * twelve rows read in milliseconds, where the records they copy cost 13-16 µs each to read (40,000
 * of them took 600 ms at 100,000 contacts). The months are UTC's, so a row holds the same records
 * in any time zone: a period is read with a day more on either side, and each figure keeps what
 * falls in its local months. Derived from the live scores and the replies table alone, kept by
 * lib/db-derived.ts in the same transaction as every write to either, never exported.
 */
export interface MonthFacts {
  /** "2026-11", in UTC. */
  month: string;
  scores: Columns<ScoreFact>;
  replies: Columns<ReplyFact>;
}

/** What the figures need of a score. */
export type ScoreFact = Pick<Satisfaction, 'id' | 'contactId' | 'kind' | 'score' | 'touchpoint' | 'occurredAt'>;
export type ReplyFact = Pick<Reply, 'id' | 'contactId' | 'at' | 'ms'>;
type Columns<T> = { [K in keyof T]-?: T[K][] };

const KINDS = {
  scores: { keys: ['id', 'contactId', 'kind', 'score', 'touchpoint', 'occurredAt'], at: (s: ScoreFact) => s.occurredAt },
  replies: { keys: ['id', 'contactId', 'at', 'ms'], at: (r: ReplyFact) => r.at },
} as const;
type Kind = keyof typeof KINDS;
type FactOf<K extends Kind> = K extends 'scores' ? ScoreFact : ReplyFact;

const DAY = 86_400_000;

/** The UTC month of `at`: its row's key. */
export const factMonth = (at: number) => new Date(at).toISOString().slice(0, 7);

/** The rows to read for a local period: every zone's month boundary lies within a day of UTC's. */
export const monthRange = (start: number, end: number): [string, string] => [factMonth(start - DAY), factMonth(end + DAY)];

function toColumns<K extends Kind>(kind: K, facts: readonly FactOf<K>[]): Columns<FactOf<K>> {
  return Object.fromEntries(KINDS[kind].keys.map((k) => [k, facts.map((f) => (f as Record<string, unknown>)[k])])) as Columns<FactOf<K>>;
}

function fromColumns<K extends Kind>(kind: K, cols: Columns<FactOf<K>>): FactOf<K>[] {
  const keys = KINDS[kind].keys;
  const all = cols as unknown as Record<string, unknown[]>;
  return all.id!.map((_, i) => Object.fromEntries(keys.map((k) => [k, all[k]![i]])) as FactOf<K>);
}

const empty = (month: string): MonthFacts => ({ month, scores: toColumns('scores', []), replies: toColumns('replies', []) });

/** The scores and the replies a row holds. */
export const scoresOf = (row: MonthFacts): ScoreFact[] => fromColumns('scores', row.scores);
export const repliesOf = (row: MonthFacts): ReplyFact[] => fromColumns('replies', row.replies);

const scoreFact = (s: ScoreFact): ScoreFact => ({ id: s.id, contactId: s.contactId, kind: s.kind, score: s.score, touchpoint: s.touchpoint, occurredAt: s.occurredAt });
const replyFact = (r: ReplyFact): ReplyFact => ({ id: r.id, contactId: r.contactId, at: r.at, ms: r.ms });

type Score = ScoreFact & { deletedAt?: number };
/** A write of scores or of replies: the records it replaced (none for new ones) and wrote. */
export type Written =
  | { kind: 'scores'; before: readonly (Score | undefined)[]; after: readonly Score[] }
  | { kind: 'replies'; before: readonly (ReplyFact | undefined)[]; after: readonly ReplyFact[] };

function factsWritten(w: Written) {
  if (w.kind === 'scores')
    return { before: w.before.filter((s): s is Score => alive(s)).map(scoreFact), after: w.after.filter((s) => alive(s)).map(scoreFact), gone: w.after.filter((s) => !alive(s)) };
  return { before: w.before.filter((r): r is ReplyFact => r !== undefined).map(replyFact), after: w.after.map(replyFact), gone: [] as Score[] };
}

/** The months whose rows a write can move: where each record was, and where it is now. */
export function monthsWritten(w: Written): string[] {
  const { before, after } = factsWritten(w);
  const at = KINDS[w.kind].at as (f: ScoreFact | ReplyFact) => number;
  return [...new Set([...before, ...after].map((f) => factMonth(at(f))))];
}

/**
 * The rows of `months` (read before the write, undefined where none) after it: each record
 * written is taken out of every month it may have been in and put in the one it is in now (a
 * deleted score in none). Rows left with nothing are removed.
 */
export function applyWritten(months: readonly string[], rows: readonly (MonthFacts | undefined)[], w: Written): { put: MonthFacts[]; remove: string[] } {
  const { after, gone } = factsWritten(w);
  const kind = w.kind;
  const at = KINDS[kind].at as (f: ScoreFact | ReplyFact) => number;
  const ids = new Set([...w.before.flatMap((r) => (r ? [r.id] : [])), ...after.map((f) => f.id), ...gone.map((s) => s.id)]);
  const put: MonthFacts[] = [];
  const remove: string[] = [];
  months.forEach((month, i) => {
    const row = rows[i] ?? empty(month);
    const kept = (fromColumns(kind, row[kind] as never) as (ScoreFact | ReplyFact)[]).filter((f) => !ids.has(f.id));
    const next = { ...row, [kind]: toColumns(kind, [...kept, ...after.filter((f) => factMonth(at(f)) === month)] as never) } as MonthFacts;
    if (next.scores.id.length || next.replies.id.length) put.push(next);
    else if (rows[i]) remove.push(month);
  });
  return { put, remove };
}

/** Every row derived again from the scores and the replies, inside the caller's read-write transaction. */
export async function rebuildInsightMonths(satisfaction: Table, replies: Table, rows: Table): Promise<void> {
  const months = new Map<string, { scores: ScoreFact[]; replies: ReplyFact[] }>();
  const monthOf = (month: string) => {
    let m = months.get(month);
    if (!m) months.set(month, (m = { scores: [], replies: [] }));
    return m;
  };
  await satisfaction.each((s: Satisfaction) => {
    if (alive(s)) monthOf(factMonth(s.occurredAt)).scores.push(scoreFact(s));
  });
  await replies.each((r: Reply) => {
    monthOf(factMonth(r.at)).replies.push(replyFact(r));
  });
  await rows.clear();
  await rows.bulkPut([...months].map(([month, m]) => ({ month, scores: toColumns('scores', m.scores), replies: toColumns('replies', m.replies) })));
}
