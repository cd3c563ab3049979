import { storeToRefs } from 'pinia';
import { watchEffect } from 'vue';
import { useSettingsStore } from '@/stores/settings';

/**
 * Sets the page's light or dark theme: the one chosen in the settings, else `fallback` (the
 * browser's preference in the dashboard, Gmail's own theme in the sidebar).
 */
export function useAppliedTheme(fallback: () => 'light' | 'dark') {
  const { settings } = storeToRefs(useSettingsStore());
  watchEffect(() => {
    const chosen = settings.value?.theme ?? 'system';
    document.documentElement.dataset.theme = chosen === 'system' ? fallback() : chosen;
  });
}
