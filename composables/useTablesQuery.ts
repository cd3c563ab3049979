import Dexie, { type ObservabilitySet } from 'dexie';
import { shallowRef, watch, type WatchSource } from 'vue';
import { tryOnScopeDispose } from '@vueuse/core';
import { activeLanguage, activeLocale } from '@/lib/i18n';
import type { UseLiveQueryReturn } from './useLiveQuery';

export interface UseTablesQueryOptions {
  /** Keep the previous deps' answer until the new one arrives, instead of clearing it at once. */
  keepPrevious?: boolean;
}

/**
 * `querier`'s answer, asked again at once when `deps` change, when the language changes, and when
 * any of `tables` is written (in this page or another of the extension's: Dexie broadcasts every
 * commit). For queries asked on every keystroke: a live query waits a timer before its first
 * read, which after a frame means after the whole frame is drawn (bench: keystroke), and tracks
 * reads through every await, which deep helpers can lose. Each run is handed a signal that is
 * aborted when a newer run starts, and which of `tables` were written since the run before it;
 * only the newest run's answer or error is kept.
 */
export function useTablesQuery<T>(
  db: Dexie,
  tables: readonly string[],
  querier: (signal: AbortSignal, written: ReadonlySet<string>) => Promise<T>,
  deps: WatchSource[],
  options: UseTablesQueryOptions = {},
): UseLiveQueryReturn<T> {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>();
  const loading = shallowRef(true);
  let running: AbortController | undefined;
  let written = new Set<string>();

  /** `fresh`: a new question, not the same one asked again after a write or in another language. */
  function run(fresh: boolean) {
    running?.abort();
    const controller = (running = new AbortController());
    if (fresh) {
      // Unless asked to keep it, never show the previous question's answer while the new one is on its way.
      if (!options.keepPrevious) data.value = undefined;
      loading.value = true;
    }
    const since = written;
    written = new Set();
    querier(controller.signal, since).then(
      (value) => {
        if (controller.signal.aborted) return;
        data.value = value;
        error.value = undefined;
        loading.value = false;
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        error.value = e;
        loading.value = false;
      },
    );
  }

  const parts = tables.map((table) => [table, `idb://${db.name}/${table}/`] as const);
  const onWrite = (changed: ObservabilitySet) => {
    const keys = Object.keys(changed);
    // 'all': Dexie's word for "anything may have changed" (a page restored from the back-forward cache).
    const touched = parts.filter(([, part]) => keys.some((key) => key === 'all' || key.startsWith(part)));
    if (!touched.length) return;
    for (const [table] of touched) written.add(table);
    run(false);
  };
  // Listening before the first read: no write can fall between that read and the listening.
  Dexie.on('storagemutated', onWrite);
  const stop = watch(deps, () => run(true), { immediate: true });
  const stopLanguage = watch(() => [activeLanguage(), activeLocale()], () => run(false));

  tryOnScopeDispose(() => {
    stop();
    stopLanguage();
    Dexie.on('storagemutated').unsubscribe(onWrite);
    running?.abort();
  });
  return { data, error, loading };
}
