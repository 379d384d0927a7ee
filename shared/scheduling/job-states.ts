/**
 * The life cycle of jobs and batches: the state names the journal stores, the one table of legal job
 * transitions, and the rule that completes a batch once its jobs are done. The journal
 * (`electron/db/jobs-transitions.ts`) checks every job move against `canTransition` inside the
 * transaction that makes it, so a bug shows up as a refused move instead of a job silently leaving the
 * terminal set (and being paid for twice).
 */

export const JOB_STATES = [
  'pending',
  'submitting',
  'queued',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'skipped_duplicate',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const TERMINAL_STATES = ['completed', 'failed', 'cancelled', 'skipped_duplicate'] as const;
export type TerminalJobState = (typeof TERMINAL_STATES)[number];

/** States in which a job occupies a slot of the concurrency limit (Segmind is, or may be, working on it). */
export const IN_FLIGHT_STATES = ['submitting', 'queued', 'processing'] as const;
export type InFlightJobState = (typeof IN_FLIGHT_STATES)[number];

/**
 * Allowed job transitions, by source state. Why each edge exists:
 * - pending -> submitting: the intent (and the attempt) is recorded before the HTTP submit.
 * - pending -> failed: the input could not be prepared (corrupt file), nothing was sent.
 * - pending -> skipped_duplicate: dedupe reused a completed job's output; nothing is sent.
 * - submitting -> queued: the request id is committed (as `queued`) the moment the submit returns,
 *   before any poll, so a crash can never lose it. submitting -> completed exists only for the
 *   synchronous v1 endpoint, which has no request id.
 * - submitting -> pending: the submit was refused before a request id existed (halt, 429, restart
 *   without an id), so sending again cannot pay twice.
 * - queued -> processing -> completed: the poll saw PROCESSING, then the output was written.
 * - queued -> completed: a poll may see COMPLETED without ever seeing PROCESSING.
 * - queued/processing -> failed: FAILED from Segmind, an expired request id, or the output could not
 *   be written. There is no edge back to pending: a job with a request id is never resubmitted
 *   behind the user's back; only failed/cancelled -> pending (the user's retry) does that.
 * - any live state -> cancelled: the user cancelled the batch (pending at once, in-flight jobs when
 *   aborted before deleting it, or when they settle in a cancelled batch).
 * - failed -> queued: the user's retry of a job whose paid result could not be saved
 *   (`isResultKeptFailure`): it keeps its request id and fetches the result again.
 * - completed and skipped_duplicate are final.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  pending: ['submitting', 'failed', 'cancelled', 'skipped_duplicate'],
  submitting: ['queued', 'completed', 'pending', 'failed', 'cancelled'],
  queued: ['processing', 'completed', 'failed', 'cancelled'],
  processing: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: ['pending', 'queued'],
  cancelled: ['pending'],
  skipped_duplicate: [],
};

/** True for a string that names a job state. */
export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}

/** True when the job will not change again without a user action (retry). */
export function isTerminal(state: JobState): state is TerminalJobState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

/** True when the job counts against the concurrency limit (`submitting`, `queued`, `processing`). */
export function isInFlight(state: JobState): state is InFlightJobState {
  return (IN_FLIGHT_STATES as readonly string[]).includes(state);
}

/** Whether `from -> to` is a legal job transition; a state never "transitions" to itself. */
export function canTransition(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

export const BATCH_STATES = ['draft', 'running', 'paused', 'halted', 'completed', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Job counts per state for one batch; missing states count as 0. */
export type JobStateCounts = Partial<Readonly<Record<JobState, number>>>;

/** Total number of jobs in `counts`. */
export function totalJobs(counts: JobStateCounts): number {
  let total = 0;
  for (const state of JOB_STATES) total += counts[state] ?? 0;
  return total;
}

/** Number of jobs in `counts` that are not terminal yet (pending or in flight). */
export function openJobs(counts: JobStateCounts): number {
  let open = 0;
  for (const state of JOB_STATES) if (!isTerminal(state)) open += counts[state] ?? 0;
  return open;
}

/**
 * The state a batch moves to when its jobs settle (a job ended, or the scheduler found nothing left to
 * submit), given its stored state and its job counts. A running batch with no open job is completed,
 * failures included (the summary shows them), and so is an empty started batch. Every other state is
 * left as the user or the halt set it: a paused or halted batch whose last jobs finish stays so until
 * it is resumed (then it completes at once), and cancelled or draft batches never change here.
 * The caller also waits for jobs it still holds in memory (fetching, writing) before asking.
 */
export function settledBatchState(state: BatchState, counts: JobStateCounts): BatchState {
  return state === 'running' && openJobs(counts) === 0 ? 'completed' : state;
}
