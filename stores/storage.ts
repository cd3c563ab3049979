import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { browser } from 'wxt/browser';
import { errorMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { keepStorage, type StorageStatus } from '@/lib/storage';

/** The dashboard's view of the database's storage: asked to be kept on first use. */
export const useStorageStore = defineStore('storage', () => {
  const status = shallowRef<StorageStatus>();
  const error = shallowRef<string>();
  async function refresh() {
    try {
      const unlimited = await browser.permissions.contains({ permissions: ['unlimitedStorage'] });
      status.value = await keepStorage(navigator.storage, unlimited && import.meta.env.BROWSER !== 'firefox');
      error.value = undefined;
    } catch (e) {
      error.value = t('stores.storageUnknown', { problem: errorMessage(e) });
    }
  }
  void refresh();
  return { status, error, refresh };
});
