import { defineStore } from 'pinia';
import { computed, reactive, shallowRef } from 'vue';
import { useNow } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { attempt } from '@/lib/errors';
import { changeStage } from '@/lib/deals';
import { undoStageChange } from '@/lib/deals-undo';
import { pipelineBoard, type PipelineFilters } from '@/lib/pipeline';
import type { Deal, DealStage } from '@/lib/schema';

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
  const { data: board, error: loadError } = useLiveQuery(
    () => pipelineBoard(db, hour.value, { ...filters }),
    [hour, () => filters.companyId, () => filters.tag, () => filters.closeWithin],
    { keepPrevious: true },
  );

  const saving = shallowRef(false);
  const error = shallowRef<string | null>(null);
  const lastMove = shallowRef<LastMove | null>(null);

  async function write(change: () => Promise<unknown>): Promise<boolean> {
    saving.value = true;
    error.value = await attempt(change);
    saving.value = false;
    return error.value === null;
  }

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

  return { filters, board, loadError, saving, error, lastMove, move, undo, dismissUndo: () => (lastMove.value = null) };
});
