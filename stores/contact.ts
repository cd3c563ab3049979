import { defineStore, storeToRefs } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { addEmail as insertEmail, mergeContacts, removeEmail as deleteEmail, updateContact } from '@/lib/contact-edit';
import { contactSignals } from '@/lib/contact-signals';
import { db } from '@/lib/db';
import { EmailTakenError, errorMessage } from '@/lib/errors';
import { health as healthOf } from '@/lib/health';
import type { ContactEdit } from '@/lib/schema';
import { useCurrentContactStore } from './currentContact';

export interface EmailOwner {
  email: string;
  ownerId: string;
  ownerName: string;
}

/** The current contact's card: its health, when last contacted, and edits. */
export const useContactStore = defineStore('contact', () => {
  const { contact, company, contactId } = storeToRefs(useCurrentContactStore());

  const { data: signals } = useLiveQuery(() => (contactId.value ? contactSignals(db, contactId.value) : undefined), [contactId]);
  // Health depends on the clock too: a follow-up becomes overdue without any write.
  const now = useNow({ interval: 60_000 });
  const health = computed(() => (signals.value ? healthOf(signals.value, now.value.getTime()) : null));
  const lastContactedAt = computed(() => signals.value?.lastContactedAt);

  const error = shallowRef<string | null>(null);
  /** Set when an added address belongs to someone else: the card offers to merge the two. */
  const taken = shallowRef<EmailOwner | null>(null);
  watch(contactId, () => {
    error.value = null;
    taken.value = null;
  });

  async function run(write: (id: string) => Promise<unknown>): Promise<boolean> {
    const id = contactId.value;
    if (!id) return false;
    error.value = null;
    taken.value = null;
    try {
      await write(id);
      return true;
    } catch (e) {
      if (e instanceof EmailTakenError) taken.value = { email: e.email, ownerId: e.ownerId, ownerName: e.ownerName };
      error.value = errorMessage(e);
      return false;
    }
  }

  return {
    contact,
    company,
    health,
    lastContactedAt,
    error,
    taken,
    update: (edit: ContactEdit) => run((id) => updateContact(db, id, edit)),
    addEmail: (email: string) => run((id) => insertEmail(db, id, email)),
    removeEmail: (email: string) => run((id) => deleteEmail(db, id, email)),
    mergeWith: (otherId: string) => run((id) => mergeContacts(db, id, otherId)),
  };
});
