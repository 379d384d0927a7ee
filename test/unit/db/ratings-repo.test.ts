/**
 * Ratings in the journal (migration 0004): flags and stars on results only, the rating filters of
 * `page` selecting exactly what @shared/ratings' `matchesRating` says, counts per batch, deleted
 * outputs never reused by dedupe, who-else-uses-this-file lookups, and the grids table.
 */
import { matchesRating, RATING_FILTERS } from '@shared/ratings';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ratingWhere } from '../../../electron/db/jobs-ratings';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

function complete(id: number, outputPath = `/out/${id}.png`, thumbnailPath: string | null = null): void {
  t.journal.jobs.markSubmitting(id);
  t.journal.jobs.markCompleted(id, { outputPath, thumbnailPath, inferenceTimeSec: 1 });
}

describe('ratings in the jobs repo', () => {
  it('rates results only, returns the rows that changed and leaves the rest', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 3 });
    const [done, other, pending] = jobIds as [number, number, number];
    complete(done);
    complete(other);
    t.clock.now += 1000;
    const changed = t.journal.jobs.rate([done, pending, 999_999], { flag: 'pick' });
    expect(changed.map((r) => [r.id, r.flag, r.stars, r.ratedAt])).toEqual([[done, 'pick', 0, t.clock.now]]);
    expect(t.journal.jobs.get(pending)?.flag).toBe('none');
    // Stars alone keep the flag; the same rating again changes nothing (and is not returned).
    expect(t.journal.jobs.rate([done], { stars: 4 })[0]).toMatchObject({ flag: 'pick', stars: 4 });
    expect(t.journal.jobs.rate([done], { stars: 4 })).toEqual([]);
    expect(t.journal.jobs.rate([done, other], { flag: 'reject', stars: 0 }).map((r) => r.id)).toEqual([
      done,
      other,
    ]);
  });

  it('refuses stars outside 0..5 and unknown flags at the schema', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    complete(jobIds[0]!);
    expect(() => t.journal.jobs.rate(jobIds, { stars: 6 })).toThrow(/CHECK constraint/);
    expect(() => t.journal.jobs.rate(jobIds, { flag: 'maybe' as 'pick' })).toThrow(/CHECK constraint/);
    expect(t.journal.jobs.get(jobIds[0]!)).toMatchObject({ flag: 'none', stars: 0 });
  });

  it('filters pages by rating exactly as matchesRating does, and counts per batch', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 12 });
    const ratings = [
      { flag: 'pick', stars: 0 },
      { flag: 'pick', stars: 5 },
      { flag: 'reject', stars: 0 },
      { flag: 'reject', stars: 3 },
      { flag: 'none', stars: 1 },
      { flag: 'none', stars: 2 },
      { flag: 'none', stars: 3 },
      { flag: 'none', stars: 4 },
      { flag: 'none', stars: 5 },
      { flag: 'none', stars: 0 },
      { flag: 'none', stars: 0 },
    ] as const;
    ratings.forEach((r, i) => {
      complete(jobIds[i]!);
      t.journal.jobs.rate([jobIds[i]!], r);
    });
    // The twelfth job is still pending: unrated, and in the "unrated" filter like any other job.
    const all = t.journal.jobs.page(batchId, { limit: 100 }).rows;
    for (const filter of RATING_FILTERS) {
      const expected = all.filter((j) => matchesRating(j, filter)).map((j) => j.id);
      expect(
        t.journal.jobs.page(batchId, { rating: filter }).rows.map((j) => j.id),
        filter,
      ).toEqual(expected);
      expect(expected.length, `${filter} selects something`).toBeGreaterThan(0);
    }
    expect(t.journal.jobs.page(batchId, { rating: 'stars-3', state: 'completed' }).total).toBe(4);
    expect(t.journal.jobs.ratingCounts(batchId)).toEqual({ picks: 2, rejects: 2, starred: 6, deleted: 0 });
  });

  it('marks outputs deleted: counted, never reused by dedupe, not listed as a file user', () => {
    const a = seedBatch(t.journal, { jobCount: 2, createdAt: 1 });
    const b = seedBatch(t.journal, { jobCount: 2, createdAt: 2 });
    complete(a.jobIds[0]!, '/out/a0.png', '/thumbs/a0.webp');
    t.clock.now += 10;
    complete(b.jobIds[0]!, '/out/b0.png', '/thumbs/a0.webp');
    expect(t.journal.jobs.findCompletedByKey('key-0')?.id).toBe(b.jobIds[0]);
    expect(t.journal.jobs.idsWithThumbnailPath('/thumbs/a0.webp')).toEqual([a.jobIds[0], b.jobIds[0]]);

    // The second job of b never finished: it has no output to delete.
    expect(t.journal.jobs.markOutputDeleted([b.jobIds[0]!, b.jobIds[1]!])).toBe(1);
    expect(t.journal.jobs.markOutputDeleted([b.jobIds[0]!])).toBe(0);
    expect(t.journal.jobs.get(b.jobIds[0]!)).toMatchObject({
      outputDeletedAt: t.clock.now,
      outputPath: '/out/b0.png',
      state: 'completed',
    });
    // The older live output is the one dedupe may reuse now.
    expect(t.journal.jobs.findCompletedByKey('key-0')?.id).toBe(a.jobIds[0]);
    expect(t.journal.jobs.idsWithOutputPath('/out/b0.png')).toEqual([]);
    expect(t.journal.jobs.idsWithThumbnailPath('/thumbs/a0.webp')).toEqual([a.jobIds[0]]);
    expect(t.journal.jobs.ratingCounts(b.batchId).deleted).toBe(1);
  });

  it('answers the flag and star filters, the counts and the deleted count from small partial indexes', () => {
    seedBatch(t.journal);
    t.journal.close();
    const db = new Database(t.file);
    try {
      const plan = (where: string) =>
        (
          db
            .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM jobs WHERE batch_id = 'b' AND ${where}`)
            .all() as {
            detail: string;
          }[]
        )
          .map((r) => r.detail)
          .join('\n');
      for (const filter of ['pick', 'reject', 'stars-1', 'stars-5'] as const)
        expect(plan(ratingWhere(filter)), filter).toContain('jobs_batch_rated');
      expect(plan('output_deleted_at IS NOT NULL')).toContain('jobs_output_deleted');
    } finally {
      db.close();
      t = openTempJournal();
    }
  });
});

describe('grids repo', () => {
  it('keeps one row per batch, input and axes, replaced when written again, gone with the batch', () => {
    const { batchId, inputIds } = seedBatch(t.journal, { jobCount: 2, inputCount: 2 });
    const grid = { batchId, xAxis: 'seed', yAxis: 'style', width: 10, height: 20 };
    const first = t.journal.grids.put({ ...grid, inputId: inputIds[1]!, path: '/g/p1.png' });
    t.journal.grids.put({ ...grid, inputId: inputIds[0]!, path: '/g/p0.png' });
    t.clock.now += 5;
    const again = t.journal.grids.put({ ...grid, inputId: inputIds[1]!, path: '/g/p1b.png', width: 30 });
    expect(again).toMatchObject({ id: first.id, path: '/g/p1b.png', width: 30, createdAt: t.clock.now });
    expect(t.journal.grids.listByBatch(batchId).map((g) => g.path)).toEqual(['/g/p0.png', '/g/p1b.png']);
    expect(t.journal.grids.get(first.id)?.inputId).toBe(inputIds[1]);
    t.journal.batches.remove(batchId);
    expect(t.journal.grids.listByBatch(batchId)).toEqual([]);
  });
});
