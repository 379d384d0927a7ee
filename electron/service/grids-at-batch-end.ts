/**
 * Labelled grids when a batch completes (issue 12 §6, setting `gridAtBatchEnd`, default on): follows
 * the `jobs:changed` batches and, once per completion (timed as @shared/notices times end notices, so a
 * rating on a finished batch never writes them again), writes one grid per input over the batch's
 * default axes (seed x style when it varies them). Writes run one at a time, after the event; a failure
 * is logged, never thrown at the sweep.
 */
import type { BatchView } from '@shared/contract';
import { createEndAnnouncer } from '@shared/notices';
import { defaultGridAxes } from '@shared/sweep';
import type { Journal } from '../db';
import { writeBatchGrids } from '../engine/batch-grids';
import { type Log, silentLog } from '../log/logger';
import type { Settings } from './settings';

export interface GridsAtBatchEnd {
  /** Folds in the batches of one `jobs:changed` event. */
  update(batches: readonly BatchView[]): void;
  /** Resolves when every grid write started so far has finished. */
  idle(): Promise<void>;
}

export function createGridsAtBatchEnd(deps: {
  journal: Journal;
  settings: Settings;
  log?: Log;
  /** Batches that completed before this are left alone. Default: now. */
  sinceMs?: number;
}): GridsAtBatchEnd {
  const log = (deps.log ?? silentLog).child({ module: 'grids-at-batch-end' });
  const announcer = createEndAnnouncer(deps.sinceMs ?? Date.now());
  let queue: Promise<void> = Promise.resolve();

  const write = async (batch: BatchView): Promise<void> => {
    const axes = batch.variedAxes.filter((a) => a !== 'input');
    // One value on every axis: each input has one result and a grid would show nothing new.
    if (axes.length === 0) return;
    const { x, y } = defaultGridAxes(batch.variedAxes);
    try {
      const written = await writeBatchGrids(deps.journal, { batchId: batch.id, xAxis: x, yAxis: y });
      if (written && written.problems.length > 0)
        log.warn({ batchId: batch.id, problems: written.problems }, 'some grids were not written');
      else if (written) log.info({ batchId: batch.id, grids: written.grids.length }, 'grids written');
    } catch (error) {
      log.error({ err: error, batchId: batch.id }, 'could not write the grids of a completed batch');
    }
  };

  return {
    update(batches) {
      const due = announcer.update(batches);
      if (due.length === 0 || !deps.settings.get().gridAtBatchEnd) return;
      for (const notice of due) {
        const batch = batches.find((b) => b.id === notice.batchId);
        if (batch?.state === 'completed') queue = queue.then(() => write(batch));
      }
    },
    idle: () => queue,
  };
}
