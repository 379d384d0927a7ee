/**
 * What the engine does with a job when the Segmind client throws, following the Errors table of
 * `shared/segmind-api.md`. The client has already retried transient errors (429, 5xx, network,
 * malformed bodies) within its own bounds; by the time an error reaches here the client gave up on
 * that round. The engine then gives the job a few more rounds later (`maxAttempts`) and, when those
 * run out too, fails the job with the reason, so a sweep always ends with every job terminal.
 * Account-wide answers (401/403/406) never fail a job: they halt all submitting (see `halt-gate`), and
 * neither does a network failure while the engine is offline (see `connectivity`): the job waits.
 * Every failure message names the real cause and how many requests were tried; a submit whose 2xx
 * answer could not be read is ambiguous (maybe charged) and says so.
 * It also names the failures of saving a result: which ones stop the batch, which ones a retry re-fetches.
 */
import type { FailureKind } from '../policy/retry-policy';

export type HaltReason = 'auth' | 'forbidden' | 'credits';

/** Error codes a failed job carries (stored in the journal, shown in the UI). */
export type JobFailureCode =
  | 'invalid_request'
  | 'generation_failed'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'network_error'
  | 'bad_response'
  | 'ambiguous_submit';

/** What an ambiguous submit says (the start of its message; the cause and attempts follow). */
export const AMBIGUOUS_SUBMIT_MESSAGE =
  'Segmind may have accepted (and charged) this request; its answer was unreadable';

export type FailureAction =
  /** Stop all submitting; the job stays where it was (pending, or in flight with its request id). */
  | { action: 'halt'; reason: HaltReason; message: string }
  /**
   * Try again after `delayMs`: `resume: 'submit'` puts a job without a request id back to pending;
   * `resume: 'poll'` keeps the request id and polls it again (never resubmits). Counts as an attempt.
   */
  | { action: 'retry'; resume: 'submit' | 'poll'; delayMs: number }
  /** The job fails with this code and message; a retry is the user's choice. */
  | { action: 'fail'; code: JobFailureCode; message: string }
  /** The request id is unknown to Segmind (results live 1 hour): fail as `expired`, do not resubmit. */
  | { action: 'expired'; code: 'expired'; message: string }
  /** The engine aborted on purpose (pause, cancel, shutdown): not a failure, not an attempt. */
  | { action: 'requeue' };

export interface FailureContext {
  /** The job already has a Segmind request id (the error came from polling or fetching its result). */
  hasRequestId: boolean;
  /** 1-based engine round that just failed for this job. Default 1. */
  attempt?: number;
  /** Engine rounds allowed for transient errors before the job fails. Default 3. */
  maxAttempts?: number;
  /**
   * The error's own `retryable` flag. False on a transient kind (e.g. a 2xx submit answer without a
   * request id, which may already have been charged) fails the job instead of sending it again.
   * Default true.
   */
  retryable?: boolean;
  /** The server's own message (the `error` field), or the client's account of the failure, shown to the user. */
  detail?: string;
  /**
   * A submit whose 2xx answer could not be read: fail as `ambiguous_submit` (never sent again, counted
   * apart, since Segmind may have charged it). Default false.
   */
  ambiguous?: boolean;
  /** HTTP requests spent on this step so far, every round included; named in the message. Default 1. */
  requests?: number;
  /**
   * The engine is offline (see connectivity): a network failure is then the outage, not this job's
   * fault, and the job waits for the way back instead of spending a round. Default false.
   */
  offline?: boolean;
  /** Retry-After the server sent, in ms; the retry delay is at least this. */
  retryAfterMs?: number;
  /** First engine retry delay, doubling per attempt. Default 2_000 ms. */
  baseDelayMs?: number;
  /** Cap of the engine retry delay. Default 60_000 ms. */
  maxDelayMs?: number;
}

/**
 * Output-write failures that mean the output folder, not the job, is at fault: full, read-only, or
 * failing I/O (`OutputWriteError` codes from electron/images/write-output). Every other job of the batch
 * would hit the same wall, so the batch stops with the reason instead of failing job after job.
 */
const OUTPUT_FOLDER_PROBLEMS: readonly string[] = ['disk_full', 'read_only', 'io'];

/**
 * The failure code of a job whose input cannot be used (unreadable, not an image, a shape no output can
 * use…): nothing was sent. Not retryable as it stands: a retry re-checks the input first.
 */
export const INPUT_ERROR_CODE = 'input_error';

/** The failure code of a job whose result could not be saved for a reason other than an `OutputWriteError`. */
export const OUTPUT_ERROR_CODE = 'output_error';

/**
 * Failure codes of a job whose result was generated (and paid for) but could not be saved: the folder
 * problems above, plus OUTPUT_ERROR_CODE. The user's retry fetches the result again with the stored
 * request id (results live 1 hour) instead of submitting (and paying) again.
 */
const RESULT_KEPT_FAILURES: readonly string[] = [...OUTPUT_FOLDER_PROBLEMS, OUTPUT_ERROR_CODE];

/** True when an output write failed because of the folder (see OUTPUT_FOLDER_PROBLEMS): halt the batch. */
export function isOutputFolderProblem(code: string | null | undefined): boolean {
  return code != null && OUTPUT_FOLDER_PROBLEMS.includes(code);
}

