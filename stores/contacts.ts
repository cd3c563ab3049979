import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { refDebounced } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { listContacts } from '@/lib/contact-list';
import { db } from '@/lib/db';

/** The dashboard's contact list and its search box. */
export const useContactsStore = defineStore('contacts', () => {
  const query = shallowRef('');
  const debounced = refDebounced(query, 150);
  const { data: rows, loading } = useLiveQuery(() => listContacts(db, debounced.value), [debounced]);
  const { data: total } = useLiveQuery(() => db.contacts.filter((c) => c.deletedAt === undefined).count());
  return { query, rows, loading, total };
});
