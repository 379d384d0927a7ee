/**
 * The review checkpoint (issue 10 §4): a batch whose sweep asks for it (`reviewAfterCoverage`) runs its
 * first jobs until every value of every axis has a result — in progressive order the first max(axis
 * size) jobs — and then pauses with a reason, so the artist can look and prune before paying for the
 * rest. Until then no job past that point is sent; once paused the checkpoint is journaled as passed,
 * so resuming (or a restart) goes on. The scheduler asks `holds(job)` before starting a job and
 * `reached(batchId)` after each job settles.
 */
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';

export const REVIEW_PAUSE_CODE = 'review_checkpoint';
export const REVIEW_PAUSE_REASON = 'review checkpoint: every value has a result';

export interface ReviewCheckpoint {
  /** True while `job` must wait for the batch's checkpoint. */
  holds(job: Pick<JobRow, 'batchId' | 'ordinal'>): boolean;
  /** Pauses the batch when its checkpoint is reached; true when it did. */
  reached(batchId: string): boolean;
}

export function createReviewCheckpoint(deps: {
  journal: Journal;
  batchChanged(batchId: string): void;
}): ReviewCheckpoint {
  const { journal } = deps;
  // batch id -> the checkpoint's ordinal, or null when the batch has none (or has passed it).
  const cache = new Map<string, number | null>();
  const checkpointOf = (batchId: string): number | null => {
    if (cache.has(batchId)) return cache.get(batchId)!;
    const batch = journal.batches.get(batchId);
    const asked =
      (batch?.spec as { reviewAfterCoverage?: unknown } | undefined)?.reviewAfterCoverage === true;
    const at = asked && !journal.jobs.reviewPassed(batchId) ? journal.jobs.valueCoverageJobs(batchId) : null;
    cache.set(batchId, at);
    return at;
  };
  return {
    holds: (job) => {
      const at = checkpointOf(job.batchId);
      return at !== null && job.ordinal >= at;
    },
    reached(batchId) {
      const at = checkpointOf(batchId);
      if (at === null) return false;
      if (journal.batches.get(batchId)?.state !== 'running') return false;
      if (journal.jobs.openBefore(batchId, at) > 0 || !journal.jobs.pendingFrom(batchId, at)) return false;
      const paused = journal.transaction(() => {
        if (!journal.batches.pauseWithReason(batchId, REVIEW_PAUSE_REASON, { code: REVIEW_PAUSE_CODE }))
          return false;
        journal.jobs.markReviewPassed(batchId);
        return true;
      });
      if (paused) {
        cache.set(batchId, null);
        deps.batchChanged(batchId);
      }
      return paused;
    },
  };
}
