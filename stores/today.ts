import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { useWrite } from '@/composables/useWrite';
import { db } from '@/lib/db';
import { completeFollowUp, rescheduleFollowUp } from '@/lib/followups';
import { tellBackground } from '@/lib/followups-messages';
import { logInteraction, type InteractionDraft } from '@/lib/interactions';
import { lapsedContacts, snoozeStayInTouch } from '@/lib/lapsed';
import { agenda } from '@/lib/today';

/** Lapsed contacts shown at first and added by each "Show more". */
export const IN_TOUCH_PAGE = 20;

/** The dashboard's Today view: what is due and who is overdue a word, and Done, Snooze and Log on them. */
export const useTodayStore = defineStore('today', () => {
  // A follow-up turns overdue while the dashboard stays open: re-read each minute, not each second.
  const now = useNow({ interval: 60_000 });
  const minute = computed(() => Math.floor(now.value.getTime() / 60_000) * 60_000);
  const { data, error: loadError } = useLiveQuery(() => agenda(db, minute.value), [minute], { keepPrevious: true });
  const shown = shallowRef(IN_TOUCH_PAGE);
  const { data: lapsed, error: lapsedError } = useLiveQuery(() => lapsedContacts(db, minute.value, shown.value), [minute, shown], {
    keepPrevious: true,
  });

  // The badge counts both lists: every change to either tells the background.
  const { saving, error, write } = useWrite(tellBackground);
  const complete = (id: string) => write(() => completeFollowUp(db, id));
  const reschedule = (id: string, dueAt: number) => write(() => rescheduleFollowUp(db, id, dueAt));
  const snooze = (contactId: string, until: number) => write(() => snoozeStayInTouch(db, contactId, until));
  const log = (contactId: string, draft: InteractionDraft) => write(() => logInteraction(db, contactId, draft));
  const showMore = () => (shown.value += IN_TOUCH_PAGE);

  return { now: minute, agenda: data, loadError, lapsed, lapsedError, saving, error, complete, reschedule, snooze, log, showMore };
});
