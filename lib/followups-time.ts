/**
 * Due times of the quick picks, in the user's local time zone. Every function builds the result
 * from local calendar fields (`new Date(y, m, d, h, min)`), never by adding 24-hour multiples,
 * so "tomorrow 9:00" stays 9:00 across a daylight-saving change and month ends roll over.
 */
import { formatTime } from './format';

/** When in the day the quick picks remind: the user's default reminder time. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}
export const DEFAULT_REMINDER_TIME: TimeOfDay = { hour: 9, minute: 0 };
const HOUR = 3_600_000;

function atLocal(now: number, addDays: number, { hour, minute }: TimeOfDay): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays, hour, minute).getTime();
}

/** "9:00 AM", "17:30": how the quick picks name the reminder time, as the user's locale writes times. */
export const formatTimeOfDay = ({ hour, minute }: TimeOfDay) => formatTime(new Date(2000, 0, 1, hour, minute).getTime());

/** Tomorrow at the reminder time (9:00 unless the user chose another). */
export function tomorrowMorning(now: number, at: TimeOfDay = DEFAULT_REMINDER_TIME): number {
  return atLocal(now, 1, at);
}

/** `days` calendar days from today, at the reminder time. */
export function inDaysMorning(now: number, days: number, at: TimeOfDay = DEFAULT_REMINDER_TIME): number {
  return atLocal(now, days, at);
}

/** The next Monday strictly after today at the reminder time (on a Monday: the one a week later). */
export function nextMondayMorning(now: number, at: TimeOfDay = DEFAULT_REMINDER_TIME): number {
  const weekday = new Date(now).getDay(); // 0 Sunday … 6 Saturday
  return atLocal(now, (8 - weekday) % 7 || 7, at);
}

/** A short snooze. */
export function inOneHour(now: number): number {
  return now + HOUR;
}
