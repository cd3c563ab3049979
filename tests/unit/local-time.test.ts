import { logInteraction } from '@/lib/interactions';
import { parseDateLocal, parseDateTimeLocal, toDateLocal, toDateTimeLocal } from '@/lib/local-time';
import { at, inTimeZone, local } from './time-helpers';

// A zone with daylight saving: a local minute must read back the same on both sides of a change.
inTimeZone('Europe/Berlin');

describe('datetime-local values', () => {
  it('reads the input as local time', () => {
    expect(parseDateTimeLocal('2025-03-31T09:00')).toBe(at('2025-03-31T09:00'));
    expect(local(parseDateTimeLocal('2025-03-31T09:00')!)).toBe('2025-03-31 09:00 Mon');
  });

  it.each(['', '2025-03-31', 'tomorrow', '2025-02-30T09:00', '2025-13-01T09:00', '2025-01-01T25:00', '2025-01-01T10:60'])(
    'refuses %j',
    (value) => {
      expect(parseDateTimeLocal(value)).toBeNull();
    },
  );

  it('writes what the input shows and reads it back', () => {
    const due = at('2025-10-26T09:05');
    expect(toDateTimeLocal(due)).toBe('2025-10-26T09:05');
    expect(parseDateTimeLocal(toDateTimeLocal(due))).toBe(due);
  });

  it('round-trips a local minute and refuses what is not a date', () => {
    const ms = parseDateTimeLocal('2025-08-20T14:41')!;
    expect(new Date(ms).getHours()).toBe(14);
    expect(toDateTimeLocal(ms)).toBe('2025-08-20T14:41');
    expect(parseDateTimeLocal('')).toBeNull();
    expect(parseDateTimeLocal('2025-02-31T10:00')).toBeNull();
    expect(parseDateTimeLocal('yesterday')).toBeNull();
  });

  it('refuses a year new Date would move into the 1900s, and times before 1970', () => {
    expect(parseDateTimeLocal('0099-01-01T10:00')).toBeNull();
    expect(parseDateTimeLocal('1969-12-31T10:00')).toBeNull();
  });

  it('gives the log form the same rules as the follow-ups', async () => {
    // The log form once read "10:60" as 11:00; the follow-up picker refused it.
    const draft = { kind: 'call' as const, occurredAt: '2025-08-20T10:60', subject: 'Intro call', summary: '' };
    await expect(logInteraction({} as never, 'c1', draft)).rejects.toThrow('Enter the date and time it happened');
  });
});

describe('date values', () => {
  it('reads real calendar days as local midnight', () => {
    expect(parseDateLocal('2024-02-29')).toBe(new Date(2024, 1, 29).getTime());
    expect(parseDateLocal('2025-02-29')).toBeNull();
    expect(parseDateLocal('29.02.2024')).toBeNull();
  });

  it('refuses a year new Date would move into the 1900s', () => {
    // new Date(99, 0, 1) is 1 January 1999: the deal's date once landed there.
    expect(parseDateLocal('0099-01-01')).toBeNull();
  });

  it('writes what the input shows and reads it back', () => {
    const day = parseDateLocal('2025-10-26')!;
    expect(toDateLocal(day)).toBe('2025-10-26');
    expect(toDateLocal(day + 23 * 3_600_000)).toBe('2025-10-26'); // the 25-hour day of the change
  });
});
