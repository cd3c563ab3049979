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
