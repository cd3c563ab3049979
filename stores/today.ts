import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { useWrite } from '@/composables/useWrite';
import { db } from '@/lib/db';
import { completeFollowUp, rescheduleFollowUp } from '@/lib/followups';
import { tellBackground } from '@/lib/followups-messages';
import { agenda } from '@/lib/today';

/** The dashboard's Today view: what is due, and Done and Snooze on it. */
export const useTodayStore = defineStore('today', () => {
  // A follow-up turns overdue while the dashboard stays open: re-read each minute, not each second.
  const now = useNow({ interval: 60_000 });
  const minute = computed(() => Math.floor(now.value.getTime() / 60_000) * 60_000);
  const { data, error: loadError } = useLiveQuery(() => agenda(db, minute.value), [minute], { keepPrevious: true });

  const { saving, error, write } = useWrite(tellBackground);
  const complete = (id: string) => write(() => completeFollowUp(db, id));
  const reschedule = (id: string, dueAt: number) => write(() => rescheduleFollowUp(db, id, dueAt));

  return { now: minute, agenda: data, loadError, saving, error, complete, reschedule };
});
