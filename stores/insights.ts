import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { companiesNamed } from '@/lib/companies';
import { db } from '@/lib/db';
import { countBands } from '@/lib/insights-cx';
import { atRiskDetails, loadBookHealth, loadFigures, recordBands, savedHealth, type Insights, type InsightsFilters } from '@/lib/insights';
import { monthKeyOf, periodFor, type PeriodKind } from '@/lib/insights-period';

const DAY = 86_400_000;
const sameFilters = (a: InsightsFilters, b: InsightsFilters) => a.tag === b.tag && a.companyId === b.companyId;

/** The dashboard's Insights: the period and filters every figure follows, and the figures. */
export const useInsightsStore = defineStore('insights', () => {
  const kind = shallowRef<PeriodKind>('year');
  /** The custom period's first and last local days (epoch ms of their midnights). */
  const custom = shallowRef<{ from: number; to: number }>({ from: Date.now() - 30 * DAY, to: Date.now() });
  const tag = shallowRef<string | undefined>();
  const companyId = shallowRef<string | undefined>();
  /** What is typed in the company filter, and the companies whose name starts with it. */
  const companyText = shallowRef('');
  const { data: companyOptions } = useLiveQuery(() => companiesNamed(db, companyText.value, 20), [companyText]);
  // Only a whole name filters, matched once the companies for that text are read (typed or pasted).
  watch(companyOptions, (options) => {
    if (!options) return;
    const text = companyText.value.trim().toLowerCase();
    companyId.value = text ? options.find((c) => c.name.toLowerCase() === text)?.id : undefined;
  });
  const companyUnknown = computed(() => companyText.value.trim() !== '' && companyOptions.value !== undefined && !companyId.value);
  /** The view is shown: a count of the whole book is not worth running for a view nobody sees. */
  const active = shallowRef(false);
  // Health counts recency in days and the months turn at midnight: an hourly re-read is plenty.
  const clock = useNow({ interval: 3_600_000 });
  const hour = computed(() => Math.floor(clock.value.getTime() / 3_600_000) * 3_600_000);
  const period = computed(() => periodFor(kind.value, hour.value, custom.value));
  const filters = computed<InsightsFilters>(() => ({ ...(tag.value ? { tag: tag.value } : {}), ...(companyId.value ? { companyId: companyId.value } : {}) }));

  const { data: figures, error, loading } = useLiveQuery(() => (active.value ? loadFigures(db, { period: period.value, ...filters.value }) : undefined), [period, filters, active], {
    keepPrevious: true,
  });
  // The book's health: the count kept from last time at once, a fresh count when it is done.
  const { data: saved, error: savedError } = useLiveQuery(() => savedHealth(db, filters.value, hour.value), [filters, hour]);
  // Counting reads every contact's last contact, a long task of the page's own: it starts once
  // the figures are in and the page is idle, so that they and their charts are drawn first.
  const idle = shallowRef(false);
  watch(figures, (f) => {
    if (!f || idle.value) return;
    const start = () => (idle.value = true);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 1000 });
    else setTimeout(start, 0);
  });
  const { data: fresh, error: countError } = useLiveQuery(() => (idle.value && active.value ? loadBookHealth(db, filters.value, Date.now()) : undefined), [filters, hour, idle, active]);
  const health = computed(() => {
    if (fresh.value && sameFilters(fresh.value.filters, filters.value)) return { ...fresh.value, pending: false };
    const kept = saved.value?.current;
    return kept ? { at: kept.at, bands: { counts: kept.counts, total: kept.total }, atRisk: kept.atRisk ?? { count: 0, ids: [] }, pending: true } : undefined;
  });
  const atRiskIds = computed(() => health.value?.atRisk.ids.join(',') ?? '');
  const { data: atRiskRead, error: detailsError } = useLiveQuery(
    async () => ({ ids: atRiskIds.value, rows: await atRiskDetails(db, atRiskIds.value ? atRiskIds.value.split(',') : [], Date.now()) }),
    [atRiskIds],
    { keepPrevious: true },
  );
  // The people of another count (the filters changed) are not listed under this one.
  const atRiskShown = computed(() => (atRiskRead.value?.ids === atRiskIds.value ? atRiskRead.value.rows : []));
  const healthError = computed(() => countError.value ?? savedError.value ?? detailsError.value);

  // A fresh count is kept when it differs from the one kept: written outside the live queries,
  // which read only bandHistory's rows (savedHealth) or none.
  let recorded = '';
  watch(fresh, (now) => {
    if (!now) return;
    const key = JSON.stringify([monthKeyOf(now.at), now.filters, now.bands, now.atRisk]);
    const kept = saved.value?.current;
    if (key === recorded || (kept && JSON.stringify([kept.month, now.filters, { counts: kept.counts, total: kept.total }, kept.atRisk]) === key)) return;
    recorded = key;
    // Worth a retry with the next count, not a message: the figures themselves are shown.
    recordBands(db, now).catch(() => (recorded = ''));
  });

  const insights = computed<Insights | undefined>(() => {
    const f = figures.value;
    if (!f) return undefined;
    const h = health.value;
    return {
      ...f,
      bands: h?.bands ?? countBands([]),
      ...(saved.value?.before ? { bandsBefore: saved.value.before } : {}),
      atRisk: { count: h?.atRisk.count ?? 0, shown: atRiskShown.value ?? [] },
      ...(h ? { healthAt: h.at } : {}),
      healthPending: !h || h.pending,
      ...(healthError.value ? { healthError: healthError.value instanceof Error ? healthError.value.message : String(healthError.value) } : {}),
      stale: !sameFilters(f.filters, filters.value) || f.period.start !== period.value.start || f.period.end !== period.value.end,
    };
  });

  return { kind, custom, tag, companyId, companyText, companyOptions, companyUnknown, active, period, filters, insights, error, loading };
});
