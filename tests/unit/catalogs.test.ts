import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@intlify/core-base';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '@/lib/languages';

/** Every catalog, flattened: "deals.title" -> its text. */
const root = join(__dirname, '../..');
const flatten = (tree: object, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v as object, `${prefix}${k}.`)));
const catalogs = Object.fromEntries(
  LANGUAGE_CODES.map((code) => [code, new Map(flatten(JSON.parse(readFileSync(join(root, 'lib/locales', `${code}.json`), 'utf8')) as object))]),
);
const en = catalogs.en!;

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*\}/g)].map((m) => m[1]))].sort();
const forms = (text: string) => text.split(/(?<!\{')\|(?!'\})/).length;

/** The source files whose literals may name a message: the app's code, not its tests. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}
const code = ['components', 'composables', 'entrypoints', 'lib', 'stores'].flatMap((d) => sources(join(root, d))).map((f) => readFileSync(f, 'utf8'));
const literals = new Set(code.flatMap((text) => [...text.matchAll(/['"`]([a-z]\w*(?:\.\w+)+)['"`]/g)].map((m) => m[1]!)));

describe('the message catalogs', () => {
  it.each(LANGUAGE_CODES.filter((c) => c !== 'en'))('%s has every message English has, and no other', (language) => {
    const catalog = catalogs[language]!;
    expect([...en.keys()].filter((k) => !catalog.has(k)), 'missing').toEqual([]);
    expect([...catalog.keys()].filter((k) => !en.has(k)), 'not in English').toEqual([]);
  });

  it('has no message that no code uses', () => {
    expect([...en.keys()].filter((key) => !literals.has(key))).toEqual([]);
  });

  it.each(LANGUAGE_CODES.filter((c) => c !== 'en'))('%s fills the same placeholders as English in every message', (language) => {
    const differ = [...en].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(catalogs[language]!.get(key) ?? text)));
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGE_CODES)('%s writes one form per plural category of the language, and plurals only where English has them', (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.length;
    const wrong = [...catalogs[language]!].filter(([key, text]) => {
      const plural = forms(en.get(key) ?? '') > 1;
      return plural ? forms(text) !== categories : forms(text) !== 1;
    });
    expect(wrong.map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGE_CODES)('%s compiles every message (no stray { } @ | that the message syntax would misread)', (language) => {
    const broken: string[] = [];
    for (const [key, text] of catalogs[language]!) {
      compile(text, { key, locale: language, onError: () => void broken.push(key), warnHtmlMessage: false });
    }
    expect(broken).toEqual([]);
  });

  it.each(LANGUAGE_CODES.filter((c) => c !== 'en'))('%s is translated: messages identical to English are the few that read the same in it', (language) => {
    const same = [...en].filter(([key, text]) => /[a-z]{3}/.test(text) && catalogs[language]!.get(key) === text).map(([key]) => key);
    // Names, units and words borrowed unchanged ("Sidecar CRM", "CSV", "vCard", "Email") may stay; a tenth of the catalog may not.
    expect(same.length, same.join(', ')).toBeLessThan(en.size / 10);
  });
});
