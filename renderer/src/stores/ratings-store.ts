/**
 * The artist's morning, results side (issue 12 §2, §6): rating results, exporting the picks, cleaning
 * up a batch and writing the labelled grids, as store actions over `ratings:*` and `grids:*`. A rating
 * comes back as the changed jobs, which go straight into the batch store (the `jobs:changed` delta that
 * follows carries the same rows), so a key press shows at once in every view.
 */
import type {
  CleanupPlan,
  CleanupResult,
  GridsWritten,
  GridView,
  JobView,
  MethodArgs,
  PicksExport,
} from '@shared/contract';
import { applyRating, type RatingPatch } from '@shared/ratings';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { useBatchStore } from './batch-store';

export interface RatingsState {
  /**
   * Rates results (jobs without one are skipped by main). The batch store shows the patch at once and
   * main's answer when it comes; on failure the jobs are re-read and the error is rethrown.
   */
  rate(jobs: readonly JobView[], patch: RatingPatch): Promise<void>;
  exportPicks(args: MethodArgs<'ratings:exportPicks'>): Promise<PicksExport>;
  planCleanup(args: MethodArgs<'ratings:cleanupPlan'>): Promise<CleanupPlan>;
  cleanUp(args: MethodArgs<'ratings:cleanup'>): Promise<CleanupResult>;
  /** The desktop's folder picker for an export folder; null when cancelled or in web mode. */
  pickFolder(): Promise<string | null>;
  listGrids(batchId: string): Promise<GridView[]>;
  writeGrids(args: MethodArgs<'grids:write'>): Promise<GridsWritten>;
}

export const useRatings = create<RatingsState>(() => ({
  async rate(jobs, patch) {
    if (jobs.length === 0) return;
    const batches = useBatchStore.getState();
    batches.applyChanges({ jobs: jobs.map((j) => ({ ...j, ...applyRating(j, patch) })), batches: [] });
    try {
      const answer = await studio['ratings:set']({ jobIds: jobs.map((j) => j.id), ...patch });
      useBatchStore.getState().applyChanges({ jobs: answer.jobs, batches: [] });
    } catch (error) {
      // The jobs shown rated are not: put main's rows back before saying why.
      void useBatchStore.getState().resnapshot();
      throw error;
    }
  },
  exportPicks: (args) => studio['ratings:exportPicks'](args),
  planCleanup: (args) => studio['ratings:cleanupPlan'](args),
  cleanUp: (args) => studio['ratings:cleanup'](args),
  pickFolder: async () => (await studio['inputs:pickFolder']({ purpose: 'output' })).paths?.[0] ?? null,
  listGrids: (batchId) => studio['grids:list']({ batchId }),
  writeGrids: (args) => studio['grids:write'](args),
}));
