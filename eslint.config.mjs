import pluginVue from 'eslint-plugin-vue';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';

export default defineConfigWithVueTs(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'web-ext-artifacts/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      // Sender names, subjects and notes come from strangers' emails: never render them as HTML.
      'vue/no-v-html': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['components/**'],
    rules: {
      // Components render and emit; data comes through stores.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/lib/db', '@/lib/db', 'dexie'], message: 'Components get data from stores, not the database.' }] }],
    },
  },
  {
    files: ['entrypoints/gmail.content/**', 'lib/gmail/**'],
    rules: {
      // Loaded on every Gmail visit: keep the heavy libraries out of the content script.
      'no-restricted-imports': ['error', { paths: ['vue', 'pinia', 'dexie', 'zod', '@vueuse/core'], patterns: [{ group: ['**/lib/db', '@/lib/db', '**/lib/schema', '@/lib/schema', '**/lib/messages', '@/lib/messages', '../messages'], allowTypeImports: true, message: 'Type-only: these modules bring zod or Dexie.' }] }],
    },
  },
);
