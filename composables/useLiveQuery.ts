import { liveQuery, type Subscription } from 'dexie';
import { shallowRef, watch, type Ref, type ShallowRef, type WatchSource } from 'vue';
import { tryOnScopeDispose } from '@vueuse/core';
import { activeLanguage, activeLocale } from '@/lib/i18n';

export interface UseLiveQueryReturn<T> {
  data: ShallowRef<T | undefined>;
  error: Ref<unknown>;
  /** True until the first result for the current deps arrives. */
  loading: Ref<boolean>;
}

export interface UseLiveQueryOptions {
  /** Keep the previous deps' answer until the new one arrives, instead of clearing it at once. */
  keepPrevious?: boolean;
  /**
   * 'sync' starts the query in the same task as the change of deps, before Vue's next flush: the
   * first Dexie call of a task runs at once, a later one waits for a timer (Dexie's zone echoes).
   */
  flush?: 'pre' | 'sync';
}

/**
 * Dexie has no Vue binding: re-run `querier` whenever the tables it read change (in this tab,
 * another Gmail tab or the dashboard), and re-subscribe when `deps` change. A new language asks
 * again too, keeping the answer shown meanwhile: some answers hold words written in the language of
 * the moment (the health score's reasons).
 */
export function useLiveQuery<T>(querier: () => T | Promise<T>, deps: WatchSource[] = [], options: UseLiveQueryOptions = {}): UseLiveQueryReturn<T> {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>();
  const loading = shallowRef(true);
  let subscription: Subscription | undefined;

  /** `relabel`: the same question in another language; what is shown stays, without a loading state. */
  function subscribe(relabel: boolean) {
    subscription?.unsubscribe();
    if (!relabel) {
      // Unless asked to keep it, never show the previous thread's answer while the new one is on its way.
      if (!options.keepPrevious) data.value = undefined;
      loading.value = true;
    }
    subscription = liveQuery(querier).subscribe({
      next: (value) => {
        data.value = value;
        error.value = undefined;
        loading.value = false;
      },
      error: (e: unknown) => {
        error.value = e;
        loading.value = false;
      },
    });
  }

  const stop = watch(deps, () => subscribe(false), { immediate: true, flush: options.flush ?? 'pre' });
  const stopLanguage = watch(() => [activeLanguage(), activeLocale()], () => subscribe(true));

  tryOnScopeDispose(() => {
    stop();
    stopLanguage();
    subscription?.unsubscribe();
  });
  return { data, error, loading };
}
