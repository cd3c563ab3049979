import { defineStore, storeToRefs } from 'pinia';
import { computed } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { SATISFACTION_KINDS, contactScores, recordSatisfaction, trendOf, type SatisfactionDraft, type Trend } from '@/lib/satisfaction';
import { useCurrentContactStore } from './currentContact';

/** The current contact's satisfaction scores. */
export const useSatisfactionStore = defineStore('satisfaction', () => {
  const { contactId } = storeToRefs(useCurrentContactStore());

  const { data: scores, error: loadError } = useLiveQuery(
    () => (contactId.value ? contactScores(db, contactId.value) : []),
    [contactId],
  );
  const latest = computed(() => scores.value?.[0] ?? null);
  const trends = computed(() =>
    SATISFACTION_KINDS.map((k) => trendOf(scores.value ?? [], k)).filter((trend): trend is Trend => trend !== null),
  );

  const record = (draft: SatisfactionDraft) =>
    attempt(async () => {
      if (!contactId.value) throw new Error(t('stores.noContactOpen'));
      await recordSatisfaction(db, contactId.value, draft);
    });

  return { contactId, scores, loadError, latest, trends, record };
});
