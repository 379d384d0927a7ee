/**
 * Guarded job state changes (SQL on the `jobs` table; jobs-repo.ts merges these into the jobs repo).
 * Each move reads the current state, refuses it unless JOB_TRANSITIONS allows it, updates with
 * `WHERE state = <the state just read>` so a concurrent writer cannot slip in between, and writes a
 * `job_events` row, all in one transaction (nested calls become savepoints of the caller's transaction).
 * So a job can never end both failed and completed, and a job with a request id is never re-sent.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JobEventsRepo } from './job-events-repo';
import {
  JOB_TRANSITIONS,
  type JobReceipt,
  type JobRecord,
  type JobRow,
  type JobState,
  type TransitionOutcome,
  toJobRow,
} from './job-types';

export type JobMoveOutcome =
  | { ok: true; from: JobState; job: JobRow }
  | Extract<TransitionOutcome, { ok: false }>;

export interface CompletedOutput {
  outputPath: string;
  thumbnailPath: string | null;
  inferenceTimeSec: number | null;
  /** For the synchronous endpoint, which has no separate submit step; kept if already known. */
  requestId?: string | null;
}

export interface JobTransitions {
  /** pending -> submitting, attempts + 1. Call BEFORE the HTTP submit (intent first). */
  markSubmitting(id: number, at?: number): JobMoveOutcome;
  /** submitting -> pending when the submit was not accepted (429, halt, network before sending…). */
  releaseToPending(
    id: number,
    opts?: { reason?: string; refundAttempt?: boolean; at?: number },
  ): JobMoveOutcome;
  /** submitting -> queued, storing the request id and poll URLs the moment the submit returns. */
  recordRequestId(id: number, receipt: JobReceipt, at?: number): JobMoveOutcome;
  /** queued -> processing; sets started_at. */
  markProcessing(id: number, at?: number): JobMoveOutcome;
  /** submitting | queued | processing -> completed. Only once the output file is renamed into place. */
  markCompleted(id: number, output: CompletedOutput, at?: number): JobMoveOutcome;
  /** Any live state -> failed. Codes are the engine's (e.g. 'expired', 'invalid', 'input_error'). */
  markFailed(id: number, code: string, message: string, at?: number): JobMoveOutcome;
  /** Any live state -> cancelled. */
  markCancelled(id: number, at?: number): JobMoveOutcome;
  /** pending -> skipped_duplicate, pointing at the completed job whose output it reuses. */
  markSkippedDuplicate(
    id: number,
    source: Pick<JobRow, 'id' | 'outputPath' | 'thumbnailPath'>,
    at?: number,
  ): JobMoveOutcome;
  /** failed | cancelled -> pending with a fresh attempt budget; request id, error and output cleared. */
  resetForRetry(id: number, at?: number): JobMoveOutcome;
  /** resetForRetry for every failed (and optionally cancelled) job of a batch; returns how many moved. */
  resetFailedForRetry(batchId: string, opts?: { includeCancelled?: boolean; at?: number }): number;
  /** Cancels every pending job of a batch (in-flight ones are the caller's decision); returns the count. */
  cancelPending(batchId: string, at?: number): number;
  /** Fails every pending job of an input that could not be read or prepared; returns the count. */
  failPendingForInput(inputId: number, code: string, message: string, at?: number): number;
  /**
   * Restart recovery: submitting jobs (intent recorded, no request id, so never accepted as far as we
   * know) go back to pending, keeping their attempt count. Returns how many moved.
   */
  requeueInterrupted(at?: number): number;
}

type Params = Record<string, string | number | null>;

