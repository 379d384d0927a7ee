import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_STATES } from '../../../electron/db';
import { jobAt, openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

describe('jobs repo: insert and queries', () => {
  it('inserts jobs with every parameter and maps input indexes to input ids', () => {
    const { batchId, inputIds } = seedBatch(t.journal, { jobCount: 4, inputCount: 2 });
    const palette = { name: 'EMBER' as const };
    t.journal.jobs.insertMany(batchId, [
      jobAt(10, 1, { palette, negativePrompt: 'blurry', magicPrompt: 'OFF' }),
    ]);
    const row = t.journal.jobs.page(batchId, { limit: 10 }).rows.find((r) => r.ordinal === 10)!;
    expect(row).toMatchObject({
      batchId,
      inputId: inputIds[1],
      key: 'key-10',
      prompt: 'a red coat 1',
      promptIndex: 1,
      negativePrompt: 'blurry',
      seed: 110,
      style: 'GENERAL',
      resolution: 'RESOLUTION_1024_1024',
      imageWeight: 50,
      magicPrompt: 'OFF',
      palette,
      state: 'pending',
      attempts: 0,
      requestId: null,
      updatedAt: t.clock.now,
    });
  });

  it('refuses a job whose input index the batch lacks, rolling back the caller transaction', () => {
    const { batchId } = seedBatch(t.journal, { jobCount: 2, inputCount: 1 });
    expect(() =>
      t.journal.transaction(() => t.journal.jobs.insertMany(batchId, [jobAt(5, 0), jobAt(6, 3)])),
    ).toThrow(/job 6 refers to input 3/);
    expect(t.journal.jobs.countsByState(batchId).pending).toBe(2);
  });

  it('rejects a duplicate ordinal within a batch', () => {
    const { batchId } = seedBatch(t.journal, { jobCount: 2 });
    expect(() => t.journal.jobs.insertMany(batchId, [jobAt(1)])).toThrow(/UNIQUE/);
  });

  it('streams the iterable: each row is written before the next is pulled', () => {
    const { batchId } = seedBatch(t.journal, { jobCount: 0 });
    const seen: number[] = [];
    const journal = t.journal;
    function* gen() {
      for (let i = 0; i < 5; i++) {
        seen.push(journal.jobs.countsByState(batchId).pending);
        yield jobAt(i);
      }
    }
    expect(journal.transaction(() => journal.jobs.insertMany(batchId, gen()))).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('lists pending jobs in ordinal order, after a cursor', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 6 });
    t.journal.jobs.markSubmitting(jobIds[1]!);
    expect(t.journal.jobs.listPending(batchId, 3).map((j) => j.ordinal)).toEqual([0, 2, 3]);
    expect(t.journal.jobs.listPending(batchId, 10, 3).map((j) => j.ordinal)).toEqual([4, 5]);
  });

  it('counts by state with every state present', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 3 });
    t.journal.jobs.markFailed(jobIds[0]!, 'input_error', 'corrupt');
    const counts = t.journal.jobs.countsByState(batchId);
    expect(Object.keys(counts).sort()).toEqual([...JOB_STATES].sort());
    expect(counts).toMatchObject({ pending: 2, failed: 1, completed: 0 });
  });

  it('pages with filters and a total', () => {
    const { batchId, inputIds, jobIds } = seedBatch(t.journal, { jobCount: 12, inputCount: 2 });
    t.journal.jobs.markFailed(jobIds[4]!, 'x', 'y');
    const all = t.journal.jobs.page(batchId, { offset: 2, limit: 3 });
    expect(all.total).toBe(12);
    expect(all.rows.map((r) => r.ordinal)).toEqual([2, 3, 4]);
    expect(t.journal.jobs.page(batchId, { style: 'ANIME' }).rows.every((r) => r.style === 'ANIME')).toBe(
      true,
    );
    expect(t.journal.jobs.page(batchId, { style: 'ANIME' }).total).toBe(6);
    expect(t.journal.jobs.page(batchId, { seed: 107 }).rows.map((r) => r.ordinal)).toEqual([7]);
    expect(
      t.journal.jobs.page(batchId, { promptIndex: 0, inputId: inputIds[0] }).rows.map((r) => r.ordinal),
    ).toEqual([0, 6]);
    expect(t.journal.jobs.page(batchId, { state: 'failed' }).rows.map((r) => r.ordinal)).toEqual([4]);
    expect(t.journal.jobs.page(batchId, { state: ['failed', 'pending'] }).total).toBe(12);
    expect(t.journal.jobs.page(batchId, { limit: 100_000 }).rows).toHaveLength(12);
  });

  it('filters by a prompt substring, case-insensitively, with the other filters', () => {
    const { batchId } = seedBatch(t.journal, { jobCount: 12, inputCount: 2 });
    // Prompts are "a red coat 0/1/2" by ordinal % 3.
    expect(t.journal.jobs.page(batchId, { promptContains: 'COAT 1' }).rows.map((r) => r.ordinal)).toEqual([
      1, 4, 7, 10,
    ]);
    expect(t.journal.jobs.page(batchId, { promptContains: 'coat 1', style: 'ANIME' }).total).toBe(2);
    expect(t.journal.jobs.page(batchId, { promptContains: 'blue' }).total).toBe(0);
    // A LIKE wildcard in the text is just text.
    expect(t.journal.jobs.page(batchId, { promptContains: '%' }).total).toBe(0);
  });

  it('counts what a filter passes: in all, per input in list order, per state ignoring its own states', () => {
    const { batchId, inputIds, jobIds } = seedBatch(t.journal, { jobCount: 12, inputCount: 3 });
    t.journal.jobs.markFailed(jobIds[4]!, 'x', 'y');
    t.journal.jobs.markFailed(jobIds[5]!, 'x', 'y');
    const all = t.journal.jobs.filteredCounts(batchId);
    expect(all.total).toBe(12);
    expect(all.byInput).toEqual(inputIds.map((inputId) => ({ inputId, count: 4 })));
    expect(all.byState).toMatchObject({ pending: 10, failed: 2, completed: 0 });

    const failed = t.journal.jobs.filteredCounts(batchId, { state: ['failed'] });
    expect(failed.total).toBe(2);
    // Ordinals 4 and 5 belong to inputs 1 and 2 (ordinal % 3).
    expect(failed.byInput).toEqual([
      { inputId: inputIds[1], count: 1 },
      { inputId: inputIds[2], count: 1 },
    ]);
    expect(failed.byState).toMatchObject({ pending: 10, failed: 2 });

    const anime = t.journal.jobs.filteredCounts(batchId, { style: 'ANIME', state: 'failed' });
    // Ordinal 5 is ANIME and failed; the per-state counts keep the style filter but not the state one.
    expect(anime.total).toBe(1);
    expect(anime.byState).toMatchObject({ pending: 5, failed: 1 });
    // The totals agree with the pages the same filter lists.
    expect(t.journal.jobs.page(batchId, { style: 'ANIME', state: 'failed' }).total).toBe(anime.total);
  });

  it('finds the latest completed job by key, across batches, ignoring unfinished ones', () => {
    const a = seedBatch(t.journal, { jobCount: 2, createdAt: 1 });
    const b = seedBatch(t.journal, { jobCount: 2, createdAt: 2 });
    expect(t.journal.jobs.findCompletedByKey('key-0')).toBeUndefined();
    for (const [id, at] of [
      [a.jobIds[0]!, 10],
      [b.jobIds[0]!, 20],
    ] as const) {
      t.journal.jobs.markSubmitting(id);
      t.journal.jobs.markCompleted(
        id,
        { outputPath: `/out/${id}.png`, thumbnailPath: null, inferenceTimeSec: 1 },
        at,
      );
    }
    expect(t.journal.jobs.findCompletedByKey('key-0')?.id).toBe(b.jobIds[0]);
    expect(t.journal.jobs.findCompletedByKey('key-1')).toBeUndefined();
  });
});
