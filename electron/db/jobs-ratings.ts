/**
 * Ratings and culling on the `jobs` table (jobs-repo.ts merges these into the jobs repo): set a flag
 * and stars on results, count them per batch, the WHERE clause of each rating filter, and record that
 * a clean-up deleted an output file. Only results (completed or reused jobs) are rated: a job still
 * running has nothing to judge.
 */
import { filterMinStars, type RatingFilter, type RatingPatch } from '@shared/ratings';
import type { Database } from 'better-sqlite3';
import { type JobRecord, type JobRow, toJobRow } from './job-types';

export interface RatingCounts {
  picks: number;
  rejects: number;
  /** Results with one star or more (rejects excluded). */
  starred: number;
  /** Results whose output file a clean-up deleted. */
  deleted: number;
}

export interface JobRatings {
  /**
   * Applies `patch` to those of `ids` that are results, in one transaction; returns the rows that
   * changed (fresh). Unknown ids and jobs without a result are skipped.
   */
  rate(ids: readonly number[], patch: RatingPatch, at?: number): JobRow[];
  ratingCounts(batchId: string): RatingCounts;
  /** Marks the outputs of `ids` deleted (their rows stay); jobs without an output are skipped. Returns the count. */
  markOutputDeleted(ids: readonly number[], at?: number): number;
  /** Ids of jobs (any batch) whose live output is `path`: deleting the file takes it from all of them. */
  idsWithOutputPath(path: string): number[];
  /** Ids of jobs (any batch, output not deleted) showing `path` as their thumbnail (reused jobs share it). */
  idsWithThumbnailPath(path: string): number[];
}

/** Matches the partial index on rated jobs (migration 0004), so filters that imply it can use it. */
const RATED = "(flag <> 'none' OR stars > 0)";

/**
 * A rating filter as SQL over `jobs`. The text is chosen from this fixed table, never built from input;
 * the literals let SQLite see that a filter implies the rated-jobs index's condition (bound values hide
 * that from the planner).
 */
export function ratingWhere(filter: RatingFilter): string {
  const min = filterMinStars(filter);
  if (min !== null) return `flag <> 'reject' AND stars >= ${min} AND ${RATED}`;
  if (filter === 'unrated') return "flag = 'none' AND stars = 0";
  return filter === 'pick' ? `flag = 'pick' AND ${RATED}` : `flag = 'reject' AND ${RATED}`;
}

const RESULT_STATES = "state IN ('completed', 'skipped_duplicate')";

export function createJobRatings(db: Database, now: () => number): JobRatings {
  const rateOne = db.prepare<
    { id: number; flag: string | null; stars: number | null; at: number },
    JobRecord
  >(
    `UPDATE jobs SET flag = coalesce(@flag, flag), stars = coalesce(@stars, stars), rated_at = @at
     WHERE id = @id AND ${RESULT_STATES}
       AND (flag IS NOT coalesce(@flag, flag) OR stars IS NOT coalesce(@stars, stars))
     RETURNING *`,
  );
  const counts = db.prepare<[string], Omit<RatingCounts, 'deleted'>>(
    `SELECT
       count(*) FILTER (WHERE flag = 'pick') AS picks,
       count(*) FILTER (WHERE flag = 'reject') AS rejects,
       count(*) FILTER (WHERE flag <> 'reject' AND stars > 0) AS starred
     FROM jobs WHERE batch_id = ? AND ${RATED}`,
  );
  // Deleted outputs are few and have their own partial index; counted apart from the rated ones.
  const deletedCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM jobs WHERE batch_id = ? AND output_deleted_at IS NOT NULL',
  );
  const markDeleted = db.prepare<{ id: number; at: number }>(
    `UPDATE jobs SET output_deleted_at = @at, updated_at = @at
     WHERE id = @id AND output_path IS NOT NULL AND output_deleted_at IS NULL`,
  );
  const byOutput = db.prepare<[string], { id: number }>(
    'SELECT id FROM jobs WHERE output_path = ? AND output_deleted_at IS NULL',
  );
  const byThumb = db.prepare<[string], { id: number }>(
    'SELECT id FROM jobs WHERE thumbnail_path = ? AND output_deleted_at IS NULL',
  );

  const rate = db.transaction((ids: readonly number[], patch: RatingPatch, at: number): JobRow[] => {
    const out: JobRow[] = [];
    for (const id of new Set(ids)) {
      const row = rateOne.get({ id, flag: patch.flag ?? null, stars: patch.stars ?? null, at });
      if (row) out.push(toJobRow(row));
    }
    return out;
  });
  const markMany = db.transaction((ids: readonly number[], at: number): number => {
    let n = 0;
    for (const id of ids) n += markDeleted.run({ id, at }).changes;
    return n;
  });

  return {
    rate: (ids, patch, at = now()) => rate(ids, patch, at),
    ratingCounts(batchId) {
      const c = counts.get(batchId) ?? { picks: 0, rejects: 0, starred: 0 };
      return { ...c, deleted: deletedCount.get(batchId)?.n ?? 0 };
    },
    markOutputDeleted: (ids, at = now()) => markMany(ids, at),
    idsWithOutputPath: (path) => byOutput.all(path).map((r) => r.id),
    idsWithThumbnailPath: (path) => byThumb.all(path).map((r) => r.id),
  };
}