/** True when a failed job's paid result still waits on Segmind: a retry re-fetches it, never re-sends. */
export function isResultKeptFailure(code: string | null | undefined): boolean {
  return code != null && RESULT_KEPT_FAILURES.includes(code);
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 2_000;
export const DEFAULT_RETRY_MAX_DELAY_MS = 60_000;

/** The plain-words message shown when submitting halts for `reason`. */
export function haltMessage(reason: HaltReason, detail?: string): string {
  switch (reason) {
    case 'auth':
      return 'Segmind rejected the API key — add a valid key, then resume';
    case 'forbidden':
      return `Segmind says this key is forbidden from using this model${withDetail(detail)} — check the key's permissions, then resume`;
    case 'credits':
      return 'Segmind says your credits ran out — the queue is paused; top up, then resume';
  }
}

function withDetail(detail: string | undefined): string {
  const text = detail?.trim();
  return text ? ` (${text})` : '';
}

/** Per transient kind: the code, and what happened once or every time ("kept" only after several tries). */
const TRANSIENT: Partial<Record<FailureKind, { code: JobFailureCode; once: string; kept: string }>> = {
  rate_limited: {
    code: 'rate_limited',
    once: 'Segmind answered "too many requests"',
    kept: 'Segmind kept answering "too many requests"',
  },
  server: {
    code: 'server_error',
    once: 'Segmind answered with a server error',
    kept: 'Segmind kept answering with a server error',
  },
  network: { code: 'network_error', once: 'Could not reach Segmind', kept: 'Could not reach Segmind' },
  bad_response: {
    code: 'bad_response',
    once: 'Segmind sent an unreadable answer',
    kept: 'Segmind kept sending unreadable answers',
  },
};

/** "1 attempt", "6 attempts", "18 attempts over 3 rounds". */
export function describeAttempts(requests: number, rounds: number): string {
  const n = Math.max(1, Math.round(requests));
  const tries = `${n} attempt${n === 1 ? '' : 's'}`;
  return rounds > 1 ? `${tries} over ${rounds} rounds` : tries;
}

/**
 * Decides what happens to a job after the client threw an error of `kind`:
 * - auth / forbidden / credits (401 / 403 / 406) -> halt all submitting, with a plain-words message.
 * - invalid (400) -> fail `invalid_request`; failed (422, incl. content blocks) -> fail
 *   `generation_failed` with Segmind's reason; neither is retried.
 * - expired (404): with a request id -> `expired` (no automatic resubmit: it would cost a credit);
 *   without one the model endpoint itself is missing -> fail `not_found`.
 * - rate_limited / server / network / bad_response -> retry (resubmit, or poll again when a request id
 *   exists) until `attempt >= maxAttempts` or the error says `retryable: false`, then fail with the
 *   cause and the attempts. Feed 429s to the concurrency controller separately.
 * - network while `offline` (and retryable) -> requeue: the outage is not the job's; it waits.
 * - `ambiguous` (a 2xx submit answer that could not be read) -> fail `ambiguous_submit`, never resent.
 * - aborted -> requeue (the engine stopped it; not counted).
 */
export function classifyFailure(kind: FailureKind, context: FailureContext): FailureAction {
  const detail = context.detail?.trim() || undefined;
  if (context.ambiguous) {
    const attempts = describeAttempts(context.requests ?? 1, 1);
    return {
      action: 'fail',
      code: 'ambiguous_submit',
      message: `${AMBIGUOUS_SUBMIT_MESSAGE} (${detail ? `${detail}; ` : ''}${attempts})`,
    };
  }
  if (kind === 'network' && context.offline && context.retryable !== false) return { action: 'requeue' };
  switch (kind) {
    case 'auth':
    case 'forbidden':
    case 'credits':
      return { action: 'halt', reason: kind, message: haltMessage(kind, detail) };
    case 'invalid':
      return {
        action: 'fail',
        code: 'invalid_request',
        message: `Segmind rejected the request${detail ? `: ${detail}` : ' as invalid'}`,
      };
    case 'failed':
      return {
        action: 'fail',
        code: 'generation_failed',
        message: `Segmind could not generate this image${detail ? `: ${detail}` : ''}`,
      };
    case 'expired':
      return context.hasRequestId
        ? {
            action: 'expired',
            code: 'expired',
            message:
              'The result is no longer on Segmind (results are kept 1 hour) — retry to generate it again (costs a credit)',
          }
        : {
            action: 'fail',
            code: 'not_found',
            message: `Segmind did not find the model endpoint${withDetail(detail)} — check the base URL`,
          };
    case 'aborted':
      return { action: 'requeue' };
    case 'rate_limited':
    case 'server':
    case 'network':
    case 'bad_response':
      return transient(kind, context, detail);
  }
}

function transient(kind: FailureKind, context: FailureContext, detail: string | undefined): FailureAction {
  const info = TRANSIENT[kind]!;
  const attempt = Math.max(1, context.attempt ?? 1);
  const maxAttempts = context.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (attempt >= maxAttempts || context.retryable === false) {
    const requests = Math.max(attempt, context.requests ?? attempt);
    const what = requests > 1 ? info.kept : info.once;
    return {
      action: 'fail',
      code: info.code,
      message: `${what}${detail ? `: ${detail}` : ''} (${describeAttempts(requests, attempt)})`,
    };
  }
  const base = context.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const cap = context.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const delayMs = Math.max(Math.min(cap, base * 2 ** (attempt - 1)), context.retryAfterMs ?? 0);
  return { action: 'retry', resume: context.hasRequestId ? 'poll' : 'submit', delayMs };
}
