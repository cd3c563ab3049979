import type { Pinia } from 'pinia';
import { shallowRef, watch } from 'vue';
import { db } from '@/lib/db';
import { onLanguageChange, trackLanguageWith } from '@/lib/i18n';
import { LANGUAGE_CHOICES, type LanguageChoice } from '@/lib/languages';
import { applyChosenLanguage, readLanguageChoice } from '@/lib/settings';
import { useSettingsStore } from '@/stores/settings';

// Every render that reads a message or a format depends on this, so a new language redraws it.
const revision = shallowRef(0);
trackLanguageWith(() => void revision.value);
onLanguageChange(() => revision.value++);

/**
 * The last choice this page's origin applied, kept beside the database (localStorage is
 * synchronous): a page starts in it without waiting to open the database first, which would hold
 * the first render back by tens of milliseconds. The setting in the database stays the truth.
 */
const REMEMBERED = 'sidecar-language';
function remembered(): LanguageChoice | undefined {
  try {
    const value = localStorage.getItem(REMEMBERED);
    return (LANGUAGE_CHOICES as readonly (string | null)[]).includes(value) ? (value as LanguageChoice) : undefined;
  } catch {
    return undefined;
  }
}
function remember(choice: LanguageChoice): void {
  try {
    localStorage.setItem(REMEMBERED, choice);
  } catch {
    // Storage refused (a full disk): the next page reads the database instead.
  }
}

/**
 * Applies the chosen language before the page first renders (no flash of English), then follows
 * the choice as it changes in any open page, and the browser's languages when the choice is theirs.
 */
export async function followChosenLanguage(pinia: Pinia, win: Window = window): Promise<void> {
  const store = useSettingsStore(pinia);
  // A catalog that fails to load leaves the page in the language it has, and says so in the console.
  const apply = (choice: LanguageChoice | undefined) =>
    applyChosenLanguage(choice, win.navigator.languages).then(
      () => choice && remember(choice),
      (error: unknown) => console.error('Sidecar: could not switch the language', error),
    );
  const stored = () => (store.settings ? Promise.resolve(store.settings.language) : readLanguageChoice(db).catch(() => undefined));
  watch(
    () => store.settings?.language,
    (choice) => {
      if (choice) void apply(choice);
    },
  );
  win.addEventListener('languagechange', () => void stored().then(apply));
  // Never the database first: a page that remembers nothing (the first after an update) starts in
  // the browser's language, and the settings' answer, a moment later, corrects it if need be.
  await apply(remembered() ?? 'browser');
}
