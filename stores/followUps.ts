import { defineStore, storeToRefs } from 'pinia';
import { watch } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { useWrite } from '@/composables/useWrite';
import { db } from '@/lib/db';
import { t } from '@/lib/i18n';
import { closeAnswered, completeFollowUp, contactFollowUps, rescheduleFollowUp, scheduleFollowUp } from '@/lib/followups';
import { threadBaseline, threadKey } from '@/lib/followups-gmail';
import { tellBackground } from '@/lib/followups-messages';
import { useCurrentContactStore } from './currentContact';
import { useGmailStore } from './gmail';

/** What the "Follow up" picker chooses; the contact and the open thread come from the store. */
export interface FollowUpChoice {
  dueAt: number;
  note?: string;
  ifNoReply: boolean;
}

/** The shown contact's open follow-ups, and the writes that schedule, finish and move them. */
export const useFollowUpsStore = defineStore('followUps', () => {
  const { thread } = storeToRefs(useGmailStore());
  const current = useCurrentContactStore();
  const { contactId } = storeToRefs(current);

  const { data: open, error: loadError } = useLiveQuery(
    () => (contactId.value ? contactFollowUps(db, contactId.value) : []),
    [contactId],
  );

  const { saving, error, write } = useWrite(tellBackground);
  /**
   * The open thread's messages when each follow-up was scheduled here, so that a reply without a
   * dated id can still be told apart from what was already there. Memory only: after a reload
   * such undated messages are ignored rather than guessed at.
   */
  const baselines = new Map<string, Set<string>>();

  watch(contactId, () => (error.value = null));

  function schedule(choice: FollowUpChoice): Promise<boolean> {
    const id = contactId.value;
    const open = thread.value;
    return write(async () => {
      if (!id) throw new Error(t('stores.noContactShown'));
      const followUp = await scheduleFollowUp(db, {
        contactId: id,
        ...choice,
        ...(open ? { gmailThreadId: threadKey(open) } : {}),
      });
      if (open) baselines.set(followUp.id, threadBaseline(open));
    });
  }

  const complete = (id: string) => write(() => completeFollowUp(db, id));
  const reschedule = (id: string, dueAt: number) => write(() => rescheduleFollowUp(db, id, dueAt));

  // "If no reply" closes itself once the contact's answer shows up in the open thread.
  watch(
    thread,
    async (openThread) => {
      if (!openThread) return;
      try {
        await current.settled();
        const closed = await closeAnswered(db, openThread, baselines);
        if (closed.length > 0) tellBackground();
      } catch (e) {
        console.error('Sidecar: could not check for replies', e);
      }
    },
    { immediate: true },
  );

  return { contactId, open, loadError, saving, error, schedule, complete, reschedule };
});
