/**
 * Builders for the renderer's view shapes (JobView, InputView, BatchView) so each renderer test states
 * only the fields it is about; everything else gets a plain, valid default.
 */

import type { BatchView, InputView, JobView } from '@shared/contract';
import { emptyLedger } from '@shared/economics';

/** A completed job with id 1; `overrides` win. */
export function makeJob(overrides: Partial<JobView> = {}): JobView {
  const id = overrides.id ?? 1;
  return {
    id,
    batchId: 'b1',
    inputId: 1,
    ordinal: id - 1,
    prompt: 'a cat',
    promptIndex: 0,
    negativePrompt: '',
    negativeIndex: 0,
    seed: 100,
    style: 'GENERAL',
    resolution: 'RESOLUTION_1024_1024',
    resolutionMatched: false,
    imageWeight: 50,
    magicPrompt: 'AUTO',
    palette: null,
    state: 'completed',
    attempts: 1,
    requestId: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    inferenceTimeSec: null,
    errorCode: null,
    errorMessage: null,
    outputPath: null,
    hasOutput: false,
    hasThumbnail: false,
    reusedFromJobId: null,
    flag: 'none',
    stars: 0,
    outputDeletedAt: null,
    ...overrides,
  };
}

/** Jobs with ids 1..n (ordinal = id - 1), each shaped by `shape(i)` for i = 0..n-1. */
export function makeJobs(n: number, shape: (i: number) => Partial<JobView> = () => ({})): JobView[] {
  return Array.from({ length: n }, (_, i) => makeJob({ id: i + 1, ...shape(i) }));
}

/** An input with id 1; `overrides` win. */
export function makeInput(overrides: Partial<InputView> = {}): InputView {
  const id = overrides.id ?? 1;
  return {
    id,
    batchId: 'b1',
    idx: id - 1,
    name: `in${id}`,
    relPath: `in${id}.png`,
    path: `/photos/in${id}.png`,
    width: 1024,
    height: 1024,
    format: 'png',
    errorCode: null,
    errorMessage: null,
    caption: null,
    captionSource: null,
    ...overrides,
  };
}

/** A running batch 'b1'; `overrides` win. */
export function makeBatch(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'b1',
    name: 'Batch',
    state: 'running',
    haltReason: null,
    outputDir: '/out',
    template: '{batch}/{input}__s{seed}.png',
    dedupe: false,
    priority: 0,
    createdAt: 0,
    startedAt: null,
    finishedAt: null,
    total: 0,
    done: 0,
    counts: {
      pending: 0,
      submitting: 0,
      queued: 0,
      processing: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      skipped_duplicate: 0,
    },
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
    ...overrides,
  };
}
