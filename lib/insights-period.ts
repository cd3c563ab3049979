/**
 * The Insights view's period and its months. Every figure is bucketed by local calendar month,
 * the months computed once per period so that each record finds its month by a comparison, not a
 * date conversion: a book of a million records is bucketed in milliseconds.
 */
import { t, type CatalogKey } from './i18n';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_LABEL_KEYS = {
  month: 'lib.period.month',
  quarter: 'lib.period.quarter',
  year: 'lib.period.year',
  custom: 'lib.period.custom',
} as const satisfies Record<PeriodKind, CatalogKey>;
/** "This quarter", in the language of the moment. */
export const periodLabel = (kind: PeriodKind): string => t(PERIOD_LABEL_KEYS[kind]);

/** [start, end) in epoch ms. */
export interface Period {
  start: number;
  end: number;
}

export interface Month extends Period {
  /** "2026-11": stable, sortable, and the key of the month's row in every table. */
  key: string;
}

const two = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => new Date(year, month, 1).getTime();

/**
 * The period a choice stands for at `now`: this calendar month, this calendar quarter, the 12
 * calendar months up to and including this one, or the whole local days from `from` to `to`.
 */
export function periodFor(kind: PeriodKind, now: number, custom?: { from: number; to: number }): Period {
  const d = new Date(now);
  const y = d.getFullYear();
  const m = d.getMonth();
  if (kind === 'month') return { start: monthStart(y, m), end: monthStart(y, m + 1) };
  if (kind === 'quarter') return { start: monthStart(y, m - (m % 3)), end: monthStart(y, m - (m % 3) + 3) };
  if (kind === 'year' || !custom) return { start: monthStart(y, m - 11), end: monthStart(y, m + 1) };
  const [from, to] = custom.from <= custom.to ? [custom.from, custom.to] : [custom.to, custom.from];
  const f = new Date(from);
  const t = new Date(to);
  return { start: new Date(f.getFullYear(), f.getMonth(), f.getDate()).getTime(), end: new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1).getTime() };
}

/** The local calendar months the period touches, oldest first, each cut to the period. */
export function monthsOf({ start, end }: Period): Month[] {
  const months: Month[] = [];
  const d = new Date(start);
  for (let y = d.getFullYear(), m = d.getMonth(); monthStart(y, m) < end; m++) {
    const first = new Date(y, m, 1);
    months.push({ key: `${first.getFullYear()}-${two(first.getMonth() + 1)}`, start: Math.max(start, first.getTime()), end: Math.min(end, monthStart(y, m + 1)) });
  }
  return months;
}

/** The index of the month holding `at`, or -1 outside them all (binary search). */
export function monthIndex(months: readonly Month[], at: number): number {
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const month = months[mid]!;
    if (at < month.start) hi = mid - 1;
    else if (at >= month.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The month key of `at` in local time ("2026-11"). */
export function monthKeyOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}`;
}
