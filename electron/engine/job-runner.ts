/**
 * Runs one job from pending to a terminal state (or back to pending when the engine stops it):
 * dedupe -> intent recorded -> submit -> request id committed -> poll -> output written and verified
 * -> completed. Every write that matters happens before the side effect it records. Failures are
 * classified by shared/scheduling's error policy; the runner only carries out the verdict.
 */
import {
  classifyFailure,
  type FailureAction,
  type HaltReason,
  INPUT_ERROR_CODE,
  isOutputFolderProblem,
  OUTPUT_ERROR_CODE,
} from '@shared/scheduling';
import { toIdeogramParams } from '@shared/sweep';
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';
import { OutputWriteError } from '../images/write-output';
import type { Log } from '../log/logger';
import {
  type GeneratedImage,
  isSegmindError,
  type SegmindClient,
  SegmindError,
  type SubmitReceipt,
} from '../segmind';
import { sleep } from './abortable-sleep';
import { InputFileError } from './input-files';
import type { JobLedger } from './job-ledger';
import type { OutputPlanner } from './output-planner';

export interface RunnerDeps {
  journal: Journal;
  client: SegmindClient;
  outputs: OutputPlanner;
  /** The API `image_file` value for an input (base64 of the prepared upload). */
  imageFileFor(inputId: number): Promise<string>;
  changed(job: Pick<JobRow, 'id' | 'batchId'>): void;
  /** A submit was accepted: the AIMD controller may grow. */
  onAccepted(): void;
  /** Segmind reported the job COMPLETED: it no longer holds one of the account's concurrent slots. */
  onServerDone?(jobId: number): void;
  onRateLimited(retryAfterMs: number | undefined): void;
  onHalt(reason: HaltReason, message: string): void;
  /** The output folder cannot be written (disk full, read-only): the batch stops ('halted', with the reason). */
  onOutputBlocked(batchId: string, message: string): void;
  /** Whether submitting is currently allowed (not halted, not offline, batch still running). */
  maySubmit(batchId: string): boolean;
  /** The engine is offline (connectivity): a network failure then parks the job instead of failing it. */
  isOffline(): boolean;
  /** Engine rounds for transient errors before a job fails. Default 3. */
  maxRounds?: number;
  /** First engine retry delay (doubles per round). Default 2000 ms. */
  baseDelayMs?: number;
  /** Where the runner notes what it recovers from on its own (a dedupe copy that failed). */
  log: Log;
  /** The money ledger: accepted, billed (COMPLETED), not billed (FAILED), ambiguous. */
  ledger: JobLedger;
  /** A stored status/result URL as it must be read now (see EngineOptions.rebaseUrl). Default: unchanged. */
  rebaseUrl?: (url: string) => string;
}

export type RunEnd = 'completed' | 'failed' | 'cancelled' | 'requeued' | 'parked';

/**
 * Runs `job`. `signal` aborts polling and sleeping (pause-cancel-shutdown); an abort never loses a
 * request id. Resolves with how the job ended for the scheduler's bookkeeping; never rejects for an
 * API or file error (those end the job), only for programming errors.
 */
export async function runJob(deps: RunnerDeps, job: JobRow, signal: AbortSignal): Promise<RunEnd> {
  if (job.requestId) return pollAndFinish(deps, job, toReceipt(job, deps.rebaseUrl), signal, 1);
  const reused = await reuseDuplicate(deps, job);
  if (reused) return 'completed';
  const tried = { requests: 0 };
  for (let round = 1; ; round++) {
    if (!deps.maySubmit(job.batchId) || signal.aborted) return 'requeued';
    const intent = deps.journal.jobs.markSubmitting(job.id);
    if (!intent.ok) return 'requeued';
    const sentAt = Date.now();
    deps.changed(job);
    let receipt: SubmitReceipt;
    let imageFile: string;
    try {
      imageFile = await deps.imageFileFor(job.inputId);
    } catch (error) {
      return failInput(deps, job, error);
    }
    try {
      receipt = await deps.client.submit(toIdeogramParams(job, imageFile), { signal });
    } catch (error) {
      const at = { hasRequestId: false, round, tried };
      const verdict = await handleFailure(deps, job, error, at, signal);
      if (verdict === 'again') continue;
      return verdict;
    }
    // The receipt is committed before anything else happens: from here on the job is never re-sent.
    // Its ledger entry opens in the same transaction.
    deps.ledger.accepted(job, receipt, sentAt);
    deps.changed(job);
    deps.onAccepted();
    return pollAndFinish(deps, job, receipt, signal, 1);
  }
}

