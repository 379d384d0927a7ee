/**
 * Where the artist is: the current view and what it is looking at. Every view reads and changes
 * navigation through this one small store, so "open in grid", "compare these" and "reuse parameters"
 * work from anywhere.
 */
import type { ViewName } from '@shared/contract';
import { create } from 'zustand';

export type { ViewName };

export interface NavState {
  view: ViewName;
  /** The batch the grid, matrix and compare views show. */
  batchId: string | null;
  /** Jobs (and optionally the source input) to compare, 2-4 items. */
  compare: { jobIds: number[]; includeInputId: number | null };
  /** A sweep spec to load into the composer (duplicate / reuse parameters). */
  composerSeed: Record<string, unknown> | null;
  go(view: ViewName): void;
  openBatch(batchId: string, view?: ViewName): void;
  openCompare(jobIds: number[], includeInputId?: number | null): void;
  loadIntoComposer(spec: Record<string, unknown>): void;
  consumeComposerSeed(): Record<string, unknown> | null;
}

export const useNav = create<NavState>((set, get) => ({
  view: 'composer',
  batchId: null,
  compare: { jobIds: [], includeInputId: null },
  composerSeed: null,
  go: (view) => set({ view }),
  openBatch: (batchId, view = 'grid') => set({ batchId, view }),
  openCompare: (jobIds, includeInputId = null) =>
    set({ view: 'compare', compare: { jobIds: jobIds.slice(0, 4), includeInputId } }),
  loadIntoComposer: (spec) => set({ view: 'composer', composerSeed: spec }),
  consumeComposerSeed: () => {
    const seed = get().composerSeed;
    if (seed) set({ composerSeed: null });
    return seed;
  },
}));
