import {
  compile,
  createCoreContext,
  fallbackWithLocaleChain,
  registerLocaleFallbacker,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
} from '@intlify/core-base';
import { FALLBACK_LANGUAGE, LANGUAGE_CODES, formattingLocale, type Language } from './languages';
import en from './locales/en.json';

/**
 * Every string a user reads comes from the catalogs in lib/locales, through `t` and `tn`.
 * vue-i18n's framework-free core (@intlify/core-base: its message syntax, plural rules and
 * compiler, which builds no code at run time, so extension pages' CSP holds), not WXT's i18n
 * module: that one follows the browser's interface language through `browser.i18n`, which cannot
 * be chosen at run time and has no isiXhosa or Chichewa in Chrome. Not vue-i18n itself: lib/ and
 * the background translate too, and lib never imports Vue (composables/useAppliedLanguage gives
 * components their reactivity through `trackLanguageWith`).
 */
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
export type CatalogKey = Leaves<typeof en>;
export type Catalog = typeof en;

/** English ships in every bundle (it is also every missing message's fallback); the others load when chosen. */
export const CATALOG_LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalog }>> = {
  af: () => import('./locales/af.json'),
  zu: () => import('./locales/zu.json'),
  xh: () => import('./locales/xh.json'),
  ny: () => import('./locales/ny.json'),
};

registerMessageCompiler(compile);
registerMessageResolver(resolveValue);
registerLocaleFallbacker(fallbackWithLocaleChain);

/**
 * CLDR's plural rule of each of our languages, for browsers whose Intl has no data for it
 * (Chromium has none for zu, xh, ny, and would silently apply its own language's rule): "one"
 * for 1, and in isiZulu for 0 too (CLDR: i = 0 or n = 1); every other count is "other".
 */
export const CLDR_ONE: Record<Language, (n: number) => boolean> = {
  en: (n) => n === 1,
  af: (n) => n === 1,
  zu: (n) => Math.trunc(n) === 0 || n === 1,
  xh: (n) => n === 1,
  ny: (n) => n === 1,
};

/**
 * A plural message lists one form per CLDR category the language has, in CLDR order ("one | other"
 * for all five of ours). Intl's rules where the browser has them, else the table above.
 */
const pluralIndex = (language: Language) => {
  const rules = Intl.PluralRules.supportedLocalesOf(language).length ? new Intl.PluralRules(language) : undefined;
  return (count: number, forms: number) => {
    const index = rules ? rules.resolvedOptions().pluralCategories.indexOf(rules.select(count)) : CLDR_ONE[language](Math.abs(count)) ? 0 : 1;
    return Math.min(index < 0 ? forms - 1 : index, forms - 1);
  };
};

const messages: Record<string, Catalog> = { en };
const context = createCoreContext({
  locale: FALLBACK_LANGUAGE,
  fallbackLocale: FALLBACK_LANGUAGE,
  messages,
  pluralRules: Object.fromEntries(LANGUAGE_CODES.map((l) => [l, pluralIndex(l)])),
  missingWarn: false,
  fallbackWarn: false,
});

let language: Language = FALLBACK_LANGUAGE;
/** The BCP 47 tag Intl formats in; undefined (the browser's) until a language is applied. */
let formatting: string | undefined;
/** Whether Intl writes the active language's words (month names, "in 3 days") or only its region's numbers. */
let intlWords = true;
let track: () => void = () => {};
const listeners = new Set<() => void>();

/** Lets a UI framework learn which renders read the language, so they run again when it changes. */
export function trackLanguageWith(read: () => void): void {
  track = read;
}
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function activeLanguage(): Language {
  track();
  return language;
}
export function activeLocale(): string | undefined {
  track();
  return formatting;
}
/** False where the browser's Intl has no data for the language: dates are then written in figures, and relative times come from the catalog. */
export function intlWritesWords(): boolean {
  track();
  return intlWords;
}

let applying = 0;
/** Switches every string and format at once; a later call wins over one still loading. */
export async function applyLanguage(next: Language, preferred: readonly string[]): Promise<void> {
  const ticket = ++applying;
  if (!messages[next]) {
    try {
      messages[next] = (await CATALOG_LOADERS[next as Exclude<Language, 'en'>]()).default;
    } catch (error) {
      // A catalog that cannot load (a chunk gone after an update) leaves the language as it was,
      // and takes back its ticket so that an earlier choice still loading is not dropped for it.
      if (ticket === applying) applying--;
      throw error;
    }
  }
  if (ticket !== applying) return;
  const locale = formattingLocale(next, preferred);
  // The same again (a page's settings arriving after it started in them): nothing to redraw.
  if (next === language && locale === formatting) return;
  language = next;
  context.locale = next;
  plain.clear();
  formatting = locale;
  intlWords = next === FALLBACK_LANGUAGE || formatting.split('-')[0] === next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

type Named = Record<string, string | number>;

/**
 * Messages without values, made once per language: most of a page's labels are, and intlify's
 * `translate` costs some 15 µs a call (its fallback chain, path and message context), which a list
 * of 30 rows pays on every keystroke.
 */
const plain = new Map<string, string>();

export function t(key: CatalogKey, named?: Named): string {
  track();
  if (named) return translate(context, key, named) as string;
  let text = plain.get(key);
  if (text === undefined) plain.set(key, (text = translate(context, key, {}) as string));
  return text;
}

const counts = new Map<string, Intl.NumberFormat>();
/** A plural message, its `{n}` the count written in the active locale ("1 234 kontakte"). */
export function tn(key: CatalogKey, count: number, named: Named = {}): string {
  track();
  const locale = formatting ?? '';
  let format = counts.get(locale);
  if (!format) counts.set(locale, (format = new Intl.NumberFormat(locale || undefined)));
  return translate(context, key, { n: format.format(count), ...named }, count) as string;
}
