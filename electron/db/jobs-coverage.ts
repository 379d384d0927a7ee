/**
 * Queries for the review checkpoint (issue 10 §4, "pause when every value has a result"): how many jobs,
 * in run order, it takes until every value of every axis has appeared; how many of those are still
 * open; and the checkpoint's passing, journaled as a note on the batch's first job (so a restart does
 * not stop at it twice). jobs-repo.ts merges these into the jobs repo.
 */
import type { Database } from 'better-sqlite3';
import type { JobEventsRepo } from './job-events-repo';

export interface JobCoverage {
  /** Jobs, in ordinal order, until every value of every axis has appeared (0 for an empty batch). */
  valueCoverageJobs(batchId: string): number;
  /** Jobs with ordinal below `ordinal` still open (pending or in flight). */
  openBefore(batchId: string, ordinal: number): number;
  /** Whether a pending job with ordinal `ordinal` or above exists. */
  pendingFrom(batchId: string, ordinal: number): boolean;
  /** Whether the batch's review checkpoint was passed (see markReviewPassed). */
  reviewPassed(batchId: string): boolean;
  markReviewPassed(batchId: string, at?: number): void;
}

/** Each axis's column, as the job row stores it (a palette's JSON, a matched size as `match`). */
const AXIS_COLUMNS = [
  'input_id',
  'prompt_index',
  'negative_prompt',
  'style',
  'seed',
  "CASE WHEN resolution_matched = 1 THEN 'match' ELSE resolution END",
  'image_weight',
  'magic_prompt',
  "coalesce(palette_json, 'null')",
];

const PASSED_NOTE = "kind = 'note' AND json_extract(detail_json, '$.reviewCheckpoint') = 'passed'";

export function createJobCoverage(db: Database, events: JobEventsRepo, now: () => number): JobCoverage {
  const firstOrdinals = AXIS_COLUMNS.map(
    (col) => `SELECT min(ordinal) AS first FROM jobs WHERE batch_id = @batchId GROUP BY ${col}`,
  ).join(' UNION ALL ');
  const coverage = db.prepare<{ batchId: string }, { last: number | null }>(
    `SELECT max(first) AS last FROM (${firstOrdinals})`,
  );
  const open = db.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM jobs WHERE batch_id = ? AND ordinal < ?
     AND state IN ('pending', 'submitting', 'queued', 'processing')`,
  );
  const pending = db.prepare<[string, number], { n: number }>(
    "SELECT count(*) AS n FROM (SELECT 1 FROM jobs WHERE batch_id = ? AND state = 'pending' AND ordinal >= ? LIMIT 1)",
  );
  const firstJob = db.prepare<[string], { id: number }>(
    'SELECT id FROM jobs WHERE batch_id = ? ORDER BY ordinal LIMIT 1',
  );
  const passed = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM job_events WHERE job_id = ? AND ${PASSED_NOTE}`,
  );
  return {
    valueCoverageJobs: (batchId) => {
      const last = coverage.get({ batchId })?.last;
      return last === null || last === undefined ? 0 : last + 1;
    },
    openBefore: (batchId, ordinal) => open.get(batchId, ordinal)?.n ?? 0,
    pendingFrom: (batchId, ordinal) => (pending.get(batchId, ordinal)?.n ?? 0) > 0,
    reviewPassed: (batchId) => {
      const first = firstJob.get(batchId);
      return first !== undefined && (passed.get(first.id)?.n ?? 0) > 0;
    },
    markReviewPassed: (batchId, at = now()) => {
      const first = firstJob.get(batchId);
      if (first) events.append({ jobId: first.id, kind: 'note', detail: { reviewCheckpoint: 'passed' }, at });
    },
  };
}
