import { defineConfig } from 'wxt';
// The Gmail origin is the only site we touch; every other permission is for our own pages.
import { GMAIL_MATCH as GMAIL } from './lib/gmail/urls';
import { INTLIFY_FLAGS } from './scripts/intlify-flags.mjs';

export default defineConfig({
  modules: ['@wxt-dev/module-vue'],
  vite: () => ({ define: INTLIFY_FLAGS }),
  // Firefox too: MV3 limits which sites may frame the sidebar page (README, "Firefox").
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // The stores' name and summary in each language (public/_locales); the interface's own strings are in lib/locales.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // unlimitedStorage: the browser never evicts the database to free disk space (Firefox also grants persist() for it).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    // The toolbar button carries the overdue follow-ups badge; without this key chrome.action is undefined.
    action: { default_title: 'Sidecar CRM' },
    // Only Gmail may frame the sidebar page (MV3 form; WXT writes it as a list of paths for MV2).
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: [GMAIL] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidecar-crm@sidecar.example',
              // 140 (the current ESR) is the first to read data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
