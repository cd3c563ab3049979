import { activeLocale, intlWritesWords, tn, t, type CatalogKey } from './i18n';

/** Display formatting in the chosen language's locale (lib/i18n), unless a call names one. */

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();

/**
 * Intl's formatter for the locale and options, made once: making one costs tens of µs, and a list
 * of contacts formats a few hundred dates and amounts on each keystroke.
 */
function formatter<F extends Formatter, O extends object>(Make: new (locale: string | undefined, options: O) => F, locale: string | undefined, options: NoInfer<O>): F {
  const tag = locale ?? activeLocale();
  const key = `${Make.name}|${tag ?? ''}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = new Make(tag, options)));
  return made;
}

const moneyFormat = (currency: string, locale?: string) => formatter(Intl.NumberFormat, locale, { style: 'currency', currency });

/** How many minor units make one major unit: 100 for EUR, 1 for JPY, 1000 for BHD. */
export function minorUnitDigits(currency: string): number {
  return moneyFormat(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** 4800000 EUR -> "€48,000.00" (en) or "48.000,00 €" (de). */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  return moneyFormat(currency, locale).format(amountMinor / 10 ** minorUnitDigits(currency));
}

/** "48,000.50" typed by the user -> 4800050 minor units, or null when it is not an amount. */
export function parseMoney(input: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const cleaned = input.replace(/[\s\u00a0'’_]/g, '');
  // The last '.' or ',' followed by 1..digits digits is the decimal separator; the rest group.
  const match = /^(\d+(?:[.,]\d{3})*|\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1]!.replace(/[.,]/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Whether Intl may write words (month names, "in 3 days") for this call: always for a locale the
 * call names, else when the browser has data for the chosen language. Without it, dates are
 * written in the region's figures ("2026/12/25") rather than with English month names.
 */
const inWords = (locale: string | undefined) => locale !== undefined || intlWritesWords();

export function formatDateTime(epochMs: number, locale?: string): string {
  return formatter(Intl.DateTimeFormat, locale, { dateStyle: inWords(locale) ? 'medium' : 'short', timeStyle: 'short' }).format(epochMs);
}

/** "9:00 AM" (en-US), "09:00" (en-ZA, af). */
export function formatTime(epochMs: number, locale?: string): string {
  return formatter(Intl.DateTimeFormat, locale, { timeStyle: 'short' }).format(epochMs);
}

export function formatDate(epochMs: number, locale?: string): string {
  return formatter(Intl.DateTimeFormat, locale, { dateStyle: inWords(locale) ? 'medium' : 'short' }).format(epochMs);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** The catalog's relative times, for languages the browser's Intl cannot write: [past, future]. */
const RELATIVE_KEYS = {
  year: ['time.yearsAgo', 'time.inYears'],
  month: ['time.monthsAgo', 'time.inMonths'],
  week: ['time.weeksAgo', 'time.inWeeks'],
  day: ['time.daysAgo', 'time.inDays'],
  hour: ['time.hoursAgo', 'time.inHours'],
  minute: ['time.minutesAgo', 'time.inMinutes'],
} as const satisfies Partial<Record<Intl.RelativeTimeFormatUnit, readonly [CatalogKey, CatalogKey]>>;

/** "3 days ago", "in 2 hours", "now". */
export function formatRelative(epochMs: number, now: number = Date.now(), locale?: string): string {
  const diff = epochMs - now;
  if (!inWords(locale)) {
    for (const [unit, ms] of UNITS) {
      const count = Math.round(Math.abs(diff) / ms);
      if (Math.abs(diff) >= ms) return tn(RELATIVE_KEYS[unit as keyof typeof RELATIVE_KEYS][diff < 0 ? 0 : 1], count);
    }
    return t('time.now');
  }
  const rtf = formatter(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'minute');
}

/** "Nov 2026" (or "2026/11"): a month of a chart or table. */
export function formatMonth(epochMs: number, locale?: string): string {
  return formatter(Intl.DateTimeFormat, locale, { month: inWords(locale) ? 'short' : '2-digit', year: 'numeric' }).format(epochMs);
}

const DURATION_KEYS = { minute: 'time.durationMinutes', hour: 'time.durationHours', day: 'time.durationDays' } as const satisfies Record<string, CatalogKey>;

/** A wait in the largest unit that keeps it readable: "45 min", "3.5 h", "2.1 days". */
export function formatDuration(ms: number, locale?: string): string {
  const n = (value: number, unit: keyof typeof DURATION_KEYS) => {
    const options = { maximumFractionDigits: 1 };
    // The form is chosen for the figure shown ("1 h" for 1.04), not for the value behind it.
    if (!inWords(locale)) return tn(DURATION_KEYS[unit], Math.round(value * 10) / 10, { n: formatter(Intl.NumberFormat, locale, options).format(value) });
    return formatter(Intl.NumberFormat, locale, { style: 'unit', unit, unitDisplay: 'short', ...options }).format(value);
  };
  if (ms < 3_600_000) return n(Math.round(ms / 60_000), 'minute');
  if (ms < 48 * 3_600_000) return n(ms / 3_600_000, 'hour');
  return n(ms / 86_400_000, 'day');
}

/** 1234 -> "1 234" (af-ZA), "1,234" (en); with `digits`, exactly that many decimals; `signed`: "+0.3". */
export function formatNumber(value: number, { digits, signed = false, locale }: { digits?: number; signed?: boolean; locale?: string } = {}): string {
  const options: Intl.NumberFormatOptions = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (signed) options.signDisplay = 'exceptZero';
  return formatter(Intl.NumberFormat, locale, options).format(value);
}

/** 0.75 -> "75%". */
export function formatPercent(ratio: number, locale?: string): string {
  return formatter(Intl.NumberFormat, locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** 12_345_678 -> "12 MB" in the chosen language's locale. */
export function formatBytes(bytes: number, locale?: string): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'gigabyte'] : bytes >= 1e6 ? [bytes / 1e6, 'megabyte'] : [bytes / 1e3, 'kilobyte'];
  return formatter(Intl.NumberFormat, locale, { style: 'unit', unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
