import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { watchDebounced } from '@vueuse/core';
import { useTablesQuery } from '@/composables/useTablesQuery';
import { CONTACT_LIST_TABLES, CONTACT_PAGE, DEFAULT_QUERY, countMatches, isPlainSearch, listContacts, matchingIds, type ContactQuery } from '@/lib/contact-list';
import { paramsOf } from '@/lib/contacts-url';
import { OPEN_WORK_TABLES, openWorkOf, type OpenWork } from '@/lib/contact-facts';
import { db } from '@/lib/db';

/** How long the typing pauses before what waits for it: the count of a search's matches, the address. */
export const TYPING_PAUSE_MS = 300;

/** The dashboard's contacts list: its search, sort and filters, and the page of matches. */
export const useContactsStore = defineStore('contacts', () => {
  const limit = shallowRef(CONTACT_PAGE);
  const choices = ref<Omit<ContactQuery, 'text'>>({ sort: DEFAULT_QUERY.sort, reverse: DEFAULT_QUERY.reverse });
  // Not debounced: a keystroke's query takes a few tens of milliseconds through the indexes, and
  // the one before it is dropped when the next begins (bench: the keystroke figure).
  const text = shallowRef('');
  const query = computed<ContactQuery>(() => ({ ...choices.value, text: text.value }));
  watch(text, () => (limit.value = CONTACT_PAGE));
  // The book's open work, read after a page is found and kept until a write to it: the pages after
  // it then take a read per contact less (bench: keystroke). Not before the first page, which it
  // would slow down.
  let open: Promise<OpenWork> | undefined;
  function readOpenWork() {
    const reading: Promise<OpenWork> = openWorkOf(db).catch((e: unknown) => {
      // Read again after the next page, not kept failing.
      if (open === reading) open = undefined;
      throw e;
    });
    // Its failure is a page's to report; one no page awaited is not an unhandled one.
    reading.catch(() => undefined);
    return reading;
  }
  const { data: page, loading, error } = useTablesQuery(
    db,
    CONTACT_LIST_TABLES,
    async (signal, written) => {
      if (OPEN_WORK_TABLES.some((t) => written.has(t))) open = undefined;
      const asked = query.value;
      const found = await listContacts(db, asked, limit.value, Date.now(), { signal, open });
      open ??= readOpenWork();
      // Which search the page answers: what the list shows once it has caught up with the typing.
      return { ...found, text: asked.text };
    },
    [query, limit],
    { keepPrevious: true },
  );

  // A plain search's page comes first; its count, which must find every match, once the typing
  // pauses: run with every keystroke, it held up the next keystroke's page (bench: keystroke).
  const settled = shallowRef(query.value);
  watchDebounced(query, (q) => (settled.value = q), { debounce: TYPING_PAUSE_MS });
  const { data: counted } = useTablesQuery(db, CONTACT_LIST_TABLES, async () => (isPlainSearch(settled.value) ? countMatches(db, settled.value) : undefined), [settled]);
  const total = computed(() => page.value?.total ?? (isPlainSearch(query.value) && settled.value === query.value ? counted.value : undefined));

  /** Sets the whole query at once (the address changed). */
  function restore(next: ContactQuery) {
    // The same list (Back from a contact): left alone, so its selection stays.
    if (paramsOf(next) === paramsOf(query.value)) return;
    const { text: t, ...rest } = next;
    choices.value = rest;
    text.value = t;
    limit.value = CONTACT_PAGE;
  }
  function choose(changes: Partial<Omit<ContactQuery, 'text'>>) {
    choices.value = { ...choices.value, ...changes };
    limit.value = CONTACT_PAGE;
  }
  /** The list was scrolled near its end: read another page, if there are more. */
  function showMore() {
    if (page.value && page.value.rows.length >= limit.value) limit.value += CONTACT_PAGE;
  }

  /** The contacts the bulk actions apply to; a new search or filter clears them, so none acts out of sight. */
  const selected = shallowRef<ReadonlySet<string>>(new Set());
  let anchor: string | undefined;
  watch(query, () => clearSelection());
  /** A click selects or unselects one; with shift, every listed row from the last click to this one. */
  function toggle(id: string, range: boolean) {
    const next = new Set(selected.value);
    const ids = page.value?.rows.map((r) => r.contact.id) ?? [];
    const [from, to] = [ids.indexOf(anchor ?? ''), ids.indexOf(id)];
    if (range && from >= 0 && to >= 0) {
      const on = !next.has(id);
      for (const i of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
        if (on) next.add(i);
        else next.delete(i);
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor = id;
    selected.value = next;
  }
  async function selectAllMatches() {
    const asked = query.value;
    const ids = await matchingIds(db, asked);
    // The search or filters changed meanwhile: those are not the matches the user meant.
    if (query.value === asked) selected.value = new Set([...selected.value, ...ids]);
  }
  function clearSelection() {
    selected.value = new Set();
    anchor = undefined;
  }
  return { text, choices, query, page, total, loading, error, restore, choose, showMore, selected, toggle, selectAllMatches, clearSelection };
});
