/** Runs this file's tests in `zone` (one with daylight saving shows what a 24-hour step would break). */
export function inTimeZone(zone: string) {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    // Assigning undefined would set the string "undefined" for the files run after this one.
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

/** Local wall-clock time in the test's zone, as "YYYY-MM-DD HH:mm weekday". */
export function local(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()];
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ${day}`;
}

/** Epoch ms of an ISO time written without an offset: local time. */
export const at = (iso: string) => new Date(iso).getTime();
