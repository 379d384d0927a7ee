/**
 * Prune and its undo (issue 10 §4): "skip the rest of style ANIME / of this prompt / of this input".
 * Pending jobs with the value are cancelled and marked pruned in one transaction, so the scheduler never
 * picks them again; jobs already submitted finish and are kept (they are being paid for). Undo puts the
 * pruned ones back to pending and re-opens the batch if pruning had finished it. The ledger counts
 * pruned jobs and the dollars not spent (ledger-repo `countPruned`).
 */
import type { PruneTarget } from '@shared/sweep';
import type { Journal } from '../db';

export interface PrunerDeps {
  journal: Journal;
  /** A job's row changed (the grid hears of it). */
  jobChanged(jobId: number, batchId: string): void;
  /** Pruning may have left nothing to run: the scheduler settles the batch. */
  settle(batchId: string): void;
  /** Jobs are pending again: the batch runs again if pruning had completed it. */
  reopen(batchId: string): void;
}

export interface BatchPruner {
  /** Cancels the pending jobs of `target`; returns how many. */
  prune(batchId: string, target: PruneTarget, label?: string): number;
  /** Queues the jobs a prune of `target` cancelled again; returns how many. */
  unprune(batchId: string, target: PruneTarget): number;
}

export function createBatchPruner(deps: PrunerDeps): BatchPruner {
  return {
    prune(batchId, target, label) {
      const ids = deps.journal.jobs.prunePending(batchId, target, { label });
      for (const id of ids) deps.jobChanged(id, batchId);
      deps.settle(batchId);
      return ids.length;
    },
    unprune(batchId, target) {
      const ids = deps.journal.jobs.unprune(batchId, target);
      for (const id of ids) deps.jobChanged(id, batchId);
      if (ids.length > 0) deps.reopen(batchId);
      return ids.length;
    },
  };
}
