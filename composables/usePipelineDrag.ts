import { onBeforeUnmount, onMounted, shallowRef, type ShallowRef } from 'vue';
import { draggable, dropTargetForElements, monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { DealStage } from '@/lib/schema';

/**
 * Dragging deal cards between the pipeline's stages, with Atlassian's pragmatic-drag-and-drop
 * (the browser's own drag and drop events, small and framework-free; the keyboard has its own path).
 */

const DEAL = 'sidecarDealId';
const STAGE = 'sidecarStage';

/** Runs `setup` once the element is in the page; its cleanup when the component goes. */
function whileMounted(setup: () => () => void) {
  let stop: (() => void) | undefined;
  onMounted(() => (stop = setup()));
  onBeforeUnmount(() => stop?.());
}

/** A card that can be dragged; `dragging` is true meanwhile. */
export function useDealDraggable(element: ShallowRef<HTMLElement | undefined>, dealId: () => string) {
  const dragging = shallowRef(false);
  whileMounted(() =>
    draggable({
      element: element.value!,
      getInitialData: () => ({ [DEAL]: dealId() }),
      onDragStart: () => (dragging.value = true),
      onDrop: () => (dragging.value = false),
    }),
  );
  return dragging;
}

/** A place to drop cards for `stage`; `over` is true while one hovers it. */
export function useStageDropTarget(element: ShallowRef<HTMLElement | undefined>, stage: () => DealStage) {
  const over = shallowRef(false);
  whileMounted(() =>
    dropTargetForElements({
      element: element.value!,
      canDrop: ({ source }) => typeof source.data[DEAL] === 'string',
      getData: () => ({ [STAGE]: stage() }),
      onDragEnter: () => (over.value = true),
      onDragLeave: () => (over.value = false),
      onDrop: () => (over.value = false),
    }),
  );
  return over;
}

/** Calls `dropped` with the deal and the stage each time a card lands on a stage. */
export function useDealDrops(dropped: (dealId: string, stage: DealStage) => void) {
  whileMounted(() =>
    monitorForElements({
      onDrop: ({ source, location }) => {
        const dealId = source.data[DEAL];
        const stage = location.current.dropTargets[0]?.data[STAGE];
        if (typeof dealId === 'string' && typeof stage === 'string') dropped(dealId, stage as DealStage);
      },
    }),
  );
}