async function pollAndFinish(
  deps: RunnerDeps,
  job: JobRow,
  receipt: SubmitReceipt,
  signal: AbortSignal,
  firstRound: number,
): Promise<RunEnd> {
  const tried = { requests: 0 };
  for (let round = firstRound; ; round++) {
    let image: GeneratedImage;
    try {
      image = await deps.client.waitForResult(receipt, {
        signal,
        // writeOutput decodes every pixel before the job is marked completed: one full decode is enough.
        verify: 'header',
        onStatus: (status) => {
          if (status === 'PROCESSING' && deps.journal.jobs.markProcessing(job.id).ok) deps.changed(job);
          if (status === 'COMPLETED') {
            // Segmind bills a completion: record it now, whatever becomes of the result afterwards.
            deps.ledger.completedSeen(job, receipt.requestId);
            deps.onServerDone?.(job.id);
          }
        },
      });
    } catch (error) {
      const at = { hasRequestId: true, round, tried, requestId: receipt.requestId };
      const verdict = await handleFailure(deps, job, error, at, signal);
      if (verdict === 'again') continue;
      return verdict;
    }
    deps.ledger.resultSeen(job, image);
    return finishWithOutput(deps, job, image);
  }
}

async function finishWithOutput(deps: RunnerDeps, job: JobRow, image: GeneratedImage): Promise<RunEnd> {
  const fresh = deps.journal.jobs.get(job.id) ?? job;
  try {
    const written = await deps.outputs.write(fresh, image);
    const done = deps.journal.jobs.markCompleted(job.id, {
      outputPath: written.outputPath,
      thumbnailPath: written.thumbnailPath,
      inferenceTimeSec: image.inferenceTimeSec,
    });
    deps.changed(job);
    return done.ok ? 'completed' : 'cancelled';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof OutputWriteError ? error.code : OUTPUT_ERROR_CODE;
    deps.journal.jobs.markFailed(job.id, code, `Could not save the result: ${message}`);
    deps.changed(job);
    // A full or read-only folder blocks every job of the batch; a bad image or name is this job's alone.
    if (error instanceof OutputWriteError && isOutputFolderProblem(error.code))
      deps.onOutputBlocked(job.batchId, message);
    return 'failed';
  }
}

/**
 * The input cannot be sent (see InputFileError): nothing went to Segmind, so this is no API failure
 * and no engine round; the job fails with the input's own reason. A retry re-checks the input first.
 */
function failInput(deps: RunnerDeps, job: JobRow, error: unknown): RunEnd {
  if (!(error instanceof InputFileError)) throw error;
  // The intent recorded for this submit is moot: nothing left the machine.
  deps.journal.jobs.markFailed(job.id, INPUT_ERROR_CODE, error.message);
  deps.changed(job);
  return 'failed';
}

