import Dexie from 'dexie';
import type { SidecarDB } from './db';
import { latestByContact } from './contact-facts';
import { OPEN_STAGES, dealsInStages } from './deals';
import { healthScore } from './health';
import { monthRange, repliesOf, scoresOf } from './insight-months';
import { atRisk, countBands, satisfactionFigures, type AtRiskContact, type BandCounts, type BandShares, type SatisfactionFigures } from './insights-cx';
import { monthKeyOf, monthsOf, type Month, type Period } from './insights-period';
import { pipelineInsights, type PipelineInsights } from './insights-pipeline';
import { replyTimes, type ReplyMonth } from './replies';
import type { Contact, Deal, Satisfaction } from './schema';
import { alive } from './validate';

/**
 * Everything the Insights view shows, for a period and the filters, read through indexes and the
 * derived tables, never the interactions. In two parts, because they cost very differently:
 * - the figures: the deals open or closed in the period, and the period's scores and reply waits
 *   from the month rows (lib/insight-months.ts), a dozen reads for a year;
 * - the book's health (the bands and the customers at risk): every contact's last contact, so
 *   tens of thousands of reads in a large book. Its latest count is kept in bandHistory and shown
 *   at once while a fresh count runs (loadBookHealth), and an earlier month's says how it moved.
 */

export interface InsightsQuery {
  period: Period;
  tag?: string;
  companyId?: string;
}
export type InsightsFilters = Omit<InsightsQuery, 'period'>;

/** At-risk customers listed; the rest are counted and one click away in the contacts list. */
export const AT_RISK_SHOWN = 25;

export interface InsightsFigures {
  /** The period and filters these figures answer. */
  period: Period;
  filters: InsightsFilters;
  months: Month[];
  satisfaction: SatisfactionFigures;
  pipeline: PipelineInsights;
  replies: { months: ReplyMonth[]; median: number | null; count: number };
}

export interface BookHealth {
  filters: InsightsFilters;
  /** When it was counted. */
  at: number;
  bands: { counts: BandShares; total: number };
  atRisk: { count: number; ids: string[] };
}

/** What the view shows: the figures, and the book's health as last counted, with its people. */
export interface Insights extends InsightsFigures {
  bands: { counts: BandShares; total: number };
  /** The counts as Insights last saw them in an earlier month, if it did. */
  bandsBefore?: BandCounts;
  atRisk: { count: number; shown: (AtRiskContact & { contact: Contact })[] };
  /** When the health shown was counted, and whether a fresh count is still on its way. */
  healthAt?: number;
  healthPending?: boolean;
  /** Why the health could not be counted, if it could not. */
  healthError?: string;
  /** The figures are still those of the period or filters chosen before. */
  stale?: boolean;
}

/** The bandHistory scope of the filters: one history per filter, as each shows other people. */
export const scopeOf = (q: InsightsFilters) => JSON.stringify([q.tag ?? null, q.companyId ?? null]);
const filtersOf = (q: InsightsFilters): InsightsFilters => ({ ...(q.tag ? { tag: q.tag } : {}), ...(q.companyId ? { companyId: q.companyId } : {}) });

/** Which contacts count: the ones the filters name (null: everyone), less the deleted. */
async function inclusion(db: SidecarDB, q: InsightsFilters) {
  const tombstones = new Set((await db.contacts.where('deletedAt').aboveOrEqual(0).primaryKeys()) as string[]);
  const tagged = q.tag ? new Set((await db.contacts.where('tags').equals(q.tag).primaryKeys()) as string[]) : null;
  const atCompany = q.companyId ? new Set((await db.contacts.where('companyId').equals(q.companyId).primaryKeys()) as string[]) : null;
  const lists = [tagged, atCompany].filter((l): l is Set<string> => l !== null);
  const ids = lists.length ? new Set([...lists[0]!].filter((id) => !tombstones.has(id) && lists.every((l) => l.has(id)))) : null;
  const includes = (id: string) => (ids ? ids.has(id) : !tombstones.has(id));
  // A deal counts for a company when its contact works there, or when it names the company; its
  // contact still has to be alive and to have the tag asked for.
  const dealIncluded = (d: Deal) =>
    alive(d) && !tombstones.has(d.contactId) && (!tagged || tagged.has(d.contactId)) && (!atCompany || atCompany.has(d.contactId) || d.companyId === q.companyId);
  return { ids, includes, dealIncluded };
}

