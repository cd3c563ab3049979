import type { SidecarDB } from './db';
import { healthFrom, lastContacts, latestByContact, openDueByContact } from './contact-facts';
import { OPEN_STAGES } from './deals';
import type { Health } from './health';
import { atRisk, countBands, satisfactionFigures, type AtRiskContact, type BandCounts, type BandShares, type SatisfactionFigures } from './insights-cx';
import { monthKeyOf, monthsOf, type Month, type Period } from './insights-period';
import { pipelineInsights, type PipelineInsights } from './insights-pipeline';
import { replyTimes, type ReplyMonth } from './replies';
import type { Contact, Deal } from './schema';
import { alive } from './validate';

/**
 * Everything the Insights view shows, for a period and the filters, read through indexes and the
 * derived tables: the contacts' ids (never their records), the last contacts, every score (few
 * beside the interactions), the open follow-ups, the open deals and those closed in the period,
 * the period's replies, and the records of the at-risk customers shown. Never the interactions.
 */

export interface InsightsQuery {
  period: Period;
  tag?: string;
  companyId?: string;
}

/** At-risk customers listed; the rest are counted and one click away in the contacts list. */
export const AT_RISK_SHOWN = 25;

export interface Insights {
  months: Month[];
  /** Live contacts the filters let through. */
  contacts: number;
  satisfaction: SatisfactionFigures;
  bands: { counts: BandShares; total: number };
  /** The counts as Insights last saw them in an earlier month, if it did. */
  bandsBefore?: BandCounts;
  atRisk: { count: number; shown: (AtRiskContact & { contact: Contact })[] };
  pipeline: PipelineInsights;
  replies: { months: ReplyMonth[]; median: number | null; count: number };
}

/** The bandHistory scope of the filters: one history per filter, as each shows other people. */
export const scopeOf = (q: Omit<InsightsQuery, 'period'>) => JSON.stringify([q.tag ?? null, q.companyId ?? null]);

/** The live contacts the filters let through. */
async function includedIds(db: SidecarDB, q: InsightsQuery): Promise<Set<string>> {
  const tombstones = new Set((await db.contacts.where('deletedAt').aboveOrEqual(0).primaryKeys()) as string[]);
  const lists: string[][] = [];
  if (q.tag) lists.push((await db.contacts.where('tags').equals(q.tag).primaryKeys()) as string[]);
  if (q.companyId) lists.push((await db.contacts.where('companyId').equals(q.companyId).primaryKeys()) as string[]);
  if (!lists.length) lists.push((await db.contacts.toCollection().primaryKeys()) as string[]);
  const [first, ...rest] = lists.map((l) => new Set(l));
  return new Set([...first!].filter((id) => !tombstones.has(id) && rest.every((s) => s.has(id))));
}

export async function loadInsights(db: SidecarDB, q: InsightsQuery, now: number): Promise<Insights> {
  const months = monthsOf(q.period);
  const ids = await includedIds(db, q);
  const included = <T extends { contactId: string; deletedAt?: number }>(r: T | undefined): r is T => alive(r) && ids.has(r.contactId);

  const scores = (await db.satisfaction.toArray()).filter(included);
  const last = await lastContacts(db, null);
  const due = await openDueByContact(db);
  const health: Map<string, Health> = healthFrom(ids, { last, scores: latestByContact(scores), due }, now);
  const risky = atRisk(health, scores, now);
  const shownRisky = risky.slice(0, AT_RISK_SHOWN);
  const people = await db.contacts.bulkGet(shownRisky.map((r) => r.contactId));

  // A deal counts for a company when its contact works there, or when it names the company.
  const dealIncluded = (d: Deal) => alive(d) && (ids.has(d.contactId) || (q.companyId !== undefined && d.companyId === q.companyId && !q.tag));
  const open = await db.deals.where('stage').anyOf([...OPEN_STAGES]).toArray();
  const closed = await db.deals.where('closedAt').between(q.period.start, q.period.end, true, false).toArray();
  const deals = [...open, ...closed].filter(dealIncluded);

  const replies = (await db.replies.where('at').between(q.period.start, q.period.end, true, false).toArray()).filter((r) => ids.has(r.contactId));
  const before = await db.bandHistory
    .where('[scope+month]')
    .between([scopeOf(q), ''], [scopeOf(q), monthKeyOf(now)], true, false)
    .last();

  return {
    months,
    contacts: ids.size,
    satisfaction: satisfactionFigures(scores, months),
    bands: countBands(health.values()),
    ...(before ? { bandsBefore: before } : {}),
    atRisk: { count: risky.length, shown: shownRisky.flatMap((r, i) => (alive(people[i]) ? [{ ...r, contact: people[i] }] : [])) },
    pipeline: pipelineInsights(deals, months),
    replies: replyTimes(replies, months),
  };
}

/** Keeps this month's band counts for the filters, so that next month can say how they moved. */
export async function recordBands(db: SidecarDB, q: Omit<InsightsQuery, 'period'>, bands: { counts: BandShares; total: number }, now: number): Promise<void> {
  const row: BandCounts = { scope: scopeOf(q), month: monthKeyOf(now), at: now, ...bands };
  await db.bandHistory.put(row);
}
