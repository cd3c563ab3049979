/**
 * The languages the interface speaks, and how a choice becomes the locale that Intl formats in.
 * Chrome has no isiXhosa or Chichewa interface language, so the user can choose one in the
 * dashboard's settings as well as get one from the browser.
 */
export const LANGUAGES = [
  // `name` is each language's own name: a user picks the one they can read.
  { code: 'en', name: 'English', region: undefined },
  { code: 'af', name: 'Afrikaans', region: 'ZA' },
  { code: 'zu', name: 'isiZulu', region: 'ZA' },
  { code: 'xh', name: 'isiXhosa', region: 'ZA' },
  { code: 'ny', name: 'Chichewa', region: 'MW' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as readonly Language[];
/** What the settings store: a language, or "whatever the browser prefers". */
export const LANGUAGE_CHOICES = ['browser', ...LANGUAGE_CODES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

const primary = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();
const isLanguage = (code: string): code is Language => (LANGUAGE_CODES as readonly string[]).includes(code);

/** The first of the browser's preferred languages (`navigator.languages`, in order) that we speak, else English. */
export function preferredLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const code = primary(tag);
    if (isLanguage(code)) return code;
  }
  return FALLBACK_LANGUAGE;
}

export const resolveLanguage = (choice: LanguageChoice | undefined, preferred: readonly string[]): Language =>
  choice && choice !== 'browser' ? choice : preferredLanguage(preferred);

/** Whether this browser's Intl has data for the language: Chromium has none for isiZulu, isiXhosa or Chichewa. */
export const intlSpeaks = (language: string): boolean =>
  Intl.DateTimeFormat.supportedLocalesOf(language).length > 0 && Intl.RelativeTimeFormat.supportedLocalesOf(language).length > 0;

/**
 * The locale Intl formats dates, numbers and money in: the browser's own tag for that language
 * when it has one ("en-ZA" keeps South African dates in English), else the language in its home
 * region ("xh-ZA"), else the bare language. Where Intl has no data for the language, English in
 * that region: its numbers, money and order of day and month are still the region's ("R 1 234,50").
 */
export function formattingLocale(language: Language, preferred: readonly string[], speaks: (tag: string) => boolean = intlSpeaks): string {
  const region = LANGUAGES.find((l) => l.code === language)!.region;
  if (!speaks(language)) return region ? `en-${region}` : FALLBACK_LANGUAGE;
  const own = preferred.find((tag) => primary(tag) === language && canonical(tag));
  if (own) return canonical(own)!;
  return region ? `${language}-${region}` : language;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The currencies of the regions our users work in; elsewhere a new deal takes the last deal's. */
const REGION_CURRENCY: Record<string, string> = { ZA: 'ZAR', MW: 'MWK', NA: 'NAD', BW: 'BWP', LS: 'LSL', SZ: 'SZL', ZM: 'ZMW', ZW: 'ZWG', MZ: 'MZN' };

/** "af-ZA" -> "ZAR", "ny-MW" -> "MWK"; undefined when the locale names no region we know. */
export function regionCurrency(locale: string): string | undefined {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? REGION_CURRENCY[region] : undefined;
  } catch {
    return undefined;
  }
}
