import { defineStore } from 'pinia';
import { computed, reactive, shallowRef } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { useWrite } from '@/composables/useWrite';
import { db } from '@/lib/db';
import { changeStage } from '@/lib/deals';
import { undoStageChange } from '@/lib/deals-undo';
import { OPEN_STAGES, type OpenStage } from '@/lib/deals';
import { pipelineBoard, pipelineFilterOptions, type PipelineFilters } from '@/lib/pipeline';
import type { Deal, DealStage } from '@/lib/schema';
import { useSettingsStore } from './settings';

/** Cards a column shows at first, and how many more each "show more" adds. */
export const PAGE = 20;

/** The last move, while it can still be taken back. */
export interface LastMove {
  before: Deal;
  after: Deal;
  movedAt: number;
}

/** The dashboard's pipeline board: its filters, and moving deals between stages with an undo. */
export const usePipelineStore = defineStore('pipeline', () => {
  const filters = reactive<PipelineFilters>({});
  // Days in stage and a passed close date change by the day: an hourly re-read is plenty.
  const clock = useNow({ interval: 3_600_000 });
  const hour = computed(() => Math.floor(clock.value.getTime() / 3_600_000) * 3_600_000);
  // Thousands of open deals must not make the board slow: the soonest to close first, more on request.
  const shown = reactive(Object.fromEntries(OPEN_STAGES.map((s) => [s, PAGE])) as Record<OpenStage, number>);
  /** Stays on the board wherever it sorts, while the keyboard works with it. */
  const kept = shallowRef<string | null>(null);
  const settings = useSettingsStore();
  const probabilities = () => settings.settings?.stageProbabilities;
  const { data: board, error: loadError } = useLiveQuery(
    () => pipelineBoard(db, hour.value, { ...filters }, { shown: { ...shown }, keep: kept.value }, probabilities()),
    [hour, () => ({ ...filters }), () => ({ ...shown }), kept, probabilities],
    { keepPrevious: true },
  );
  // Once the board is there: the companies of thousands of open deals are not worth its delay.
  const { data: options } = useLiveQuery(() => (board.value ? pipelineFilterOptions(db) : null), [() => board.value !== undefined]);
  const showMore = (stage: OpenStage) => (shown[stage] += PAGE);

  const { saving, error, write } = useWrite();
  const lastMove = shallowRef<LastMove | null>(null);

  /** The same stage change as the sidebar's, written to the contact's history. */
  const move = (deal: Deal, stage: DealStage, lostReason?: string) =>
    write(async () => {
      if (deal.stage === stage) return;
      const movedAt = Date.now();
      const after = await changeStage(db, deal.id, stage, lostReason, movedAt);
      lastMove.value = { before: deal, after, movedAt };
    });

  const undo = () =>
    write(async () => {
      const last = lastMove.value;
      if (!last) return;
      lastMove.value = null;
      await undoStageChange(db, last.before, last.after, last.movedAt);
    });

  return { filters, board, options, loadError, saving, error, lastMove, kept, move, undo, showMore };
});
