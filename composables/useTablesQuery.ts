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
 * reads through every await, which deep helpers can lose. A change of deps or language stops the
 * run under way (its signal is aborted) for a new one; writes during a run are asked about once it
 * has answered. Each run is told which of `tables` were written since the last answer.
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
  let running: { controller: AbortController; written: ReadonlySet<string> } | undefined;
  let written = new Set<string>();
  /** A write came while a run was reading: it is asked again once that run has answered. */
  let dirty = false;

  /** `fresh`: a new question, not the same one asked again after a write or in another language. */
  function run(fresh: boolean) {
    if (running) {
      running.controller.abort();
      // What the stopped run was told of is still news to the next one.
      for (const table of running.written) written.add(table);
    }
    dirty = false;
    const controller = new AbortController();
    const since = written;
    written = new Set();
    running = { controller, written: since };
    if (fresh) {
      // Unless asked to keep it, never show the previous question's answer while the new one is on its way.
      if (!options.keepPrevious) data.value = undefined;
      loading.value = true;
    }
    const settle = (apply: () => void) => {
      if (controller.signal.aborted) return;
      running = undefined;
      apply();
      loading.value = false;
      if (dirty) run(false);
    };
    let answer: Promise<T>;
    try {
      answer = querier(controller.signal, since);
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (value) =>
        settle(() => {
          data.value = value;
          error.value = undefined;
        }),
      (e: unknown) => settle(() => (error.value = e)),
    );
  }

  const parts = tables.map((table) => [table, `idb://${db.name}/${table}/`] as const);
  const onWrite = (changed: ObservabilitySet) => {
    const keys = Object.keys(changed);
    // 'all': Dexie's word for "anything may have changed" (a page restored from the back-forward cache).
    const touched = parts.filter(([, part]) => keys.some((key) => key === 'all' || key.startsWith(part)));
    if (!touched.length) return;
    for (const [table] of touched) written.add(table);
    // Writes in a burst (an import, another tab logging) ask once per answer, not once per write.
    if (running) dirty = true;
    else run(false);
  };
  // Listening before the first read: no write can fall between that read and the listening.
  Dexie.on('storagemutated', onWrite);
  const stop = watch(deps, () => run(true), { immediate: true });
  const stopLanguage = watch(() => [activeLanguage(), activeLocale()], () => run(false));

  tryOnScopeDispose(() => {
    stop();
    stopLanguage();
    Dexie.on('storagemutated').unsubscribe(onWrite);
    running?.controller.abort();
  });
  return { data, error, loading };
}
