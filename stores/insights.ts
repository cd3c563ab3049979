import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { companiesNamed } from '@/lib/companies';
import { db } from '@/lib/db';
import { loadInsights, recordBands } from '@/lib/insights';
import { periodFor, type PeriodKind } from '@/lib/insights-period';

const DAY = 86_400_000;

/** The dashboard's Insights: the period and filters every figure follows, and the figures. */
export const useInsightsStore = defineStore('insights', () => {
  const kind = shallowRef<PeriodKind>('year');
  /** The custom period's first and last local days (epoch ms of their midnights). */
  const custom = shallowRef<{ from: number; to: number }>({ from: Date.now() - 30 * DAY, to: Date.now() });
  const tag = shallowRef<string | undefined>();
  const companyId = shallowRef<string | undefined>();
  /** What is typed in the company filter, and the companies whose name starts with it. */
  const companyText = shallowRef('');
  const { data: companyOptions } = useLiveQuery(() => companiesNamed(db, companyText.value, 20), [companyText], { keepPrevious: true });
  // Health counts recency in days and the months turn at midnight: an hourly re-read is plenty.
  const clock = useNow({ interval: 3_600_000 });
  const hour = computed(() => Math.floor(clock.value.getTime() / 3_600_000) * 3_600_000);
  const period = computed(() => periodFor(kind.value, hour.value, custom.value));
  const filters = computed(() => ({ tag: tag.value, companyId: companyId.value }));

  const { data: insights, error, loading } = useLiveQuery(
    () => loadInsights(db, { period: period.value, ...filters.value }, Date.now()),
    [period, filters],
    { keepPrevious: true },
  );

  // This month's bands, kept for next month's "since": written only when they changed, outside
  // the live query (which reads the earlier months only).
  let recorded = '';
  watch(insights, (now) => {
    if (!now) return;
    const key = JSON.stringify([filters.value, now.bands]);
    if (key === recorded) return;
    recorded = key;
    recordBands(db, filters.value, now.bands, Date.now()).catch(() => (recorded = ''));
  });

  return { kind, custom, tag, companyId, companyText, companyOptions, period, insights, error, loading };
});
