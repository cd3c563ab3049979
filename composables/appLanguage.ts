import type { Pinia } from 'pinia';
import { shallowRef, watch } from 'vue';
import { db } from '@/lib/db';
import { onLanguageChange, trackLanguageWith } from '@/lib/i18n';
import type { LanguageChoice } from '@/lib/languages';
import { applyChosenLanguage, readLanguageChoice } from '@/lib/settings';
import { useSettingsStore } from '@/stores/settings';

// Every render that reads a message or a format depends on this, so a new language redraws it.
const revision = shallowRef(0);
trackLanguageWith(() => void revision.value);
onLanguageChange(() => revision.value++);

/**
 * Applies the chosen language before the page first renders (no flash of English), then follows
 * the choice as it changes in any open page, and the browser's languages when the choice is theirs.
 */
export async function followChosenLanguage(pinia: Pinia, win: Window = window): Promise<void> {
  const apply = (choice: LanguageChoice | undefined) => applyChosenLanguage(choice, win.navigator.languages);
  // A database that cannot be read must not keep the page from showing: the browser's language then.
  await apply(await readLanguageChoice(db).catch(() => undefined));
  const store = useSettingsStore(pinia);
  watch(
    () => store.settings?.language,
    (choice) => {
      if (choice) void apply(choice);
    },
  );
  win.addEventListener('languagechange', () => void apply(store.settings?.language));
}
