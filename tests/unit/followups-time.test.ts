import { inDaysMorning, inOneHour, nextMondayMorning, tomorrowMorning } from '@/lib/followups-time';
import { at, inTimeZone, local } from './time-helpers';

// A zone with daylight saving: quick picks must land on 9:00 local on both sides of a change.
inTimeZone('Europe/Berlin');

describe('quick-pick due times', () => {
  it('is in the Berlin zone for these tests', () => {
    expect(new Date(at('2025-01-15T12:00')).getTimezoneOffset()).toBe(-60);
  });

  it.each([
    ['2025-08-20T15:42', '2025-08-21 09:00 Thu'],
    ['2025-01-31T23:59', '2025-02-01 09:00 Sat'], // month end
    ['2024-02-28T08:00', '2024-02-29 09:00 Thu'], // leap day
    ['2025-12-31T10:00', '2026-01-01 09:00 Thu'], // year end
    ['2025-03-29T20:00', '2025-03-30 09:00 Sun'], // the night clocks go forward
    ['2025-10-25T20:00', '2025-10-26 09:00 Sun'], // the night clocks go back
    ['2025-08-20T00:30', '2025-08-21 09:00 Thu'], // just after midnight: tomorrow, not today
  ])('tomorrow 9:00 from %s is %s', (now, expected) => {
    expect(local(tomorrowMorning(at(now)))).toBe(expected);
  });

  it('keeps 9:00 across the spring change, though that day has 23 hours', () => {
    const due = tomorrowMorning(at('2025-03-29T09:00'));
    expect(local(due)).toBe('2025-03-30 09:00 Sun');
    expect(due - at('2025-03-29T09:00')).toBe(23 * 3_600_000);
  });

  it.each([
    ['2025-08-20T15:00', 3, '2025-08-23 09:00 Sat'],
    ['2025-01-30T10:00', 3, '2025-02-02 09:00 Sun'],
    ['2025-10-24T10:00', 3, '2025-10-27 09:00 Mon'], // across the autumn change
    ['2025-02-27T10:00', 1, '2025-02-28 09:00 Fri'],
  ])('in N days from %s (N=%i) is %s', (now, days, expected) => {
    expect(local(inDaysMorning(at(now), days))).toBe(expected);
  });

  it.each([
    ['2025-08-18T08:00', '2025-08-25 09:00 Mon'], // a Monday before 9:00: next week's, not today's
    ['2025-08-18T10:00', '2025-08-25 09:00 Mon'],
    ['2025-08-20T15:00', '2025-08-25 09:00 Mon'], // Wednesday
    ['2025-08-23T15:00', '2025-08-25 09:00 Mon'], // Saturday
    ['2025-08-24T23:59', '2025-08-25 09:00 Mon'], // Sunday night
    ['2025-03-27T12:00', '2025-03-31 09:00 Mon'], // across the spring change
    ['2025-12-29T12:00', '2026-01-05 09:00 Mon'], // across the year
    ['2025-01-29T12:00', '2025-02-03 09:00 Mon'], // across the month
  ])('next week (Monday 9:00) from %s is %s', (now, expected) => {
    expect(local(nextMondayMorning(at(now)))).toBe(expected);
  });

  it('snoozes by one hour', () => {
    expect(inOneHour(1_000)).toBe(3_601_000);
  });
});
