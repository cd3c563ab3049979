import { describe, expect, it } from 'vitest';
import { formattingLocale, preferredLanguage, regionCurrency, resolveLanguage } from '@/lib/languages';

describe('the language the interface speaks', () => {
  it('is the first of the browser’s preferred languages that it speaks, in the browser’s order', () => {
    expect(preferredLanguage(['de-DE', 'zu-ZA', 'af', 'en'])).toBe('zu');
    expect(preferredLanguage(['af-ZA', 'en-ZA'])).toBe('af');
    expect(preferredLanguage(['ny'])).toBe('ny');
  });

  it('falls back to English when the browser prefers none of ours, or says nothing', () => {
    expect(preferredLanguage(['de-DE', 'fr'])).toBe('en');
    expect(preferredLanguage([])).toBe('en');
  });

  it('is the one chosen in the settings over the browser’s, unless the choice is to follow the browser', () => {
    expect(resolveLanguage('xh', ['en-US'])).toBe('xh');
    expect(resolveLanguage('browser', ['af-ZA'])).toBe('af');
    expect(resolveLanguage(undefined, ['af-ZA'])).toBe('af');
  });
});

describe('the locale dates, numbers and money are written in', () => {
  it('is the browser’s own tag for that language, so South African English keeps its dates', () => {
    expect(formattingLocale('en', ['en-ZA', 'en-US'])).toBe('en-ZA');
    expect(formattingLocale('af', ['af-NA'])).toBe('af-NA');
  });

  it('is the language in its home region when the browser has no tag for it (Chrome has no isiXhosa or Chichewa)', () => {
    const speaks = () => true;
    expect(formattingLocale('xh', ['en-ZA'], speaks)).toBe('xh-ZA');
    expect(formattingLocale('ny', ['en-GB'], speaks)).toBe('ny-MW');
    expect(formattingLocale('en', ['de-DE'], speaks)).toBe('en');
  });

  it('is English in the language’s region where the browser’s Intl has no data for the language, so numbers and money keep the region’s form', () => {
    const speaks = (tag: string) => !['zu', 'xh', 'ny'].includes(tag);
    expect(formattingLocale('zu', ['zu-ZA'], speaks)).toBe('en-ZA');
    expect(formattingLocale('ny', [], speaks)).toBe('en-MW');
    expect(formattingLocale('af', ['af-ZA'], speaks)).toBe('af-ZA');
  });

  it('ignores a malformed tag the browser reports', () => {
    expect(formattingLocale('af', ['af-!!', 'af-ZA'])).toBe('af-ZA');
  });
});

describe('a new deal’s currency from the locale', () => {
  it('is the rand in South Africa and the kwacha in Malawi', () => {
    for (const locale of ['af-ZA', 'zu-ZA', 'xh-ZA', 'en-ZA', 'af']) expect(regionCurrency(locale)).toBe('ZAR');
    expect(regionCurrency('ny-MW')).toBe('MWK');
    expect(regionCurrency('ny')).toBe('MWK');
  });

  it('is none where the locale names no region we know, so the last deal’s currency stands', () => {
    expect(regionCurrency('en')).toBeUndefined();
    expect(regionCurrency('de-DE')).toBeUndefined();
    expect(regionCurrency('not a locale')).toBeUndefined();
  });
});