/** Dedupe: a completed job with the same key (this or an earlier batch) is copied, not paid again. */
async function reuseDuplicate(deps: RunnerDeps, job: JobRow): Promise<boolean> {
  if (!deps.outputs.dedupeEnabled(job.batchId)) return false;
  const source = deps.journal.jobs.findCompletedByKey(job.key);
  if (!source?.outputPath || source.id === job.id) return false;
  const target = deps.outputs.targetPath(job);
  try {
    await deps.outputs.copy(source.outputPath, target);
  } catch (error) {
    // The earlier file is gone or unreadable, or this folder refused the copy: generate again rather
    // than fail (a folder problem then fails the job with its reason when the result is saved).
    deps.log.warn(
      { err: error, jobId: job.id, sourceJobId: source.id, source: source.outputPath },
      'duplicate output could not be copied; generating it again',
    );
    return false;
  }
  const moved = deps.journal.jobs.markSkippedDuplicate(job.id, {
    id: source.id,
    outputPath: target,
    thumbnailPath: source.thumbnailPath,
  });
  deps.changed(job);
  return moved.ok;
}

type Verdict = RunEnd | 'again';

async function handleFailure(
  deps: RunnerDeps,
  job: JobRow,
  error: unknown,
  at: { hasRequestId: boolean; round: number; tried: { requests: number }; requestId?: string },
  signal: AbortSignal,
): Promise<Verdict> {
  const failure = asSegmindError(error);
  at.tried.requests += failure.attempts;
  // FAILED (HTTP 422) is an outcome Segmind does not bill.
  if (failure.kind === 'failed' && at.requestId) deps.ledger.failedSeen(job, at.requestId);
  const action: FailureAction = signal.aborted
    ? { action: 'requeue' }
    : classifyFailure(failure.kind, {
        hasRequestId: at.hasRequestId,
        attempt: at.round,
        maxAttempts: deps.maxRounds,
        baseDelayMs: deps.baseDelayMs,
        retryable: failure.retryable,
        ambiguous: failure.ambiguous,
        requests: at.tried.requests,
        offline: failure.kind === 'network' && deps.isOffline(),
        // The server's own words for a refusal, the client's account of the cause for everything else.
        detail: failure.message,
        retryAfterMs: failure.retryAfterMs,
      });
  if (failure.kind === 'rate_limited') deps.onRateLimited(failure.retryAfterMs);
  const jobs = deps.journal.jobs;
  switch (action.action) {
    case 'requeue':
    case 'halt':
      if (action.action === 'halt') deps.onHalt(action.reason, action.message);
      // Without a request id nothing was accepted: back to pending. With one, it stays queued and is
      // polled again later (resume, restart, or the way back after an outage): it is never submitted twice.
      if (!at.hasRequestId) jobs.releaseToPending(job.id, { reason: action.action, refundAttempt: true });
      deps.changed(job);
      return at.hasRequestId ? 'parked' : 'requeued';
    case 'retry':
      if (!at.hasRequestId) jobs.releaseToPending(job.id, { reason: failure.message });
      deps.changed(job);
      if (!(await sleep(action.delayMs, signal))) return at.hasRequestId ? 'parked' : 'requeued';
      return 'again';
    case 'fail':
    case 'expired':
      if (action.code === 'ambiguous_submit') {
        deps.journal.transaction(() => {
          jobs.markFailed(job.id, action.code, action.message);
          deps.journal.jobEvents.recordAmbiguousSubmit(job.id, { status: failure.status ?? null });
        });
      } else {
        jobs.markFailed(job.id, action.code, action.message);
      }
      deps.changed(job);
      return 'failed';
  }
}

function asSegmindError(error: unknown): SegmindError {
  if (isSegmindError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SegmindError('bad_response', message);
}

function toReceipt(job: JobRow, rebase: (url: string) => string = (url) => url): SubmitReceipt {
  // submittedAt lets the poller time its first poll from the real submit (after a restart or a halt)
  // instead of polling at once and then on a cadence that assumes the job just started.
  return {
    requestId: job.requestId!,
    statusUrl: rebase(job.statusUrl ?? ''),
    responseUrl: rebase(job.responseUrl ?? ''),
    submittedAt: job.submittedAt ?? undefined,
  };
}
