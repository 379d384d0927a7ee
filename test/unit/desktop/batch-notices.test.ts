/** Taskbar progress, wake lock and end-of-batch notices decided from jobs:changed batches. */

import type { BatchView } from '@shared/contract';
import { emptyLedger } from '@shared/economics';
import { describe, expect, it } from 'vitest';
import { createBatchTracker, endNotice } from '../../../electron/main/batch-notices';

const counts = {
  pending: 0,
  submitting: 0,
  queued: 0,
  processing: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  skipped_duplicate: 0,
};

function batch(id: string, patch: Partial<BatchView>): BatchView {
  return {
    id,
    name: `batch ${id}`,
    state: 'running',
    haltReason: null,
    outputDir: '/out',
    template: '',
    dedupe: true,
    priority: 0,
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
    total: 10,
    done: 0,
    counts: { ...counts },
    etaMs: null,
    jobsPerMinute: 0,
    spec: {},
    variedAxes: [],
    previewJobIds: [],
    backend: 'simulator',
    folder: null,
    ratings: { picks: 0, rejects: 0, starred: 0, deleted: 0 },
    pauseReason: null,
    ledger: emptyLedger(0.1),
    parentBatchId: null,
    parentJobId: null,
    parentName: null,
    ...patch,
  };
}

describe('endNotice', () => {
  it('reports done (reused outputs included) and failed counts in the batch vocabulary, and a halt reason', () => {
    const done = batch('a', {
      state: 'completed',
      counts: { ...counts, completed: 7, skipped_duplicate: 2, failed: 1 },
    });
    expect(endNotice(done)).toEqual({
      batchId: 'a',
      title: 'Sweep finished',
      body: 'batch a: 9 done, 1 failed',
    });
    const halted = batch('b', {
      state: 'halted',
      haltReason: 'credits',
      counts: { ...counts, completed: 3 },
    });
    expect(endNotice(halted)).toMatchObject({ title: 'Sweep halted', body: 'batch b: 3 of 3 done, credits' });
    expect(endNotice(batch('c', { state: 'running' }))).toBeNull();
    expect(endNotice(batch('d', { state: 'paused' }))).toBeNull();
  });
});

describe('createBatchTracker', () => {
  it('computes progress over running batches only, -1 when none runs', () => {
    const tracker = createBatchTracker(0);
    expect(
      tracker.update([batch('a', { total: 10, done: 2 }), batch('b', { total: 30, done: 8 })]),
    ).toMatchObject({
      progress: 0.25,
      running: true,
    });
    expect(tracker.update([batch('b', { state: 'paused', total: 30, done: 8 })]).progress).toBe(0.2);
    expect(
      tracker.update([batch('a', { state: 'completed', total: 10, done: 10, finishedAt: 5 })]),
    ).toMatchObject({
      progress: -1,
      running: false,
    });
  });

  it('announces an ending once, again only after the batch ran again, and never one that ended before the start', () => {
    const tracker = createBatchTracker(1_000);
    const ended = batch('a', { state: 'completed', finishedAt: 2_000 });
    expect(tracker.update([ended]).notices.map((n) => n.batchId)).toEqual(['a']);
    expect(tracker.update([ended]).notices).toEqual([]);
    tracker.update([batch('a', { state: 'running' })]);
    expect(tracker.update([{ ...ended, finishedAt: 3_000 }]).notices).toHaveLength(1);
    expect(tracker.update([batch('old', { state: 'completed', finishedAt: 500 })]).notices).toEqual([]);
  });
});
