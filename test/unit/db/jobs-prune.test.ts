/**
 * Prune in the journal (issue 10 §4): `prunePending` cancels only the pending jobs of one axis value,
 * marking them pruned (the ledger's `countPruned` counts exactly those; a plain cancel is not counted);
 * jobs in flight or finished are left alone; `unprune` puts exactly the pruned ones back to pending.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

describe('jobs repo: prune and undo', () => {
  it('prunes the pending jobs of a style, leaves in-flight and finished ones, and undoes exactly those', () => {
    // Odd ordinals are ANIME (journal-fixture); ordinal 1 in flight, ordinal 3 completed.
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 10 });
    const jobs = t.journal.jobs;
    jobs.markSubmitting(jobIds[1]!);
    jobs.markSubmitting(jobIds[3]!);
    jobs.markCompleted(jobIds[3]!, { outputPath: '/o.png', thumbnailPath: null, inferenceTimeSec: 1 });
    jobs.markCancelled(jobIds[0]!); // a plain cancel (GENERAL) is not a prune

    const pruned = jobs.prunePending(batchId, { axis: 'style', value: 'ANIME' }, { label: 'style ANIME' });
    expect(pruned).toEqual([jobIds[5], jobIds[7], jobIds[9]]);
    expect(jobs.get(jobIds[5]!)).toMatchObject({
      state: 'cancelled',
      errorCode: 'pruned',
      errorMessage: 'skipped: the rest of style ANIME was pruned',
    });
    expect(jobs.get(jobIds[1]!)?.state).toBe('submitting');
    expect(jobs.get(jobIds[3]!)?.state).toBe('completed');
    expect(t.journal.ledger.countPruned(batchId)).toBe(3);
    expect(jobs.countsByState(batchId)).toMatchObject({ cancelled: 4, pending: 4 });
    // Pruning again finds nothing pending of that value.
    expect(jobs.prunePending(batchId, { axis: 'style', value: 'ANIME' })).toEqual([]);

    expect(jobs.unprune(batchId, { axis: 'style', value: 'ANIME' })).toEqual(pruned);
    expect(jobs.get(jobIds[5]!)).toMatchObject({ state: 'pending', errorCode: null, attempts: 0 });
    expect(jobs.get(jobIds[0]!)?.state).toBe('cancelled'); // the plain cancel stays
    expect(t.journal.ledger.countPruned(batchId)).toBe(0);
    expect(t.journal.jobEvents.listForJob(jobIds[5]!).map((e) => [e.toState, e.detail])).toEqual([
      ['cancelled', { pruned: { axis: 'style', value: 'ANIME' } }],
      ['pending', { unpruned: { axis: 'style', value: 'ANIME' } }],
    ]);
  });

  it('matches numeric axes by their key: a prompt by index, an input by row id, a seed', () => {
    const { batchId, inputIds } = seedBatch(t.journal, { jobCount: 12, inputCount: 2 });
    const jobs = t.journal.jobs;
    expect(jobs.prunePending(batchId, { axis: 'prompt', value: '2' })).toHaveLength(4); // ordinals 2,5,8,11
    expect(jobs.prunePending(batchId, { axis: 'input', value: String(inputIds[0]) })).toHaveLength(4); // 0,4,6,10
    expect(jobs.prunePending(batchId, { axis: 'seed', value: '101' })).toHaveLength(1);
    expect(t.journal.ledger.countPruned(batchId)).toBe(9);
    expect(jobs.unprune(batchId, { axis: 'prompt', value: '2' })).toHaveLength(4);
    expect(t.journal.ledger.countPruned(batchId)).toBe(5);
  });
});
