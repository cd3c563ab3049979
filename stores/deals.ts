import { defineStore, storeToRefs } from 'pinia';
import { computed } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { activeLocale, t } from '@/lib/i18n';
import {
  changeStage,
  contactDeals,
  createDeal,
  deleteDeal,
  lastUsedCurrency,
  linkThread,
  newDealCurrency,
  unlinkThread,
  updateDeal,
  type DealDraft,
  type DealFields,
} from '@/lib/deals';
import type { DealStage } from '@/lib/schema';
import { useCurrentContactStore } from './currentContact';
import { useGmailStore } from './gmail';

/** The current contact's deals, and the actions on them. */
export const useDealsStore = defineStore('deals', () => {
  const { thread } = storeToRefs(useGmailStore());
  const { contact, contactId } = storeToRefs(useCurrentContactStore());

  const { data: deals, error: loadError } = useLiveQuery(
    () => (contactId.value ? contactDeals(db, contactId.value) : { open: [], closed: [] }),
    [contactId],
  );
  const { data: lastCurrency } = useLiveQuery(() => lastUsedCurrency(db));
  const defaultCurrency = computed(() => newDealCurrency(activeLocale(), lastCurrency.value));
  const threadId = computed(() => thread.value?.threadId ?? null);

  const create = (draft: DealDraft) =>
    attempt(async () => {
      if (!contact.value) throw new Error(t('stores.noContactOpen'));
      await createDeal(db, contact.value, draft);
    });
  const update = (id: string, fields: DealFields) => attempt(() => updateDeal(db, id, fields));
  const remove = (id: string) => attempt(() => deleteDeal(db, id));
  const move = (id: string, stage: DealStage, lostReason?: string) => attempt(() => changeStage(db, id, stage, lostReason));
  const link = (id: string) =>
    attempt(async () => {
      if (!threadId.value) throw new Error(t('stores.noEmailOpen'));
      await linkThread(db, id, threadId.value);
    });
  const unlink = (id: string) => attempt(async () => threadId.value && unlinkThread(db, id, threadId.value));

  return { contact, contactId, deals, loadError, defaultCurrency, threadId, create, update, remove, move, link, unlink };
});