export function createJobTransitions(db: Database, events: JobEventsRepo, now: () => number): JobTransitions {
  const readState = db.prepare<[number], { state: JobState }>('SELECT state FROM jobs WHERE id = ?');
  const cache = new Map<string, Statement<[Params], JobRecord>>();
  const update = (set: string): Statement<[Params], JobRecord> => {
    let stmt = cache.get(set);
    if (!stmt) {
      stmt = db.prepare<[Params], JobRecord>(
        `UPDATE jobs SET state = @to, updated_at = @at${set ? `, ${set}` : ''} WHERE id = @id AND state = @from RETURNING *`,
      );
      cache.set(set, stmt);
    }
    return stmt;
  };

  const move = (
    id: number,
    to: JobState,
    set: string,
    params: Params,
    at: number | undefined,
    detail?: unknown,
  ): JobMoveOutcome =>
    db.transaction((): JobMoveOutcome => {
      const current = readState.get(id)?.state ?? null;
      if (current === null || !JOB_TRANSITIONS[to].includes(current)) return { ok: false, current };
      const when = at ?? now();
      const record = update(set).get({ ...params, id, to, from: current, at: when });
      if (!record) return { ok: false, current: readState.get(id)?.state ?? null };
      events.append({ jobId: id, kind: 'state', fromState: current, toState: to, detail, at: when });
      return { ok: true, from: current, job: toJobRow(record) };
    })();

  const clearForRetry =
    'attempts = 0, request_id = NULL, status_url = NULL, response_url = NULL, submitted_at = NULL, ' +
    'started_at = NULL, finished_at = NULL, inference_time_sec = NULL, error_code = NULL, error_message = NULL, ' +
    'output_path = NULL, thumbnail_path = NULL, reused_from_job_id = NULL';

  const idsWhere = (sql: string) => db.prepare<[string | number], { id: number }>(sql);
  const failedOfBatch = idsWhere(
    "SELECT id FROM jobs WHERE batch_id = ? AND state = 'failed' ORDER BY ordinal",
  );
  const failedOrCancelledOfBatch = idsWhere(
    "SELECT id FROM jobs WHERE batch_id = ? AND state IN ('failed', 'cancelled') ORDER BY ordinal",
  );
  const pendingOfBatch = idsWhere(
    "SELECT id FROM jobs WHERE batch_id = ? AND state = 'pending' ORDER BY ordinal",
  );
  const pendingOfInput = idsWhere(
    "SELECT id FROM jobs WHERE input_id = ? AND state = 'pending' ORDER BY ordinal",
  );
  const interrupted = db.prepare<[], { id: number }>(
    "SELECT id FROM jobs WHERE state = 'submitting' AND request_id IS NULL ORDER BY id",
  );

  const t: JobTransitions = {
    markSubmitting: (id, at) => move(id, 'submitting', 'attempts = attempts + 1', {}, at),
    releaseToPending: (id, opts = {}) =>
      move(
        id,
        'pending',
        opts.refundAttempt ? 'attempts = max(attempts - 1, 0)' : '',
        {},
        opts.at,
        opts.reason ? { reason: opts.reason } : undefined,
      ),
    recordRequestId: (id, r, at) =>
      move(
        id,
        'queued',
        'request_id = @requestId, status_url = @statusUrl, response_url = @responseUrl, submitted_at = @at',
        { requestId: r.requestId, statusUrl: r.statusUrl, responseUrl: r.responseUrl },
        at,
        { requestId: r.requestId },
      ),
    markProcessing: (id, at) => move(id, 'processing', 'started_at = @at', {}, at),
    markCompleted: (id, o, at) =>
      move(
        id,
        'completed',
        'output_path = @outputPath, thumbnail_path = @thumbnailPath, inference_time_sec = @inferenceTimeSec, ' +
          'request_id = coalesce(@requestId, request_id), finished_at = @at, error_code = NULL, error_message = NULL',
        {
          outputPath: o.outputPath,
          thumbnailPath: o.thumbnailPath,
          inferenceTimeSec: o.inferenceTimeSec,
          requestId: o.requestId ?? null,
        },
        at,
        { outputPath: o.outputPath, inferenceTimeSec: o.inferenceTimeSec },
      ),
    markFailed: (id, code, message, at) =>
      move(
        id,
        'failed',
        'error_code = @code, error_message = @message, finished_at = @at',
        { code, message },
        at,
        {
          code,
          message,
        },
      ),
    markCancelled: (id, at) => move(id, 'cancelled', 'finished_at = @at', {}, at),
    markSkippedDuplicate: (id, source, at) =>
      move(
        id,
        'skipped_duplicate',
        'reused_from_job_id = @sourceId, output_path = @outputPath, thumbnail_path = @thumbnailPath, finished_at = @at',
        { sourceId: source.id, outputPath: source.outputPath, thumbnailPath: source.thumbnailPath },
        at,
        { reusedFromJobId: source.id },
      ),
    resetForRetry: (id, at) => move(id, 'pending', clearForRetry, {}, at, { retry: true }),
    resetFailedForRetry: (batchId, opts = {}) => {
      const select = opts.includeCancelled ? failedOrCancelledOfBatch : failedOfBatch;
      return bulk(
        () => select.all(batchId),
        (id) => t.resetForRetry(id, opts.at),
      );
    },
    cancelPending: (batchId, at) =>
      bulk(
        () => pendingOfBatch.all(batchId),
        (id) => t.markCancelled(id, at),
      ),
    failPendingForInput: (inputId, code, message, at) =>
      bulk(
        () => pendingOfInput.all(inputId),
        (id) => t.markFailed(id, code, message, at),
      ),
    requeueInterrupted: (at) =>
      bulk(
        () => interrupted.all(),
        (id) => t.releaseToPending(id, { reason: 'interrupted before the submit returned', at }),
      ),
  };

  // The selection runs inside the transaction so no job changes state between choosing and moving it.
  const bulk = (select: () => { id: number }[], fn: (id: number) => JobMoveOutcome): number =>
    db.transaction(() => select().reduce((n, r) => n + (fn(r.id).ok ? 1 : 0), 0))();

  return t;
}
