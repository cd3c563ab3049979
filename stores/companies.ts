import { defineStore } from 'pinia';
import { shallowRef, watch } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { useWrite } from '@/composables/useWrite';
import { COMPANY_PAGE, DomainTakenError, companiesNamed, companyDetails, listCompanies, mergeCompanies, updateCompany } from '@/lib/companies';
import { db } from '@/lib/db';
import { t } from '@/lib/i18n';

/** Companies offered at most to merge into the open one, for what is typed. */
const MERGE_CHOICES = 8;

/** The dashboard's companies: the list, the one open, its edit and merges. */
export const useCompaniesStore = defineStore('companies', () => {
  const text = shallowRef('');
  const limit = shallowRef(COMPANY_PAGE);
  watch(text, () => (limit.value = COMPANY_PAGE));
  const { data: rows } = useLiveQuery(() => listCompanies(db, text.value, limit.value), [text, limit], { keepPrevious: true });
  const openId = shallowRef<string | null>(null);
  const { data: open } = useLiveQuery(() => (openId.value ? companyDetails(db, openId.value) : undefined), [openId]);

  /** The name typed to find a company to merge into the open one, and the companies it finds. */
  const mergeText = shallowRef('');
  const { data: mergeChoices } = useLiveQuery(
    async () => {
      const found = mergeText.value.trim() && openId.value ? await companiesNamed(db, mergeText.value, MERGE_CHOICES + 1) : [];
      return found.filter((c) => c.id !== openId.value).slice(0, MERGE_CHOICES);
    },
    [mergeText, openId],
    { keepPrevious: true },
  );

  const { saving: busy, error, write } = useWrite();
  /** The company owning a domain the last edit tried to add: the view offers to merge it in. */
  const conflict = shallowRef<{ id: string; name: string; domain: string } | null>(null);
  const notice = shallowRef<string | null>(null);
  const save = (edit: { name: string; domains: string }) =>
    write(async () => {
      if (!openId.value) return;
      conflict.value = null;
      notice.value = null;
      try {
        await updateCompany(db, openId.value, edit);
        notice.value = t('common.saved');
      } catch (e) {
        if (e instanceof DomainTakenError) conflict.value = { id: e.ownerId, name: e.ownerName, domain: e.domain };
        throw e;
      }
    });
  /** Folds `otherId` into the open company. */
  const mergeIn = (otherId: string, otherName: string) =>
    write(async () => {
      if (!openId.value) return;
      await mergeCompanies(db, openId.value, otherId);
      conflict.value = null;
      mergeText.value = '';
      notice.value = t('stores.companyMergedIn', { name: otherName });
    });
  function show(id: string | null) {
    openId.value = id;
    mergeText.value = '';
    conflict.value = null;
    notice.value = null;
  }
  const showMore = () => {
    if (rows.value && rows.value.length >= limit.value) limit.value += COMPANY_PAGE;
  };
  return { text, rows, open, openId, mergeText, mergeChoices, busy, error, conflict, notice, save, mergeIn, show, showMore };
});
