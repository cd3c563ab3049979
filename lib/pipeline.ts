import type { SidecarDB } from './db';
import { OPEN_STAGES, type OpenStage } from './deals';
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
  /** What the filters can choose from: the companies and tags of the open deals. */
  companies: Company[];
  tags: string[];
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

const byClose = (a: PipelineCard, b: PipelineCard) =>
  (a.deal.expectedCloseAt ?? Infinity) - (b.deal.expectedCloseAt ?? Infinity) || a.deal.createdAt - b.deal.createdAt;

export async function pipelineBoard(
  db: SidecarDB,
  now: number,
  filters: PipelineFilters = {},
  probability: Readonly<Record<OpenStage, number>> = STAGE_PROBABILITY,
): Promise<Board> {
  const [monthStart] = periodOf(now, 'month');
  const { open, closed, contacts, companies } = await db.transaction('r', db.deals, db.contacts, db.companies, async () => {
    const [open, closed] = await Promise.all([
      db.deals.where('stage').anyOf(OPEN_STAGES).filter(alive).toArray(),
      db.deals.where('closedAt').aboveOrEqual(monthStart).filter(alive).toArray(),
    ]);
    const all = [...open, ...closed];
    const [contacts, companies] = await Promise.all([
      db.contacts.bulkGet([...new Set(all.map((d) => d.contactId))]),
      db.companies.bulkGet([...new Set(all.map((d) => d.companyId).filter((id): id is string => id !== undefined))]),
    ]);
    return { open, closed, contacts, companies };
  });
  const contactById = new Map(contacts.filter(alive).map((c) => [c.id, c]));
  const companyById = new Map(companies.filter(alive).map((c) => [c.id, c]));
  const today = startOfLocalDay(now);
  const [closeFrom, closeTo] = filters.closeWithin ? periodOf(now, filters.closeWithin) : [-Infinity, Infinity];

  const matches = (d: Deal) =>
    (!filters.companyId || d.companyId === filters.companyId) && (!filters.tag || (contactById.get(d.contactId)?.tags.includes(filters.tag) ?? false));
  const shown = open.filter(
    (d) => matches(d) && (!filters.closeWithin || (d.expectedCloseAt !== undefined && d.expectedCloseAt >= closeFrom && d.expectedCloseAt < closeTo)),
  );
  const cards = shown.map<PipelineCard>((deal) => ({
    deal,
    contact: contactById.get(deal.contactId),
    company: deal.companyId ? companyById.get(deal.companyId) : undefined,
    daysInStage: Math.max(0, Math.floor((now - (deal.stageChangedAt ?? deal.createdAt)) / DAY)),
    closePassed: deal.expectedCloseAt !== undefined && deal.expectedCloseAt < today,
  }));
  const columns = OPEN_STAGES.map((stage) => {
    const inStage = cards.filter((c) => c.deal.stage === stage).sort(byClose);
    const deals = inStage.map((c) => c.deal);
    return { stage, cards: inStage, totals: sumByCurrency(deals), weighted: sumByCurrency(deals, () => probability[stage]) };
  });
  const closedShown = closed.filter((d) => matches(d) && d.closedAt !== undefined);
  const summary = (stage: 'won' | 'lost'): ClosedThisMonth => {
    const deals = closedShown.filter((d) => d.stage === stage);
    return { count: deals.length, totals: sumByCurrency(deals) };
  };
  const openCompanies = new Map(open.flatMap((d) => (d.companyId && companyById.has(d.companyId) ? [[d.companyId, companyById.get(d.companyId)!] as const] : [])));
  const tags = new Set(open.flatMap((d) => contactById.get(d.contactId)?.tags ?? []));
  return {
    columns,
    won: summary('won'),
    lost: summary('lost'),
    companies: [...openCompanies.values()].sort((a, b) => a.name.localeCompare(b.name)),
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
  };
}
