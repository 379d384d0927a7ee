/**
 * Journal rows and engine summaries -> the contract's view shapes. The only place that knows both, so
 * the renderer never sees a database type and a schema change touches one file.
 */
import type {
  BatchView,
  GridView,
  InputView,
  JobEventView,
  JobView,
  RatingCountsView,
} from '@shared/contract';
import { variedAxes } from '@shared/sweep';
import type { GridRow } from '../db/grids-repo';
import type { InputRow } from '../db/inputs-repo';
import type { JobEventRow } from '../db/job-events-repo';
import type { JobRow } from '../db/job-types';
import type { BatchSummary } from '../engine/engine';

export function toJobView(job: JobRow): JobView {
  return {
    id: job.id,
    batchId: job.batchId,
    inputId: job.inputId,
    ordinal: job.ordinal,
    prompt: job.prompt,
    promptIndex: job.promptIndex,
    negativePrompt: job.negativePrompt,
    negativeIndex: job.negativeIndex,
    seed: job.seed,
    style: job.style,
    resolution: job.resolution,
    resolutionMatched: job.resolutionMatched,
    imageWeight: job.imageWeight,
    magicPrompt: job.magicPrompt,
    palette: job.palette,
    state: job.state,
    attempts: job.attempts,
    requestId: job.requestId,
    submittedAt: job.submittedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    inferenceTimeSec: job.inferenceTimeSec,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    outputPath: job.outputPath,
    hasOutput: job.outputPath !== null && job.outputDeletedAt === null,
    hasThumbnail: job.thumbnailPath !== null && job.outputDeletedAt === null,
    reusedFromJobId: job.reusedFromJobId,
    flag: job.flag,
    stars: job.stars,
    outputDeletedAt: job.outputDeletedAt,
  };
}

export function toInputView(input: InputRow): InputView {
  return {
    id: input.id,
    batchId: input.batchId,
    idx: input.idx,
    name: input.name,
    relPath: input.relPath,
    path: input.path,
    width: input.width,
    height: input.height,
    format: input.format,
    errorCode: input.errorCode,
    errorMessage: input.errorMessage,
    caption: input.caption,
    captionSource: input.captionSource,
  };
}

export function toGridView(grid: GridRow, inputName: string): GridView {
  return {
    id: grid.id,
    batchId: grid.batchId,
    inputId: grid.inputId,
    inputName,
    xAxis: grid.xAxis as GridView['xAxis'],
    yAxis: grid.yAxis as GridView['yAxis'],
    path: grid.path,
    width: grid.width,
    height: grid.height,
    createdAt: grid.createdAt,
    media: { kind: 'grid', id: grid.id },
  };
}

export function toJobEventView(event: JobEventRow): JobEventView {
  return {
    at: event.at,
    kind: event.kind,
    fromState: event.fromState,
    toState: event.toState,
    detail: event.detail,
  };
}

export function toBatchView(
  summary: BatchSummary,
  extra: {
    inputCount: number;
    previewJobIds: number[];
    ratings: RatingCountsView;
    parentName: string | null;
  },
): BatchView {
  const b = summary.batch;
  return {
    id: b.id,
    name: b.name,
    state: b.state,
    haltReason: b.haltReason,
    outputDir: b.outputDir,
    template: b.template,
    dedupe: b.dedupe,
    priority: b.priority,
    createdAt: b.createdAt,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    total: summary.total,
    done: summary.done,
    counts: summary.counts,
    etaMs: summary.etaMs,
    jobsPerMinute: summary.jobsPerMinute,
    spec: b.spec,
    variedAxes: variedAxes(b.spec, extra.inputCount),
    previewJobIds: extra.previewJobIds,
    backend: b.backend,
    folder: b.folder,
    ratings: extra.ratings,
    pauseReason: b.state === 'paused' ? b.pauseReason : null,
    ledger: summary.ledger,
    parentBatchId: b.parentBatchId,
    parentJobId: b.parentJobId,
    parentName: extra.parentName,
  };
}
