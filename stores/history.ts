import { defineStore } from 'pinia';
import { shallowRef, watch } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { PAGE_SIZE, deleteEntry, loadHistory, type HistoryCursor, type HistoryEntry, type HistoryFilter } from '@/lib/history';

/**
 * The timeline of the contact shown in the sidebar. The first page is live; "load more" reads the
 * next page by cursor and moves the live range's end there, so what is shown stays live (a newly
 * logged call appears at the top at once) without a gap or a duplicate at the page seams.
 */
export const useHistoryStore = defineStore('history', () => {
  const contactId = shallowRef<string | null>(null);
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
  watch([contactId, filter], () => {
    deleteError.value = null;
    end.value = null;
    entries.value = [];
    next.value = null;
  });

  /** Called by the panel with the contact it shows. */
  function show(id: string) {
    contactId.value = id;
  }

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
    try {
      await deleteEntry(db, entry);
    } catch (e) {
      deleteError.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { contactId, filter, entries, next, error, loading, loadingMore, deleteError, show, setFilter, loadMore, remove };
});
