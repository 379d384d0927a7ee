/**
 * A batch started from another one ("Sweep around this…", a re-run from a PNG) records its parent
 * batch and job; both must exist, and the job must be the parent's own, or the lineage would lie.
 */
import type { FieldIssue } from '@shared/catalogue';
import type { Journal } from '../db';

/** Issues with the parent a request names (none when it names none). */
export function parentIssues(
  journal: Journal,
  request: { parentBatchId?: string; parentJobId?: number },
): FieldIssue[] {
  const { parentBatchId, parentJobId } = request;
  if (parentBatchId === undefined) {
    return parentJobId === undefined
      ? []
      : [{ field: 'parentJobId', message: 'a parent job needs its parentBatchId' }];
  }
  if (!journal.batches.get(parentBatchId))
    return [{ field: 'parentBatchId', message: `no batch ${parentBatchId}` }];
  if (parentJobId !== undefined && journal.jobs.get(parentJobId)?.batchId !== parentBatchId) {
    return [{ field: 'parentJobId', message: `batch ${parentBatchId} has no job ${parentJobId}` }];
  }
  return [];
}
