import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useWrite } from '@/composables/useWrite';
import { callingCodeOf, dismissPair, findBookDuplicates, mergePair, type BookDuplicates, type MergeChoices } from '@/lib/book-duplicates';
import { db } from '@/lib/db';
import { t } from '@/lib/i18n';
import { pairKey, type DuplicatePair } from '@/lib/duplicates';
import type { Contact } from '@/lib/schema';

/** The duplicates finder: its last run, its progress while it runs, and what is done with each pair. */
export const useDuplicatesStore = defineStore('duplicates', () => {
  const { saving: busy, error, write } = useWrite();
  const found = shallowRef<(BookDuplicates & { ms: number }) | null>(null);
  const progress = shallowRef<number | null>(null);
  const open = shallowRef<DuplicatePair | null>(null);
  const notice = shallowRef<string | null>(null);

  const find = () =>
    write(async () => {
      const started = performance.now();
      progress.value = 0;
      notice.value = null;
      try {
        const result = await findBookDuplicates(db, { callingCode: callingCodeOf(navigator.languages), onProgress: (done, total) => (progress.value = done / total) });
        found.value = { ...result, ms: performance.now() - started };
      } finally {
        progress.value = null;
      }
    });
  /** The pairs left once `gone` (merged away) or one pair (dismissed) is done with. */
  function without(pair: DuplicatePair, gone?: string, kept?: Contact) {
    if (!found.value) return;
    const done = pairKey(pair.a, pair.b);
    const pairs = found.value.pairs.filter((p) => pairKey(p.a, p.b) !== done && (gone === undefined || (p.a !== gone && p.b !== gone)));
    // The kept contact as the merge left it: its other pairs compare what it now is.
    const contacts = kept ? new Map([...found.value.contacts, [kept.id, kept]]) : found.value.contacts;
    found.value = { ...found.value, pairs, contacts };
    open.value = null;
  }
  const dismiss = (pair: DuplicatePair) =>
    write(async () => {
      await dismissPair(db, pair.a, pair.b);
      without(pair);
      notice.value = t('stores.notDuplicate');
    });
  const merge = (pair: DuplicatePair, keptId: string, choices: MergeChoices) =>
    write(async () => {
      const mergedId = keptId === pair.a ? pair.b : pair.a;
      const kept = await mergePair(db, keptId, mergedId, choices);
      without(pair, mergedId, kept);
      notice.value = t('stores.mergedInto', { name: kept.name });
    });
  return { busy, error, found, progress, open, notice, find, dismiss, merge };
});
