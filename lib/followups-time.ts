/**
 * Due times of the quick picks, in the user's local time zone. Every function builds the result
 * from local calendar fields (`new Date(y, m, d, h, min)`), never by adding 24-hour multiples,
 * so "tomorrow 9:00" stays 9:00 across a daylight-saving change and month ends roll over.
 */

export const MORNING_HOUR = 9;
const HOUR = 3_600_000;

function atLocal(now: number, addDays: number, hour = MORNING_HOUR, minute = 0): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays, hour, minute).getTime();
}

/** Tomorrow at 9:00. */
export function tomorrowMorning(now: number): number {
  return atLocal(now, 1);
}

/** `days` calendar days from today, at 9:00. */
export function inDaysMorning(now: number, days: number): number {
  return atLocal(now, days);
}

/** The next Monday strictly after today at 9:00 (on a Monday: the one a week later). */
export function nextMondayMorning(now: number): number {
  const weekday = new Date(now).getDay(); // 0 Sunday … 6 Saturday
  return atLocal(now, (8 - weekday) % 7 || 7);
}

/** A short snooze. */
export function inOneHour(now: number): number {
  return now + HOUR;
}

/** "2025-03-31T09:00" from a datetime-local input, read as local time; null when incomplete or impossible. */
export function parseDateTimeLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, Number(m[6] ?? 0));
  // new Date(2025, 1, 30) silently becomes March 2nd: refuse dates that do not exist.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The value a datetime-local input shows for `epochMs` in local time, e.g. "2025-03-31T09:00". */
export function toDateTimeLocal(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
