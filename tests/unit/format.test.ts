import { formatMoney, formatRelative, minorUnitDigits, parseMoney } from '@/lib/format';

describe('money', () => {
  it.each([
    [4_800_000, 'EUR', 'en-US', '€48,000.00'],
    [4_800_000, 'EUR', 'de-DE', '48.000,00\u00a0€'],
    [1500, 'JPY', 'en-US', '¥1,500'],
    [12_345, 'BHD', 'en-US', 'BHD\u00a012.345'],
  ])('%d %s in %s is %s', (minor, currency, locale, shown) => {
    expect(formatMoney(minor, currency, locale)).toBe(shown);
  });

  it('knows each currency’s minor unit', () => {
    expect([minorUnitDigits('EUR'), minorUnitDigits('JPY'), minorUnitDigits('BHD')]).toEqual([2, 0, 3]);
  });

  it.each([
    ['48000', 'EUR', 4_800_000],
    ['48,000.50', 'EUR', 4_800_050],
    ['48.000,50', 'EUR', 4_800_050],
    ['48 000', 'EUR', 4_800_000],
    ['0.5', 'EUR', 50],
    ['1500', 'JPY', 1500],
    ['1.5', 'JPY', null],
    ['-5', 'EUR', null],
    ['abc', 'EUR', null],
    ['', 'EUR', null],
    ['1.234', 'EUR', 123_400], // three digits after a separator: grouping, as a German user means it
    ['99999999999999999999', 'EUR', null],
  ])('parses "%s" %s as %s', (input, currency, minor) => {
    expect(parseMoney(input, currency)).toBe(minor);
  });
});

describe('formatRelative', () => {
  const now = Date.UTC(2026, 0, 15, 12);
  it.each([
    [now - 3 * 86_400_000, '3 days ago'],
    [now + 2 * 3_600_000, 'in 2 hours'],
    [now - 10_000, 'this minute'],
    [now - 86_400_000, 'yesterday'],
  ])('%d is "%s"', (at, shown) => {
    expect(formatRelative(at, now, 'en')).toBe(shown);
  });
});
