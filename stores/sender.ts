import { defineStore, storeToRefs } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { db } from '@/lib/db';
import { errorMessage } from '@/lib/errors';
import { addContact as insertContact } from '@/lib/contacts';
import { otherParty } from '@/lib/gmail/other-party';
import type { ContactDraft } from '@/lib/schema';
import { useCurrentContactStore } from './currentContact';
import { useGmailStore } from './gmail';

/** Who the open thread is with: the sidebar's current contact, or the form that adds them. */
export const useSenderStore = defineStore('sender', () => {
  const { thread, account } = storeToRefs(useGmailStore());

  const party = computed(() => (thread.value ? otherParty(thread.value, account.value) : null));
  const email = computed(() => party.value?.email ?? null);

  const current = useCurrentContactStore();
  // Sync: the lookup starts in the task that brought the thread, ahead of everything it changes.
  watch([email, account], () => current.lookUp(email.value, account.value ? [account.value] : []), { immediate: true, flush: 'sync' });

  const saving = shallowRef(false);
  const saveError = shallowRef<string | null>(null);
  watch(email, () => (saveError.value = null));

  async function addContact(draft: ContactDraft) {
    saving.value = true;
    saveError.value = null;
    try {
      await insertContact(db, draft);
      // The live query sees the new contact and the card replaces the form.
    } catch (error) {
      saveError.value = errorMessage(error);
    } finally {
      saving.value = false;
    }
  }

  return { party, saving, saveError, addContact };
});
