import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDuration, formatMoney, formatRelative } from '@/lib/format';
import { intlSpeaks } from '@/lib/languages';
import ny from '@/lib/locales/ny.json';
import { formatTimeOfDay } from '@/lib/followups-time';
import { activeLanguage, activeLocale, applyLanguage, CATALOG_LOADERS, CLDR_ONE, onLanguageChange, t, tn } from '@/lib/i18n';

afterEach(() => applyLanguage('en', ['en']));

describe('switching the language', () => {
  it('changes messages, the page’s lang and the formats at once, and tells whoever listens', async () => {
    const heard = vi.fn();
    const stop = onLanguageChange(heard);
    await applyLanguage('af', ['af-ZA']);
    stop();
    expect(activeLanguage()).toBe('af');
    expect(activeLocale()).toBe('af-ZA');
    expect(document.documentElement.lang).toBe('af');
    expect(t('panel.failed')).not.toBe('This part could not load.');
    expect(formatDate(Date.UTC(2026, 2, 5, 12))).toBe(new Intl.DateTimeFormat('af-ZA', { dateStyle: 'medium' }).format(Date.UTC(2026, 2, 5, 12)));
    expect(formatMoney(123_456, 'ZAR')).toBe(new Intl.NumberFormat('af-ZA', { style: 'currency', currency: 'ZAR' }).format(1234.56));
    expect(heard).toHaveBeenCalledOnce();
  });

  it('lets the later of two quick choices win, even when the earlier one loads last', async () => {
    let release!: () => void;
    const slow = CATALOG_LOADERS.zu;
    const spy = vi.spyOn(CATALOG_LOADERS, 'zu').mockImplementation(() => new Promise((resolve) => (release = () => resolve(slow()))).then((r) => r as Awaited<ReturnType<typeof slow>>));
    const first = applyLanguage('zu', ['zu-ZA']);
    await applyLanguage('xh', ['xh']);
    release();
    await first;
    spy.mockRestore();
    expect(activeLanguage()).toBe('xh');
  });

  it('is English again, with English’s formats, when chosen back', async () => {
    await applyLanguage('ny', []);
    await applyLanguage('en', ['en-US']);
    expect(t('panel.failed')).toBe('This part could not load.');
    expect(activeLocale()).toBe('en-US');
  });
});

describe('plurals', () => {
  it('pick the form by the language’s own plural rule and write the count in its locale', async () => {
    await applyLanguage('en', ['en-US']);
    expect(tn('contacts.contactCount', 1)).toBe('1 contact');
    expect(tn('contacts.contactCount', 1234)).toBe('1,234 contacts');
    await applyLanguage('af', ['af-ZA']);
    expect(tn('contacts.contactCount', 1234)).toMatch(/^1\s234 /);
    expect(tn('contacts.contactCount', 1)).not.toBe(tn('contacts.contactCount', 2).replace('2', '1'));
  });
});

describe('a language the browser’s Intl cannot write', () => {
  it('writes dates in the region’s figures and relative times and waits from the catalog, never in English words', async () => {
    // Node, like Chromium, has no Chichewa data.
    expect(intlSpeaks('ny')).toBe(false);
    await applyLanguage('ny', ['en-US']);
    expect(activeLocale()).toBe('en-MW');
    const now = Date.UTC(2026, 11, 25, 9);
    expect(formatDate(now)).toBe(new Intl.DateTimeFormat('en-MW', { dateStyle: 'short' }).format(now));
    expect(formatDate(now)).not.toMatch(/Dec/);
    expect(formatRelative(now + 3 * 86_400_000, now)).toBe(ny.time.inDays.split(' | ')[1]!.replace('{n}', '3'));
    expect(formatRelative(now - 86_400_000, now)).toBe(ny.time.daysAgo.split(' | ')[0]!.replace('{n}', '1'));
    expect(formatRelative(now, now)).toBe(ny.time.now);
    expect(formatDuration(45 * 60_000)).toBe(ny.time.durationMinutes.split(' | ')[1]!.replace('{n}', '45'));
  });
});

describe('the plural rules written out for browsers without the data', () => {
  it('agree with CLDR’s, as Node’s full Intl has them, for whole and fractional counts', () => {
    const counts = [...Array.from({ length: 120 }, (_, i) => i), 0.5, 1.5, 2.25, 1000, 1_000_000];
    for (const [language, one] of Object.entries(CLDR_ONE)) {
      const rules = new Intl.PluralRules(language);
      expect(counts.filter((n) => one(n) !== (rules.select(n) === 'one')), language).toEqual([]);
    }
  });
});

describe('the quick picks’ reminder time', () => {
  it('is written as the locale writes times', async () => {
    await applyLanguage('en', ['en-US']);
    expect(formatTimeOfDay({ hour: 9, minute: 0 })).toBe('9:00 AM');
    await applyLanguage('af', ['af-ZA']);
    expect(formatTimeOfDay({ hour: 9, minute: 0 })).toBe('09:00');
  });
});
