/**
 * Builds contract views that need more than one row: a batch view (summary + how many inputs + a few
 * preview thumbnails) and the `jobs:changed` payload from an engine change batch. Input counts never
 * change after creation, so they are cached.
 */
import type { BatchView, JobsChanged } from '@shared/contract';
import type { Journal } from '../db';
import type { BatchSummary, Engine, EngineChanges } from '../engine/engine';
import { toBatchView, toJobView } from './view-mappers';

export interface ViewBuilder {
  batch(summary: BatchSummary): BatchView;
  batchById(batchId: string): BatchView | null;
  changes(changes: EngineChanges): JobsChanged;
}

const PREVIEW_COUNT = 4;
const DONE = ['completed', 'skipped_duplicate'] as const;

export function createViewBuilder(journal: Journal, engine: () => Engine): ViewBuilder {
  const inputCounts = new Map<string, number>();
  const inputCount = (batchId: string): number => {
    let n = inputCounts.get(batchId);
    if (n === undefined) {
      n = journal.inputs.listByBatch(batchId).length;
      inputCounts.set(batchId, n);
    }
    return n;
  };
  // History cards show the artist's picks first, then one result per input where possible (four seeds
  // of the same photo say less); never a result whose file a clean-up deleted.
  const previewJobIds = (batchId: string): number[] => {
    const ids = journal.jobs
      .page(batchId, { rating: 'pick', limit: PREVIEW_COUNT * 2 })
      .rows.filter((j) => j.outputDeletedAt === null)
      .map((j) => j.id)
      .slice(0, PREVIEW_COUNT);
    for (const input of journal.inputs.listByBatch(batchId).slice(0, PREVIEW_COUNT)) {
      if (ids.length >= PREVIEW_COUNT) break;
      const [first] = journal.jobs.page(batchId, { state: DONE, inputId: input.id, limit: 1 }).rows;
      if (first && first.outputDeletedAt === null && !ids.includes(first.id)) ids.push(first.id);
    }
    if (ids.length < PREVIEW_COUNT) {
      for (const job of journal.jobs.page(batchId, { state: DONE, limit: PREVIEW_COUNT * 2 }).rows) {
        if (ids.length < PREVIEW_COUNT && !ids.includes(job.id) && job.outputDeletedAt === null)
          ids.push(job.id);
      }
    }
    return ids;
  };
  // A parent's name can change only by deleting it (then the link is cleared), so one read is enough.
  const parentName = (parentId: string | null): string | null =>
    parentId === null ? null : (journal.batches.get(parentId)?.name ?? null);
  const batch = (summary: BatchSummary): BatchView =>
    toBatchView(summary, {
      inputCount: inputCount(summary.batch.id),
      previewJobIds: previewJobIds(summary.batch.id),
      ratings: journal.jobs.ratingCounts(summary.batch.id),
      parentName: parentName(summary.batch.parentBatchId),
    });
  return {
    batch,
    batchById(batchId) {
      const summary = engine().summary(batchId);
      return summary ? batch(summary) : null;
    },
    changes: (changes) => ({ jobs: changes.jobs.map(toJobView), batches: changes.batches.map(batch) }),
  };
}
