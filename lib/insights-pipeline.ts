import { isClosed, OPEN_STAGES, type OpenStage } from './deals';
import { monthIndex, type Month } from './insights-period';
import { sumByCurrency, type Totals } from './pipeline';
import type { Deal } from './schema';
import { alive } from './validate';

/**
 * The pipeline figures of Insights, from deals already read: what is open now by stage, what was
 * won and lost in each month of the period, the win rate, how long a win takes, and why deals were
 * lost. Values are kept per currency, never added across them. Pure, so the answers can be checked
 * on hand-made books.
 */

const DAY = 86_400_000;

export interface ClosedFigures {
  count: number;
  totals: Totals;
}

export interface PipelineMonth {
  key: string;
  won: ClosedFigures;
  lost: ClosedFigures;
  /** won / (won + lost) that month, null when none closed */
  winRate: number | null;
}

export interface LostReason {
  reason: string;
  count: number;
}

export interface PipelineInsights {
  /** The currencies of the deals counted here (open now, or closed in the period), the one with the most deals first. */
  currencies: string[];
  /** Every open deal now, by stage in OPEN_STAGES order (all four stages, even empty): count and value per currency. */
  open: { stage: OpenStage; count: number; totals: Totals }[];
  /** One per month of `months`, in order. */
  months: PipelineMonth[];
  /** Closed as won within the months. */
  won: ClosedFigures;
  /** Closed as lost within the months. */
  lost: ClosedFigures;
  /** won / (won + lost) over the whole period; null when nothing closed. */
  winRate: number | null;
  /** Mean of (closedAt - createdAt) in days over the deals won in the period; null when none. */
  averageDaysToWin: number | null;
  /**
   * The lost deals' reasons in the period, most frequent first (ties: alphabetical). Reasons are
   * the same when equal after trimming, collapsing inner whitespace and ignoring case; shown in
   * the spelling seen most often (ties: the first seen).
   */
  lostReasons: LostReason[];
}

const figures = (deals: readonly Deal[]): ClosedFigures => ({ count: deals.length, totals: sumByCurrency(deals) });
const rate = (won: number, lost: number) => (won + lost ? won / (won + lost) : null);

function lostReasons(lost: readonly Deal[]): LostReason[] {
  const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const d of lost) {
    // Whitespace is not spelling: "Price " and "Price" are shown, and counted, as one.
    const spelling = (d.lostReason ?? '').trim().replace(/\s+/g, ' ');
    // The app asks for a reason, but imported data may lack one: nothing to rank it by.
    if (!spelling) continue;
    const key = spelling.toLocaleLowerCase();
    const entry = byKey.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    entry.count++;
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .map(({ count, spellings }) => {
      // Maps keep insertion order, so only a strictly larger count displaces the first seen.
      let reason = '';
      let seen = 0;
      for (const [s, n] of spellings) if (n > seen) [reason, seen] = [s, n];
      return { reason, count };
    })
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The pipeline figures over the live deals given: open ones now, closed ones within `months`. */
export function pipelineInsights(deals: readonly Deal[], months: readonly Month[]): PipelineInsights {
  const open = new Map<string, Deal[]>(OPEN_STAGES.map((s) => [s, []]));
  const wonByMonth = months.map(() => [] as Deal[]);
  const lostByMonth = months.map(() => [] as Deal[]);
  const won: Deal[] = [];
  const lost: Deal[] = [];
  // The open deals are read by stage and the closed ones by closedAt: a deal with both may come twice.
  const seen = new Set<string>();
  for (const d of deals) {
    if (!alive(d) || seen.has(d.id)) continue;
    seen.add(d.id);
    open.get(d.stage)?.push(d);
    // Reopening clears closedAt, so a deal counts as it stands now: once, and never as an old loss.
    if (!isClosed(d.stage) || d.closedAt === undefined) continue;
    const m = monthIndex(months, d.closedAt);
    if (m < 0) continue;
    (d.stage === 'won' ? wonByMonth : lostByMonth)[m]!.push(d);
    (d.stage === 'won' ? won : lost).push(d);
  }
  const perCurrency = new Map<string, number>();
  for (const d of [...[...open.values()].flat(), ...won, ...lost]) perCurrency.set(d.currency, (perCurrency.get(d.currency) ?? 0) + 1);
  return {
    currencies: [...perCurrency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c),
    open: OPEN_STAGES.map((stage) => ({ stage, ...figures(open.get(stage)!) })),
    months: months.map((m, i) => ({
      key: m.key,
      won: figures(wonByMonth[i]!),
      lost: figures(lostByMonth[i]!),
      winRate: rate(wonByMonth[i]!.length, lostByMonth[i]!.length),
    })),
    won: figures(won),
    lost: figures(lost),
    winRate: rate(won.length, lost.length),
    averageDaysToWin: won.length ? won.reduce((sum, d) => sum + (d.closedAt! - d.createdAt), 0) / won.length / DAY : null,
    lostReasons: lostReasons(lost),
  };
}
