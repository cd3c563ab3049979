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
import { FALLBACK_LANGUAGE, formattingLocale, type Language } from './languages';
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

const pluralRules = new Map<string, Intl.PluralRules>();
/**
 * A plural message lists one form per CLDR category the language has, in CLDR order ("one | other"
 * for all five of ours; isiZulu's "one" also covers 0). Never English's rule for everyone.
 */
const pluralIndex = (language: string) => (count: number, forms: number) => {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const index = rules.resolvedOptions().pluralCategories.indexOf(rules.select(count));
  return Math.min(index < 0 ? forms - 1 : index, forms - 1);
};

const messages: Record<string, Catalog> = { en };
const context = createCoreContext({
  locale: FALLBACK_LANGUAGE,
  fallbackLocale: FALLBACK_LANGUAGE,
  messages,
  pluralRules: Object.fromEntries(['en', ...Object.keys(CATALOG_LOADERS)].map((l) => [l, pluralIndex(l)])),
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
    const catalog = (await CATALOG_LOADERS[next as Exclude<Language, 'en'>]()).default;
    messages[next] = catalog;
  }
  if (ticket !== applying) return;
  language = next;
  context.locale = next;
  formatting = formattingLocale(next, preferred);
  intlWords = next === FALLBACK_LANGUAGE || formatting.split('-')[0] === next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

type Named = Record<string, string | number>;

export function t(key: CatalogKey, named: Named = {}): string {
  track();
  return translate(context, key, named) as string;
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
