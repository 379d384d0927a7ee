/**
 * The grid's own view state — filters, keyboard cursor, compare picks, the open detail — kept outside
 * the components so it survives switching to the matrix or compare and back. Reset when the batch changes.
 * The cursor is a position in the filtered list (a global index, see grid-layout.ts) plus the id of the
 * job there when it is known; a filter change puts it back to the start.
 */
import { create } from 'zustand';
import { EMPTY_FILTER, type GridFilter } from './grid-model';

/** Compare takes 2-4 images, the source input included. */
export const MAX_PICKS = 4;

export interface GridUiState {
  batchId: string | null;
  filter: GridFilter;
  /** Position of the keyboard cursor in the filtered list. */
  cursorIndex: number | null;
  /** The job under the cursor (null while its page is still loading). */
  cursorId: number | null;
  /** Job ids picked for compare, in pick order. */
  picked: number[];
  detailJobId: number | null;
  setFilter(patch: Partial<GridFilter>): void;
  resetFilter(): void;
  setCursor(index: number | null, id: number | null): void;
  togglePick(id: number): void;
  /** Picks a range (shift-click): the ids given, capped at MAX_PICKS. */
  setPicked(ids: number[]): void;
  openDetail(id: number | null): void;
  /** Clears everything when another batch is opened. */
  forBatch(batchId: string | null): void;
}

export const useGridUi = create<GridUiState>((set, get) => ({
  batchId: null,
  filter: EMPTY_FILTER,
  cursorIndex: null,
  cursorId: null,
  picked: [],
  detailJobId: null,
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch }, cursorIndex: null, cursorId: null }),
  resetFilter: () =>
    set({
      filter: { ...EMPTY_FILTER, groupByInput: get().filter.groupByInput },
      cursorIndex: null,
      cursorId: null,
    }),
  setCursor: (cursorIndex, cursorId) => set({ cursorIndex, cursorId }),
  togglePick: (id) => {
    const picked = get().picked;
    if (picked.includes(id)) set({ picked: picked.filter((p) => p !== id) });
    // Picking a fifth drops the oldest pick, so the newest choice always counts.
    else set({ picked: [...picked, id].slice(-MAX_PICKS) });
  },
  setPicked: (ids) => set({ picked: ids.slice(0, MAX_PICKS) }),
  openDetail: (detailJobId) => set({ detailJobId }),
  forBatch: (batchId) => {
    if (batchId === get().batchId) return;
    set({
      batchId,
      filter: EMPTY_FILTER,
      cursorIndex: null,
      cursorId: null,
      picked: [],
      detailJobId: null,
    });
  },
}));