/** The scores, deals and replies of the period: what no count of the whole book holds up. */
export async function loadFigures(db: SidecarDB, q: InsightsQuery): Promise<InsightsFigures> {
  const months = monthsOf(q.period);
  const { includes, dealIncluded } = await inclusion(db, q);
  // At once: each read waits on the database, not on the others.
  const [facts, open, closed] = await Promise.all([
    db.insightMonths.where('month').between(...monthRange(q.period.start, q.period.end), true, true).toArray(),
    dealsInStages(db.deals, OPEN_STAGES),
    db.deals.where('closedAt').between(q.period.start, q.period.end, true, false).toArray(),
  ]);
  return {
    period: q.period,
    filters: filtersOf(q),
    months,
    satisfaction: satisfactionFigures(
      facts.flatMap(scoresOf).filter((s) => includes(s.contactId)),
      months,
    ),
    pipeline: pipelineInsights([...open.flat(), ...closed].filter(dealIncluded), months),
    replies: replyTimes(
      facts.flatMap(repliesOf).filter((r) => includes(r.contactId)),
      months,
    ),
  };
}

/** Every included contact's health, counted by band, and the customers at risk, ranked. */
export async function loadBookHealth(db: SidecarDB, q: InsightsFilters, now: number): Promise<BookHealth> {
  const { ids: named, includes } = await inclusion(db, q);
  const ids = named ?? new Set(((await db.contacts.toCollection().primaryKeys()) as string[]).filter(includes));
  const [last, scores, due] = await Promise.all([
    named ? db.lastContact.bulkGet([...named]) : db.lastContact.toArray(),
    db.satisfaction.toArray(),
    db.followUps.where('[status+dueAt]').between(['open', Dexie.minKey], ['open', Dexie.maxKey]).toArray(),
  ]);
  const lastAt = new Map<string, number>();
  for (const r of last) if (r) lastAt.set(r.contactId, r.at);
  const mine = scores.filter((s): s is Satisfaction => alive(s) && ids.has(s.contactId));
  const latest = latestByContact(mine);
  const dueAts = new Map<string, number[]>();
  for (const f of due) {
    if (!alive(f) || !ids.has(f.contactId)) continue;
    const list = dueAts.get(f.contactId);
    if (list) list.push(f.dueAt);
    else dueAts.set(f.contactId, [f.dueAt]);
  }
  const health = new Map<string, number>();
  for (const id of ids) health.set(id, healthScore({ lastContactedAt: lastAt.get(id), latestSatisfaction: latest.get(id), openFollowUpDueAts: dueAts.get(id) ?? [] }, now));
  const risky = atRisk(health, mine, now);
  return { filters: filtersOf(q), at: now, bands: countBands(health.values()), atRisk: { count: risky.length, ids: risky.slice(0, AT_RISK_SHOWN).map((r) => r.contactId) } };
}

/** The counts kept for the filters: this month's latest (shown until a fresh one comes), and an earlier month's. */
export async function savedHealth(db: SidecarDB, q: InsightsFilters, now: number): Promise<{ current?: BandCounts; before?: BandCounts }> {
  const scope = scopeOf(q);
  const month = monthKeyOf(now);
  const [current, before] = await Promise.all([
    db.bandHistory.get([scope, month]),
    db.bandHistory.where('[scope+month]').between([scope, ''], [scope, month], true, false).last(),
  ]);
  return { ...(current ? { current } : {}), ...(before ? { before } : {}) };
}

/** The at-risk customers listed, read afresh: an erased or deleted one is left out. */
export async function atRiskDetails(db: SidecarDB, ids: readonly string[], now: number): Promise<(AtRiskContact & { contact: Contact })[]> {
  if (!ids.length) return [];
  const ranges = [...ids].sort().map((id) => [[id, Dexie.minKey], [id, Dexie.maxKey]] as [[string, unknown], [string, unknown]]);
  const [contacts, last, scores, due] = await Promise.all([
    db.contacts.bulkGet([...ids]),
    db.lastContact.bulkGet([...ids]),
    db.satisfaction.where('[contactId+occurredAt]').inAnyRange(ranges).toArray(),
    db.followUps.where('contactId').anyOf([...ids]).toArray(),
  ]);
  const live = scores.filter(alive);
  const latest = latestByContact(live);
  const health = new Map(
    ids.map((id, i) => [
      id,
      healthScore(
        {
          lastContactedAt: last[i]?.at,
          latestSatisfaction: latest.get(id),
          openFollowUpDueAts: due.filter((f) => alive(f) && f.status === 'open' && f.contactId === id).map((f) => f.dueAt),
        },
        now,
      ),
    ]),
  );
  const details = new Map(atRisk(health, live, now).map((r) => [r.contactId, r]));
  // In the order they were ranked in; one that is no longer at risk (helped since) shows no more.
  return ids.flatMap((id, i) => {
    const contact = contacts[i];
    const r = details.get(id);
    return alive(contact) && r ? [{ ...r, contact }] : [];
  });
}

/** Keeps this month's count for the filters: shown at once next time, and next month's "since". */
export async function recordBands(db: SidecarDB, health: BookHealth): Promise<void> {
  const row: BandCounts = { scope: scopeOf(health.filters), month: monthKeyOf(health.at), at: health.at, ...health.bands, atRisk: health.atRisk };
  await db.bandHistory.put(row);
}
