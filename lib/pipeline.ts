import type { SidecarDB } from './db';
import { allTags } from './tags';
import { OPEN_STAGES, dealsInStages, type OpenStage } from './deals';
import type { Company, Contact, Deal } from './schema';
import { alive } from './validate';

/**
 * The dashboard's pipeline board: the open deals by stage, with their people, what each column is
 * worth per currency (never summed across currencies), and this month's won and lost. Reads the
 * open deals by the stage index and the month's closed ones by the closedAt index, then their
 * contacts and companies by id: never a scan of the book.
 */

/** How likely a deal at each stage is to be won: the weighted value's default. */
export const STAGE_PROBABILITY: Readonly<Record<OpenStage, number>> = { lead: 0.1, qualified: 0.25, proposal: 0.5, negotiation: 0.75 };

export type CloseWithin = 'month' | 'quarter';

export interface PipelineFilters {
  companyId?: string;
  tag?: string;
  closeWithin?: CloseWithin;
}

/** One amount per currency, in the order the currencies first appear. */
export type Totals = { currency: string; amountMinor: number }[];

export interface PipelineCard {
  deal: Deal;
  contact: Contact | undefined;
  company: Company | undefined;
  daysInStage: number;
  /** The expected close date is a day already gone. */
  closePassed: boolean;
}

export interface PipelineColumn {
  stage: OpenStage;
  /** The weight of its deals in `weighted`. */
  probability: number;
  /** Every deal in the stage that the filters let through, soonest to close first. */
  count: number;
  /** The first `shown` of them (and the kept one), with their people. */
  cards: PipelineCard[];
  totals: Totals;
  weighted: Totals;
}

export interface ClosedThisMonth {
  count: number;
  totals: Totals;
}

export interface Board {
  columns: PipelineColumn[];
  won: ClosedThisMonth;
  lost: ClosedThisMonth;
}

/** How many cards each column shows, and a deal shown wherever it sorts (the one being moved). */
export interface BoardView {
  shown: Readonly<Partial<Record<OpenStage, number>>>;
  keep?: string | null;
}

const DAY = 86_400_000;

function startOfLocalDay(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** [start, end) of the local calendar month or quarter holding `now`. */
export function periodOf(now: number, within: CloseWithin): [number, number] {
  const d = new Date(now);
  const first = within === 'month' ? d.getMonth() : d.getMonth() - (d.getMonth() % 3);
  const months = within === 'month' ? 1 : 3;
  return [new Date(d.getFullYear(), first, 1).getTime(), new Date(d.getFullYear(), first + months, 1).getTime()];
}

export function sumByCurrency(deals: readonly Deal[], weight: (d: Deal) => number = () => 1): Totals {
  const sums = new Map<string, number>();
  for (const d of deals) sums.set(d.currency, (sums.get(d.currency) ?? 0) + d.amountMinor * weight(d));
  return [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor: Math.round(amountMinor) }));
}

const byClose = (a: Deal, b: Deal) => (a.expectedCloseAt ?? Infinity) - (b.expectedCloseAt ?? Infinity) || a.createdAt - b.createdAt;

/** Each stage with Dexie's getAll path: a filter on the collection would walk a cursor instead. */
const dealsIn = (db: SidecarDB, stages: readonly string[]) => dealsInStages(db.deals, stages);

export async function pipelineBoard(
  db: SidecarDB,
  now: number,
  filters: PipelineFilters = {},
  view: BoardView = { shown: {} },
  probability: Readonly<Record<OpenStage, number>> = STAGE_PROBABILITY,
): Promise<Board> {
  const [monthStart] = periodOf(now, 'month');
  const [closeFrom, closeTo] = filters.closeWithin ? periodOf(now, filters.closeWithin) : [-Infinity, Infinity];
  return db.transaction('r', db.deals, db.contacts, db.companies, async () => {
    const [byStage, closedThisMonth, tagged] = await Promise.all([
      dealsIn(db, OPEN_STAGES),
      db.deals.where('closedAt').aboveOrEqual(monthStart).toArray(),
      filters.tag ? db.contacts.where('tags').equals(filters.tag).primaryKeys() : null,
    ]);
    const withTag = tagged && new Set<string>(tagged);
    const matches = (d: Deal) => alive(d) && (!filters.companyId || d.companyId === filters.companyId) && (!withTag || withTag.has(d.contactId));
    const closes = (d: Deal) => !filters.closeWithin || (d.expectedCloseAt !== undefined && d.expectedCloseAt >= closeFrom && d.expectedCloseAt < closeTo);

    const stages = byStage.map((deals) => deals.filter((d) => matches(d) && closes(d)).sort(byClose));
    const shown = stages.map((deals, i) => {
      const limit = view.shown[OPEN_STAGES[i]!] ?? Infinity;
      const first = deals.slice(0, limit);
      const kept = view.keep ? deals.slice(limit).find((d) => d.id === view.keep) : undefined;
      return kept ? [...first, kept] : first;
    });
    // Only the shown cards' people are read: thousands of open deals cost one index read each, not a record.
    const onBoard = shown.flat();
    const [contacts, companies] = await Promise.all([
      db.contacts.bulkGet([...new Set(onBoard.map((d) => d.contactId))]),
      db.companies.bulkGet([...new Set(onBoard.flatMap((d) => (d.companyId ? [d.companyId] : [])))]),
    ]);
    const contactById = new Map(contacts.filter(alive).map((c) => [c.id, c]));
    const companyById = new Map(companies.filter(alive).map((c) => [c.id, c]));
    const today = startOfLocalDay(now);
    const card = (deal: Deal): PipelineCard => ({
      deal,
      contact: contactById.get(deal.contactId),
      company: deal.companyId ? companyById.get(deal.companyId) : undefined,
      daysInStage: Math.max(0, Math.floor((now - (deal.stageChangedAt ?? deal.createdAt)) / DAY)),
      closePassed: deal.expectedCloseAt !== undefined && deal.expectedCloseAt < today,
    });
    const columns = OPEN_STAGES.map((stage, i) => ({
      stage,
      probability: probability[stage],
      count: stages[i]!.length,
      cards: shown[i]!.map(card),
      totals: sumByCurrency(stages[i]!),
      weighted: sumByCurrency(stages[i]!, () => probability[stage]),
    }));
    const closed = closedThisMonth.filter(matches);
    const summary = (stage: 'won' | 'lost'): ClosedThisMonth => {
      const deals = closed.filter((d) => d.stage === stage);
      return { count: deals.length, totals: sumByCurrency(deals) };
    };
    return { columns, won: summary('won'), lost: summary('lost') };
  });
}

/** What the filters offer: the companies that have open deals, and every tag in the book. */
export async function pipelineFilterOptions(db: SidecarDB): Promise<{ companies: Company[]; tags: string[] }> {
  return db.transaction('r', db.deals, db.contacts, db.companies, async () => {
    // One after the other: allTags awaits several reads, and Dexie keeps the transaction across
    // an awaited async function, not across a Promise.all of them.
    const byStage = await dealsIn(db, OPEN_STAGES);
    const tags = await allTags(db);
    const ids = new Set(byStage.flat().flatMap((d) => (alive(d) && d.companyId ? [d.companyId] : [])));
    const companies = (await db.companies.bulkGet([...ids])).filter(alive);
    return {
      companies: companies.sort((a, b) => a.name.localeCompare(b.name)),
      tags,
    };
  });
}
