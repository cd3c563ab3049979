import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { localeSetting } from '@/lib/deals';
import { contactScores, recordSatisfaction, trendOf, type SatisfactionDraft, type Trend } from '@/lib/satisfaction';
import type { Contact } from '@/lib/schema';

/** The satisfaction scores of the contact shown in the sidebar. */
export const useSatisfactionStore = defineStore('satisfaction', () => {
  const contactId = shallowRef<string | null>(null);

  const { data: scores, error: loadError } = useLiveQuery(
    () => (contactId.value ? contactScores(db, contactId.value) : []),
    [contactId],
  );
  const { data: locale } = useLiveQuery(() => localeSetting(db));
  const latest = computed(() => scores.value?.[0] ?? null);
  const trends = computed(() =>
    (['csat', 'nps'] as const).map((k) => trendOf(scores.value ?? [], k)).filter((t): t is Trend => t !== null),
  );

  function show(contact: Contact) {
    contactId.value = contact.id;
  }

  const record = (draft: SatisfactionDraft) =>
    attempt(async () => {
      if (!contactId.value) throw new Error('No contact is open.');
      await recordSatisfaction(db, contactId.value, draft);
    });

  return { contactId, scores, loadError, latest, trends, locale, show, record };
});
