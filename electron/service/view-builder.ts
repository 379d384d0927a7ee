/**
 * Builds contract views that need more than one row: a batch view (summary + how many inputs + a few
 * preview thumbnails) and the `jobs:changed` payload from an engine change batch. Input counts never
 * change after creation, so they are cached.
 */
import type { BatchView, JobsChanged } from '../../shared/contract';
import type { Journal } from '../db';
import type { BatchSummary, Engine, EngineChanges } from '../engine/engine';
import { toBatchView, toJobView } from './view-mappers';

export interface ViewBuilder {
  batch(summary: BatchSummary): BatchView;
  batchById(batchId: string): BatchView | null;
  changes(changes: EngineChanges): JobsChanged;
}

const PREVIEW_COUNT = 4;

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
  const batch = (summary: BatchSummary): BatchView => {
    const done = journal.jobs.page(summary.batch.id, {
      state: ['completed', 'skipped_duplicate'],
      limit: PREVIEW_COUNT,
    });
    return toBatchView(summary, {
      inputCount: inputCount(summary.batch.id),
      previewJobIds: done.rows.map((j) => j.id),
    });
  };
  return {
    batch,
    batchById(batchId) {
      const summary = engine().summary(batchId);
      return summary ? batch(summary) : null;
    },
    changes: (changes) => ({ jobs: changes.jobs.map(toJobView), batches: changes.batches.map(batch) }),
  };
}
