/**
 * Job row types. A job is one API call: pending -> submitting (intent recorded, attempt counted) ->
 * queued (request id stored) -> processing -> completed, or failed / cancelled from any live state, or
 * skipped_duplicate when dedupe reuses an earlier output. The states and the one table of legal moves
 * live in `@shared/scheduling` (job-states.ts); jobs-transitions.ts enforces that table in SQL.
 */
import type { ColorPalette, MagicPromptOption, Resolution, StyleType } from '@shared/catalogue';
import type { Flag } from '@shared/ratings';
import type { JobState } from '@shared/scheduling';
import type { JobSpec } from '@shared/sweep';
import type { JobFilter } from './job-filter';

export { JOB_STATES, type JobState } from '@shared/scheduling';

/**
 * One job to insert: exactly the sweep's `JobSpec`, so `expand()` output is passed as is (`inputIndex`
 * is mapped to the input row's id on insert).
 */
export type NewJob = JobSpec;

/** A job as stored: the sweep's parameters (input by row id) plus its run state. */
export interface JobRow extends Omit<JobSpec, 'inputIndex'> {
  id: number;
  batchId: string;
  inputId: number;
  state: JobState;
  /** Submit intents recorded (markSubmitting) since creation or the last user retry. */
  attempts: number;
  requestId: string | null;
  statusUrl: string | null;
  responseUrl: string | null;
  /** When the server accepted the submit (request id stored). Times are epoch milliseconds. */
  submittedAt: number | null;
  /** When the server first reported PROCESSING. */
  startedAt: number | null;
  finishedAt: number | null;
  inferenceTimeSec: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  outputPath: string | null;
  thumbnailPath: string | null;
  reusedFromJobId: number | null;
  updatedAt: number;
  /** The artist's flag and 0-5 stars (see @shared/ratings). */
  flag: Flag;
  stars: number;
  ratedAt: number | null;
  /** When a clean-up deleted the output file; the row (and `outputPath`, where it was) stays. */
  outputDeletedAt: number | null;
}

/** What the submit call returned; URLs are kept so recovery polls exactly what the server said. */
export interface JobReceipt {
  requestId: string;
  statusUrl: string | null;
  responseUrl: string | null;
}

/** Result of a guarded transition: refused when the job is missing or in a state the move does not allow. */
export type TransitionOutcome = { ok: true; from: JobState } | { ok: false; current: JobState | null };

export type JobStateCounts = Record<JobState, number>;

export interface JobPageQuery extends JobFilter {
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface JobPage {
  /** Rows matching the filters (ignoring offset/limit), for a virtual list's height. */
  total: number;
  rows: JobRow[];
}

/** snake_case row as SELECT * returns it. */
export interface JobRecord {
  id: number;
  batch_id: string;
  input_id: number;
  ordinal: number;
  key: string;
  prompt: string;
  prompt_index: number;
  negative_prompt: string;
  negative_index: number;
  seed: number;
  style: string;
  resolution: string;
  resolution_matched: number;
  image_weight: number;
  magic_prompt: string;
  palette_json: string | null;
  state: string;
  attempts: number;
  request_id: string | null;
  status_url: string | null;
  response_url: string | null;
  submitted_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  inference_time_sec: number | null;
  error_code: string | null;
  error_message: string | null;
  output_path: string | null;
  thumbnail_path: string | null;
  reused_from_job_id: number | null;
  updated_at: number;
  flag: string;
  stars: number;
  rated_at: number | null;
  output_deleted_at: number | null;
}

export function toJobRow(r: JobRecord): JobRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    inputId: r.input_id,
    ordinal: r.ordinal,
    key: r.key,
    prompt: r.prompt,
    promptIndex: r.prompt_index,
    negativePrompt: r.negative_prompt,
    negativeIndex: r.negative_index,
    seed: r.seed,
    style: r.style as StyleType,
    resolution: r.resolution as Resolution,
    resolutionMatched: r.resolution_matched === 1,
    imageWeight: r.image_weight,
    magicPrompt: r.magic_prompt as MagicPromptOption,
    palette: r.palette_json === null ? null : (JSON.parse(r.palette_json) as ColorPalette),
    state: r.state as JobState,
    attempts: r.attempts,
    requestId: r.request_id,
    statusUrl: r.status_url,
    responseUrl: r.response_url,
    submittedAt: r.submitted_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    inferenceTimeSec: r.inference_time_sec,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    outputPath: r.output_path,
    thumbnailPath: r.thumbnail_path,
    reusedFromJobId: r.reused_from_job_id,
    updatedAt: r.updated_at,
    flag: r.flag as Flag,
    stars: r.stars,
    ratedAt: r.rated_at,
    outputDeletedAt: r.output_deleted_at,
  };
}
