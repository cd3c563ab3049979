import { defineStore, storeToRefs } from 'pinia';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { contactThreads } from '@/lib/contact-threads';
import { db } from '@/lib/db';
import { useCurrentContactStore } from './currentContact';

/** The Gmail threads of the contact open in the dashboard. */
export const useContactThreadsStore = defineStore('contactThreads', () => {
  const { contactId } = storeToRefs(useCurrentContactStore());
  const { data } = useLiveQuery(() => (contactId.value ? contactThreads(db, contactId.value) : undefined), [contactId]);
  return { data };
});
