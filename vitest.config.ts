import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // Logic and components: happy-dom, an in-memory IndexedDB, WXT's fake browser.
        plugins: [WxtVitest(), vue()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'happy-dom',
          // fake-indexeddb must load before Dexie, or Dexie finds no IndexedDB.
          setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup-after-each.ts'],
          globals: true,
          // Property tests run 1,000 cases and fixtures parse whole pages: generous on 2 cores.
          testTimeout: 30_000,
        },
      },
      {
        // The built extension in real Chromium; `npm test` builds it first.
        test: {
          name: 'e2e',
          globals: true,
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        // The Firefox build in Debian's firefox-esr (scripts/firefox.mjs); `npm test` builds it first.
        test: {
          name: 'firefox',
          globals: true,
          include: ['tests/firefox/**/*.test.ts'],
          environment: 'node',
          // A Firefox launch takes 3-6 s on 2 cores, more on a busy machine; a backup test launches two.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // After the other projects, not beside Chromium: two browsers at once starve 2 cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
