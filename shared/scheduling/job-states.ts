/**
 * The life cycle of jobs and batches: the state names the journal stores, which job transitions are
 * legal, and the one rule that derives a batch's state from its job counts and the user's flags.
 * The engine checks every state change against `canTransition`, so a bug shows up as a refused
 * transition instead of a job silently leaving the terminal set (and being paid for twice).
 * Kept identical to the journal's table in `electron/db/job-types.ts` (which lists it by target state);
 * a unit test compares the two.
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
 * Allowed job transitions. Why each edge exists:
 * - pending -> failed: the input could not be prepared (corrupt file), nothing was sent.
 * - submitting -> queued: the request id is committed (as `queued`) the moment the submit returns,
 *   before any poll, so a crash can never lose it. submitting -> completed exists only for the
 *   synchronous v1 endpoint, which has no request id.
 * - submitting -> pending: the submit was refused before a request id existed (halt, 429, restart
 *   without an id), so sending again cannot pay twice.
 * - queued -> completed: a poll may see COMPLETED without ever seeing PROCESSING.
 * - queued/processing -> failed: FAILED from Segmind, an expired request id, or the output could not
 *   be written. There is no edge back to pending: a job with a request id is never resubmitted
 *   behind the user's back; only failed/cancelled -> pending (the user's retry) does that.
 * - completed and skipped_duplicate are final.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  pending: ['submitting', 'failed', 'cancelled', 'skipped_duplicate'],
  submitting: ['queued', 'completed', 'pending', 'failed', 'cancelled'],
  queued: ['processing', 'completed', 'failed', 'cancelled'],
  processing: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: ['pending', 'queued'], // queued: a retry re-fetching a paid result that could not be saved
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

/** What the user (or the engine) decided about the batch, as opposed to what its jobs say. */
export interface BatchFlags {
  /** The batch was started at least once. */
  started: boolean;
  /** The user paused it (stays paused through a global halt and its resolution). */
  paused: boolean;
  /** The user cancelled it. */
  cancelled: boolean;
  /** Submitting is halted globally (bad key, forbidden, no credits). */
  halted: boolean;
}

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
 * A batch's state from its job counts and flags, in this order of precedence:
 * cancelled (the user's word is final) > draft (never started) > completed (no open job left, even if
 * some failed — the summary shows them; an empty started batch is completed) > paused (the user's
 * choice outlives a halt, so it wins over halted) > halted > running.
 */
export function deriveBatchState(counts: JobStateCounts, flags: BatchFlags): BatchState {
  if (flags.cancelled) return 'cancelled';
  if (!flags.started) return 'draft';
  if (openJobs(counts) === 0) return 'completed';
  if (flags.paused) return 'paused';
  if (flags.halted) return 'halted';
  return 'running';
}
