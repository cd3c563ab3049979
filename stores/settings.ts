import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { readSettings, saveSetting, type EditableKey, type Settings } from '@/lib/settings';

/** The user's settings, live in every open page, and the one write that changes them. */
export const useSettingsStore = defineStore('settings', () => {
  const { data: settings, error: loadError } = useLiveQuery(() => readSettings(db));
  const saving = shallowRef<EditableKey | null>(null);
  const error = shallowRef<{ key: EditableKey; message: string } | null>(null);
  /** The setting saved last, for the form to say so. */
  const saved = shallowRef<EditableKey | null>(null);

  async function save<K extends EditableKey>(key: K, value: Settings[K]): Promise<boolean> {
    saving.value = key;
    saved.value = null;
    const message = await attempt(() => saveSetting(db, key, value));
    error.value = message === null ? null : { key, message };
    if (message === null) saved.value = key;
    saving.value = null;
    return message === null;
  }

  return { settings, loadError, saving, error, saved, save };
});
