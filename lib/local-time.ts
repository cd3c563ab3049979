/**
 * The values of `<input type=datetime-local>` ("2025-03-31T09:00") and `<input type=date>`
 * ("2025-03-31"), read and written in the user's local time zone. The browser hands over what was
 * typed, so a value is refused unless it names a minute the calendar has.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a local calendar time, or null when it does not exist or precedes 1970. */
function localTime(fields: readonly (string | undefined)[]): number | null {
  const [y, mo, d, h = 0, mi = 0, s = 0] = fields.map((x) => Number(x ?? 0)) as number[];
  if (y === undefined || mo === undefined || d === undefined || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, s);
  // new Date rolls "02-31" over into March and reads years 0-99 as 1900-1999: refuse both.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2025-03-31T09:00" from a datetime-local input -> epoch ms; null when incomplete or impossible. */
export function parseDateTimeLocal(value: string): number | null {
  const m = DATE_TIME.exec(value.trim());
  return m ? localTime(m.slice(1)) : null;
}

/** The value a datetime-local input shows for `epochMs`, e.g. "2025-03-31T09:00". */
export function toDateTimeLocal(epochMs: number): string {
  const d = new Date(epochMs);
  return `${toDateLocal(epochMs)}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "2025-09-30" from a date input -> local midnight in epoch ms; null when it is not a day. */
export function parseDateLocal(value: string): number | null {
  const m = DATE.exec(value.trim());
  return m ? localTime(m.slice(1)) : null;
}

/** The local calendar day of `epochMs`, as a date input's value. */
export function toDateLocal(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
