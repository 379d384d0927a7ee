/**
 * The batch store's pure merge rules: countStates and mergeJobs (what every `jobs:changed` delta goes
 * through). The store module builds the studio client from `window` at import time (via api/studio-api),
 * so that one import is stubbed; nothing here talks to main.
 */

import { JOB_STATES } from '@shared/scheduling';
import { describe, expect, it, vi } from 'vitest';
import { countStates, mergeJobs } from '../../../renderer/src/stores/batch-store';
import { makeJob, makeJobs } from './job-fixture';

vi.mock('../../../renderer/src/api/studio-api', () => ({ studio: {} }));

describe('countStates', () => {
  it('has a zero for every state when there are no jobs', () => {
    const counts = countStates([]);
    expect(Object.keys(counts).sort()).toEqual([...JOB_STATES].sort());
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('counts each state and the counts add up to the number of jobs', () => {
    const states = [
      'completed',
      'failed',
      'completed',
      'pending',
      'skipped_duplicate',
      'processing',
    ] as const;
    const jobs = makeJobs(states.length, (i) => ({ state: states[i] }));
    const counts = countStates(jobs);
    expect(counts).toMatchObject({
      completed: 2,
      failed: 1,
      pending: 1,
      skipped_duplicate: 1,
      processing: 1,
    });
    expect(counts.cancelled).toBe(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(jobs.length);
  });
});

describe('mergeJobs', () => {
  const held = makeJobs(4, () => ({ state: 'pending' }));

  it('returns the same array when the delta holds nothing for this batch', () => {
    expect(mergeJobs(held, [], 'b1')).toBe(held);
    expect(mergeJobs(held, [makeJob({ id: 2, batchId: 'other', state: 'failed' })], 'b1')).toBe(held);
  });

  it('replaces a changed job in place and keeps the identity of untouched jobs', () => {
    const fresh = makeJob({ id: 3, ordinal: 2, state: 'processing' });
    const next = mergeJobs(held, [fresh], 'b1');
    expect(next).not.toBe(held);
    expect(next.map((j) => j.id)).toEqual([1, 2, 3, 4]);
    expect(next[2]).toBe(fresh);
    for (const i of [0, 1, 3]) expect(next[i]).toBe(held[i]);
    // The array held before is not mutated (React sees a new array, old renders stay valid).
    expect(held[2]?.state).toBe('pending');
  });

  it('ignores rows of another batch even when their id matches a held job', () => {
    const next = mergeJobs(
      held,
      [
        makeJob({ id: 1, batchId: 'other', state: 'failed' }),
        makeJob({ id: 2, ordinal: 1, state: 'queued' }),
      ],
      'b1',
    );
    expect(next.map((j) => j.state)).toEqual(['pending', 'queued', 'pending', 'pending']);
  });

  it('adds jobs it did not hold in ordinal order', () => {
    const sparse = [makeJob({ id: 1, ordinal: 0 }), makeJob({ id: 4, ordinal: 3 })];
    const next = mergeJobs(sparse, [makeJob({ id: 9, ordinal: 5 }), makeJob({ id: 3, ordinal: 2 })], 'b1');
    expect(next.map((j) => j.ordinal)).toEqual([0, 2, 3, 5]);
    expect(next).toHaveLength(4);
  });

  it('keeps the last version when one delta carries a job twice, and never duplicates it', () => {
    const older = makeJob({ id: 2, ordinal: 1, state: 'processing' });
    const newer = makeJob({ id: 2, ordinal: 1, state: 'completed' });
    expect(mergeJobs(held, [older, newer], 'b1')[1]).toBe(newer);
    const added = mergeJobs(
      [],
      [makeJob({ id: 7, state: 'queued' }), makeJob({ id: 7, state: 'failed' })],
      'b1',
    );
    expect(added.map((j) => [j.id, j.state])).toEqual([[7, 'failed']]);
  });

  it('keeps the newest version across deltas: a later delta without the job does not bring back an old one', () => {
    let jobs = mergeJobs(held, [makeJob({ id: 1, ordinal: 0, state: 'processing' })], 'b1');
    const done = makeJob({ id: 1, ordinal: 0, state: 'completed' });
    jobs = mergeJobs(jobs, [done], 'b1');
    jobs = mergeJobs(jobs, [makeJob({ id: 2, ordinal: 1, state: 'queued' })], 'b1');
    expect(jobs[0]).toBe(done);
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'queued', 'pending', 'pending']);
    expect(countStates(jobs)).toMatchObject({ completed: 1, queued: 1, pending: 2 });
  });

  it('lets a user retry move a failed job back to pending', () => {
    const failed = [makeJob({ id: 1, state: 'failed', attempts: 1 })];
    expect(mergeJobs(failed, [makeJob({ id: 1, state: 'pending', attempts: 1 })], 'b1')[0]?.state).toBe(
      'pending',
    );
  });

  // Deltas buffered while the pages loaded are merged after them, but the change feed reads rows at
  // flush time, so such a delta can be older than the page. `completed` and `skipped_duplicate` are
  // final, so a row leaving them can only be stale and is refused.
  it('refuses a stale row that would move a job out of a final state', () => {
    const done = [makeJob({ id: 1, state: 'completed', hasOutput: true })];
    const stale = makeJob({ id: 1, state: 'processing' });
    expect(mergeJobs(done, [stale], 'b1')[0]?.state).toBe('completed');
  });
});
