import { defineStore, storeToRefs } from 'pinia';
import { shallowRef, watch } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { editInteraction, type InteractionDraft } from '@/lib/interactions';
import { editSatisfaction, type SatisfactionDraft } from '@/lib/satisfaction';
import { PAGE_SIZE, deleteEntry, loadHistory, type HistoryCursor, type HistoryEntry, type HistoryFilter } from '@/lib/history';
import { useCurrentContactStore } from './currentContact';

/**
 * The current contact's timeline. The first page is live; "load more" reads the
 * next page by cursor and moves the live range's end there, so what is shown stays live (a newly
 * logged call appears at the top at once) without a gap or a duplicate at the page seams.
 */
export const useHistoryStore = defineStore('history', () => {
  const { contactId } = storeToRefs(useCurrentContactStore());
  const filter = shallowRef<HistoryFilter>('all');
  /** The oldest entry shown, once the user has paged; null: the first page only. */
  const end = shallowRef<HistoryCursor | null>(null);

  const { data, error, loading } = useLiveQuery(
    () =>
      contactId.value
        ? loadHistory(db, contactId.value, end.value ? { filter: filter.value, through: end.value } : { filter: filter.value, limit: PAGE_SIZE })
        : null,
    [contactId, filter, end],
  );

  // The live query restarts when the range grows; keep showing what we had meanwhile.
  const entries = shallowRef<HistoryEntry[]>([]);
  const next = shallowRef<HistoryCursor | null>(null);
  watch(data, (page) => {
    if (!page) return;
    entries.value = page.entries;
    next.value = page.next;
  });
  /** Why the last deletion failed; cleared by the next one. The live query drops a deleted entry. */
  const deleteError = shallowRef<string | null>(null);
  /** The entry open for correction, why its last save failed, and whether one is under way. */
  const editing = shallowRef<string | null>(null);
  const editError = shallowRef<string | null>(null);
  const saving = shallowRef(false);
  watch([contactId, filter], () => {
    deleteError.value = null;
    editing.value = null;
    end.value = null;
    entries.value = [];
    next.value = null;
  });

  function setFilter(value: HistoryFilter) {
    filter.value = value;
  }

  const loadingMore = shallowRef(false);
  async function loadMore() {
    const from = next.value;
    const id = contactId.value;
    if (!from || !id || loadingMore.value) return;
    loadingMore.value = true;
    try {
      const page = await loadHistory(db, id, { filter: filter.value, before: from, limit: PAGE_SIZE });
      const last = page.entries[page.entries.length - 1];
      // The contact or filter may have changed while this page was read.
      if (last && contactId.value === id && next.value === from) {
        end.value = { at: last.at, id: last.id };
        // Until the live range answers, there is no further page to ask for.
        next.value = null;
      }
    } finally {
      loadingMore.value = false;
    }
  }

  async function remove(entry: HistoryEntry) {
    deleteError.value = null;
    deleteError.value = await attempt(() => deleteEntry(db, entry));
  }

  function startEdit(id: string) {
    editing.value = id;
    editError.value = null;
  }
  function cancelEdit() {
    editing.value = null;
    editError.value = null;
  }
  async function saveEdit(entry: HistoryEntry, draft: InteractionDraft | SatisfactionDraft) {
    saving.value = true;
    editError.value = await attempt(() =>
      entry.source === 'satisfaction' ? editSatisfaction(db, entry.id, draft as SatisfactionDraft) : editInteraction(db, entry.id, draft as InteractionDraft),
    );
    saving.value = false;
    if (!editError.value && editing.value === entry.id) editing.value = null;
  }

  return {
    contactId, filter, entries, next, error, loading, loadingMore, deleteError, editing, editError, saving,
    setFilter, loadMore, remove, startEdit, cancelEdit, saveEdit,
  };
});
