import type { Table } from 'dexie';
import { monthIndex, type Month } from './insights-period';
import type { Interaction } from './schema';
import { alive } from './validate';

/**
 * How long each logged inbound email waited for the next sent one in its Gmail thread: Insights'
 * responsiveness. Pairing them needs every email of a thread, and a million interactions cannot be
 * read on each open, so the pairs are kept in their own table (`replies`, indexed by when the
 * email came in and by thread), derived from the interactions alone. lib/db-derived.ts derives a
 * thread's rows again on every write to one of its emails, in the same transaction; never exported.
 */
export interface Reply {
  /** The inbound email's interaction id. */
  id: string;
  threadId: string;
  /** Who wrote the inbound email. */
  contactId: string;
  /** When it came in. */
  at: number;
  /** Until the next sent email in the thread, whoever it was logged for. */
  ms: number;
}

const isEmail = (i: Interaction) => alive(i) && i.gmailThreadId !== undefined && (i.kind === 'email-in' || i.kind === 'email-out');

/** The replies of one thread, from its emails in any order (records of other threads are ignored). */
export function threadReplies(records: readonly Interaction[], threadId: string): Reply[] {
  const emails = records.filter((i) => isEmail(i) && i.gmailThreadId === threadId).sort((a, b) => a.occurredAt - b.occurredAt);
  const replies: Reply[] = [];
  let waiting: Interaction[] = [];
  for (const email of emails) {
    if (email.kind === 'email-in') waiting.push(email);
    else {
      // A message logged for two people at once is one reply; an inbound at the same instant as
      // the sent one was not yet read.
      const answered = waiting.filter((w) => w.occurredAt < email.occurredAt);
      for (const w of answered) replies.push({ id: w.id, threadId, contactId: w.contactId, at: w.occurredAt, ms: email.occurredAt - w.occurredAt });
      waiting = waiting.filter((w) => w.occurredAt >= email.occurredAt);
    }
  }
  return replies;
}

/** The threads whose rows a write to these interactions can move. */
export const threadsOf = (records: readonly (Interaction | undefined)[]): Set<string> =>
  new Set(records.flatMap((i) => (i?.gmailThreadId && (i.kind === 'email-in' || i.kind === 'email-out') ? [i.gmailThreadId] : [])));

/** Every row derived from one pass over the interactions, inside the caller's read-write transaction. */
export async function rebuildReplies(interactions: Table, rows: Table): Promise<void> {
  const threads = new Map<string, Interaction[]>();
  await interactions.each((i: Interaction) => {
    if (!isEmail(i)) return;
    const list = threads.get(i.gmailThreadId!);
    if (list) list.push(i);
    else threads.set(i.gmailThreadId!, [i]);
  });
  await rows.clear();
  await rows.bulkPut([...threads].flatMap(([id, emails]) => threadReplies(emails, id)));
}

export interface ReplyMonth {
  key: string;
  /** Median wait in ms, null when nothing was answered that month. */
  median: number | null;
  count: number;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median wait per month of `months` (by when the email came in), and over all of them. */
export function replyTimes(rows: readonly Pick<Reply, 'at' | 'ms'>[], months: readonly Month[]): { months: ReplyMonth[]; median: number | null; count: number } {
  const byMonth = months.map(() => [] as number[]);
  const all: number[] = [];
  for (const r of rows) {
    const m = monthIndex(months, r.at);
    if (m < 0) continue;
    byMonth[m]!.push(r.ms);
    all.push(r.ms);
  }
  return { months: months.map((m, i) => ({ key: m.key, median: median(byMonth[i]!), count: byMonth[i]!.length })), median: median(all), count: all.length };
}
