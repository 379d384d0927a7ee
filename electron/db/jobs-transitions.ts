/**
 * Guarded job state changes (SQL on the `jobs` table; jobs-repo.ts merges these into the jobs repo).
 * Each move reads the current state, refuses it unless `canTransition` (the one job table, in
 * `@shared/scheduling`) allows it, updates with `WHERE state = <the state just read>` so a concurrent
 * writer cannot slip in between, and writes a `job_events` row, all in one transaction (nested calls
 * become savepoints of the caller's transaction).
 * So a job can never end both failed and completed, and a job with a request id is never re-sent.
 */
import { canTransition, isResultKeptFailure } from '@shared/scheduling';
import { PRUNED_CODE, type PruneAxis, type PruneTarget, prunedMessage } from '@shared/sweep';
import type { Database, Statement } from 'better-sqlite3';
import type { JobEventsRepo } from './job-events-repo';
import {
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
  /**
   * failed | cancelled -> pending with a fresh attempt budget; request id, error and output cleared.
   * Exception: a job that failed only because its result could not be saved (`isResultKeptFailure`) goes
   * back to queued with its request id, so the paid result is fetched again rather than re-generated.
   * Refused (the job stays failed with its reason) while the job's input is recorded as unusable: an input
   * error is not retryable; the engine re-checks the input first (electron/engine/input-recheck.ts).
   */
  resetForRetry(id: number, at?: number): JobMoveOutcome;
  /**
   * resetForRetry for every failed (and optionally cancelled) job of a batch whose input is usable;
   * returns how many moved.
   */
  resetFailedForRetry(batchId: string, opts?: { includeCancelled?: boolean; at?: number }): number;
  /** resetForRetry for every cancelled job of a batch ("Re-queue cancelled"); returns how many moved. */
  requeueCancelled(batchId: string, at?: number): number;
  /** Cancels every pending job of a batch (in-flight ones are the caller's decision); returns the count. */
  cancelPending(batchId: string, at?: number): number;
  /**
   * Prune: cancels the batch's pending jobs with `target`'s value, marking them pruned (error code
   * PRUNED_CODE, the message naming `label`); in-flight jobs are left to finish. Returns their ids.
   */
  prunePending(batchId: string, target: PruneTarget, opts?: { label?: string; at?: number }): number[];
  /** Undo of a prune: the batch's pruned jobs with `target`'s value go back to pending. Returns their ids. */
  unprune(batchId: string, target: PruneTarget, at?: number): number[];
  /** Fails every pending job of an input that could not be read or prepared; returns the count. */
  failPendingForInput(inputId: number, code: string, message: string, at?: number): number;
  /**
   * Restart recovery: submitting jobs (intent recorded, no request id, so never accepted as far as we
   * know) go back to pending, keeping their attempt count. Returns how many moved.
   */
  requeueInterrupted(at?: number): number;
}

type Params = Record<string, string | number | null>;

/** One kind of move: target state, extra assignments (named parameters), and what the event records. */
interface Move {
  to: JobState;
  set?: string;
  params?: Params;
  detail?: unknown;
}

const CLEAR_FOR_RETRY =
  'attempts = 0, request_id = NULL, status_url = NULL, response_url = NULL, submitted_at = NULL, ' +
  'started_at = NULL, finished_at = NULL, inference_time_sec = NULL, error_code = NULL, error_message = NULL, ' +
  'output_path = NULL, thumbnail_path = NULL, reused_from_job_id = NULL';

/** The job column holding each prunable axis's value (compared as text with the axis key). */
const PRUNE_COLUMNS: Record<PruneAxis, string> = {
  input: 'input_id',
  prompt: 'prompt_index',
  negative: 'negative_prompt',
  style: 'style',
  seed: 'seed',
  imageWeight: 'image_weight',
  magicPrompt: 'magic_prompt',
};

export function createJobTransitions(db: Database, events: JobEventsRepo, now: () => number): JobTransitions {
  const readState = db.prepare<[number], { state: JobState }>('SELECT state FROM jobs WHERE id = ?');
  const readRetryInfo = db.prepare<
    [number],
    { state: JobState; request_id: string | null; error_code: string | null }
  >('SELECT state, request_id, error_code FROM jobs WHERE id = ?');
  const cache = new Map<string, Statement<[Params], JobRecord>>();
  const update = (set: string, returning: boolean): Statement<[Params], JobRecord> => {
    const cacheKey = `${returning}:${set}`;
    let stmt = cache.get(cacheKey);
    if (!stmt) {
      stmt = db.prepare<[Params], JobRecord>(
        `UPDATE jobs SET state = @to, updated_at = @at${set ? `, ${set}` : ''} WHERE id = @id AND state = @from` +
          (returning ? ' RETURNING *' : ''),
      );
      cache.set(cacheKey, stmt);
    }
    return stmt;
  };

  /** The guarded move itself; callers provide the transaction. Returns the new row when asked to. */
  const apply = (
    id: number,
    m: Move,
    at: number | undefined,
    returning: boolean,
  ): JobMoveOutcome | boolean => {
    const current = readState.get(id)?.state ?? null;
    if (current === null || !canTransition(current, m.to)) return { ok: false, current };
    const when = at ?? now();
    const params = { ...m.params, id, to: m.to, from: current, at: when };
    const stmt = update(m.set ?? '', returning);
    const record = returning ? stmt.get(params) : undefined;
    if (returning ? !record : stmt.run(params).changes !== 1) {
      return { ok: false, current: readState.get(id)?.state ?? null };
    }
    events.append({
      jobId: id,
      kind: 'state',
      fromState: current,
      toState: m.to,
      detail: m.detail,
      at: when,
    });
    return record ? { ok: true, from: current, job: toJobRow(record) } : true;
  };

  // A savepoint per single move, so a caller that catches an error inside its own transaction never
  // keeps an update without its event.
  const one = db.transaction((id: number, m: Move, at?: number) => apply(id, m, at, true) as JobMoveOutcome);

  // Bulk moves: the selection runs inside the same transaction as the moves, so nothing changes state
  // between choosing and moving; one transaction for all rows, no per-row savepoint or row mapping.
  const many = db.transaction((ids: { id: number }[], m: Move, at?: number): number => {
    const when = at ?? now();
    let moved = 0;
    for (const { id } of ids) if (apply(id, m, when, false) === true) moved++;
    return moved;
  });

  const idsWhere = (sql: string) => db.prepare<[string | number], { id: number }>(sql);
  /** Jobs whose input is recorded as unusable are never picked for a retry. */
  const USABLE_INPUT = 'input_id NOT IN (SELECT id FROM inputs WHERE error_code IS NOT NULL)';
  const failedOfBatch = idsWhere(
    `SELECT id FROM jobs WHERE batch_id = ? AND state = 'failed' AND ${USABLE_INPUT} ORDER BY ordinal`,
  );
  const failedOrCancelledOfBatch = idsWhere(
    `SELECT id FROM jobs WHERE batch_id = ? AND state IN ('failed', 'cancelled') AND ${USABLE_INPUT} ORDER BY ordinal`,
  );
  const inputUnusable = db.prepare<[number], { id: number }>(
    `SELECT id FROM jobs WHERE id = ? AND NOT ${USABLE_INPUT}`,
  );
  const cancelledOfBatch = idsWhere(
    "SELECT id FROM jobs WHERE batch_id = ? AND state = 'cancelled' ORDER BY ordinal",
  );
  const pendingOfBatch = idsWhere(
    "SELECT id FROM jobs WHERE batch_id = ? AND state = 'pending' ORDER BY ordinal",
  );
  const pendingOfInput = idsWhere(
    "SELECT id FROM jobs WHERE input_id = ? AND state = 'pending' ORDER BY ordinal",
  );
  const pruneSelects = new Map<string, Statement<[string, string], { id: number }>>();
  /** Jobs of a batch in `state` (and pruned, when asked) whose column for `axis` holds the value. */
  const ofAxisValue = (axis: PruneAxis, state: 'pending' | 'cancelled') => {
    const cacheKey = `${axis}:${state}`;
    let stmt = pruneSelects.get(cacheKey);
    if (!stmt) {
      const pruned = state === 'cancelled' ? `AND error_code = '${PRUNED_CODE}'` : '';
      stmt = db.prepare<[string, string], { id: number }>(
        `SELECT id FROM jobs WHERE batch_id = ? AND state = '${state}' ${pruned}
         AND CAST(${PRUNE_COLUMNS[axis]} AS TEXT) = ? ORDER BY ordinal`,
      );
      pruneSelects.set(cacheKey, stmt);
    }
    return stmt;
  };
  /** Like selectThenMove, returning the ids moved. */
  const selectThenMoveIds = (select: () => { id: number }[], m: Move, at?: number): number[] =>
    db.transaction(() => {
      const rows = select();
      const when = at ?? now();
      return rows.filter(({ id }) => apply(id, m, when, false) === true).map(({ id }) => id);
    })();
  const interrupted = db.prepare<[], { id: number }>(
    "SELECT id FROM jobs WHERE state = 'submitting' AND request_id IS NULL ORDER BY id",
  );
  const selectThenMove = (select: () => { id: number }[], m: Move, at?: number): number =>
    db.transaction(() => many(select(), m, at))();

  const failed = (code: string, message: string): Move => ({
    to: 'failed',
    set: 'error_code = @code, error_message = @message, finished_at = @at',
    params: { code, message },
    detail: { code, message },
  });
  const cancelled: Move = { to: 'cancelled', set: 'finished_at = @at' };
  const retry: Move = { to: 'pending', set: CLEAR_FOR_RETRY, detail: { retry: true } };
  const refetch: Move = {
    to: 'queued',
    set: 'error_code = NULL, error_message = NULL, finished_at = NULL, output_path = NULL, thumbnail_path = NULL',
    detail: { retry: true, refetch: true },
  };
  const retryMoveFor = (id: number): Move => {
    const row = readRetryInfo.get(id);
    const kept = row?.state === 'failed' && row.request_id !== null && isResultKeptFailure(row.error_code);
    return kept ? refetch : retry;
  };
  const retryMany = db.transaction((ids: { id: number }[], at?: number): number => {
    let moved = 0;
    for (const { id } of ids) if (apply(id, retryMoveFor(id), at ?? now(), false) === true) moved++;
    return moved;
  });
  const release = (reason: string | undefined, refund: boolean): Move => ({
    to: 'pending',
    set: refund ? 'attempts = max(attempts - 1, 0)' : '',
    detail: reason ? { reason } : undefined,
  });

  return {
    markSubmitting: (id, at) => one(id, { to: 'submitting', set: 'attempts = attempts + 1' }, at),
    releaseToPending: (id, opts = {}) => one(id, release(opts.reason, opts.refundAttempt ?? false), opts.at),
    recordRequestId: (id, r, at) =>
      one(
        id,
        {
          to: 'queued',
          set: 'request_id = @requestId, status_url = @statusUrl, response_url = @responseUrl, submitted_at = @at',
          params: { requestId: r.requestId, statusUrl: r.statusUrl, responseUrl: r.responseUrl },
          detail: { requestId: r.requestId },
        },
        at,
      ),
    markProcessing: (id, at) => one(id, { to: 'processing', set: 'started_at = @at' }, at),
    markCompleted: (id, o, at) =>
      one(
        id,
        {
          to: 'completed',
          set:
            'output_path = @outputPath, thumbnail_path = @thumbnailPath, inference_time_sec = @inferenceTimeSec, ' +
            'request_id = coalesce(@requestId, request_id), finished_at = @at, error_code = NULL, error_message = NULL',
          params: {
            outputPath: o.outputPath,
            thumbnailPath: o.thumbnailPath,
            inferenceTimeSec: o.inferenceTimeSec,
            requestId: o.requestId ?? null,
          },
          detail: { outputPath: o.outputPath, inferenceTimeSec: o.inferenceTimeSec },
        },
        at,
      ),
    markFailed: (id, code, message, at) => one(id, failed(code, message), at),
    markCancelled: (id, at) => one(id, cancelled, at),
    markSkippedDuplicate: (id, source, at) =>
      one(
        id,
        {
          to: 'skipped_duplicate',
          set: 'reused_from_job_id = @sourceId, output_path = @outputPath, thumbnail_path = @thumbnailPath, finished_at = @at',
          params: { sourceId: source.id, outputPath: source.outputPath, thumbnailPath: source.thumbnailPath },
          detail: { reusedFromJobId: source.id },
        },
        at,
      ),
    resetForRetry: (id, at) =>
      db.transaction((): JobMoveOutcome => {
        if (inputUnusable.get(id)) return { ok: false, current: readState.get(id)?.state ?? null };
        return one(id, retryMoveFor(id), at);
      })(),
    resetFailedForRetry: (batchId, opts = {}) => {
      const select = opts.includeCancelled ? failedOrCancelledOfBatch : failedOfBatch;
      return db.transaction(() => retryMany(select.all(batchId), opts.at))();
    },
    requeueCancelled: (batchId, at) => db.transaction(() => retryMany(cancelledOfBatch.all(batchId), at))(),
    cancelPending: (batchId, at) => selectThenMove(() => pendingOfBatch.all(batchId), cancelled, at),
    prunePending: (batchId, target, opts = {}) => {
      const message = prunedMessage(target, opts.label);
      const move: Move = {
        to: 'cancelled',
        set: 'finished_at = @at, error_code = @code, error_message = @message',
        params: { code: PRUNED_CODE, message },
        detail: { pruned: target },
      };
      return selectThenMoveIds(
        () => ofAxisValue(target.axis, 'pending').all(batchId, target.value),
        move,
        opts.at,
      );
    },
    unprune: (batchId, target, at) =>
      selectThenMoveIds(
        () => ofAxisValue(target.axis, 'cancelled').all(batchId, target.value),
        { ...retry, detail: { unpruned: target } },
        at,
      ),
    failPendingForInput: (inputId, code, message, at) =>
      selectThenMove(() => pendingOfInput.all(inputId), failed(code, message), at),
    requeueInterrupted: (at) =>
      selectThenMove(() => interrupted.all(), release('interrupted before the submit returned', false), at),
  };
}
