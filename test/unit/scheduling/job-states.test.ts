import {
  BATCH_STATES,
  canTransition,
  IN_FLIGHT_STATES,
  isInFlight,
  isJobState,
  isTerminal,
  JOB_STATES,
  JOB_TRANSITIONS,
  type JobState,
  openJobs,
  settledBatchState,
  TERMINAL_STATES,
  totalJobs,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

describe('job states', () => {
  it('lists the eight states, four of them terminal and three in flight', () => {
    expect(JOB_STATES).toEqual([
      'pending',
      'submitting',
      'queued',
      'processing',
      'completed',
      'failed',
      'cancelled',
      'skipped_duplicate',
    ]);
    expect(JOB_STATES.filter(isTerminal)).toEqual([...TERMINAL_STATES]);
    expect(JOB_STATES.filter(isInFlight)).toEqual([...IN_FLIGHT_STATES]);
    expect(JOB_STATES.filter((s) => !isTerminal(s) && !isInFlight(s))).toEqual(['pending']);
  });

  it('recognises state names', () => {
    expect(isJobState('queued')).toBe(true);
    expect(isJobState('done')).toBe(false);
    expect(isJobState(3)).toBe(false);
  });

  it('allows the happy path and the user retry', () => {
    const path: JobState[] = ['pending', 'submitting', 'queued', 'processing', 'completed'];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('queued', 'completed')).toBe(true);
    expect(canTransition('failed', 'pending')).toBe(true);
    expect(canTransition('cancelled', 'pending')).toBe(true);
    expect(canTransition('submitting', 'pending')).toBe(true);
  });

  it('never resubmits a job holding a request id and never leaves completed', () => {
    expect(canTransition('queued', 'pending')).toBe(false);
    expect(canTransition('processing', 'pending')).toBe(false);
    expect(canTransition('processing', 'submitting')).toBe(false);
    for (const to of JOB_STATES) {
      expect(canTransition('completed', to)).toBe(false);
      expect(canTransition('skipped_duplicate', to)).toBe(false);
      expect(canTransition(to, to)).toBe(false);
    }
  });

  it('every non-terminal state can be cancelled and every target in the table is a state', () => {
    for (const from of JOB_STATES) {
      if (!isTerminal(from)) expect(canTransition(from, 'cancelled')).toBe(true);
      for (const to of JOB_TRANSITIONS[from]) expect(isJobState(to)).toBe(true);
    }
  });
});

describe('settledBatchState', () => {
  it('counts jobs and open jobs, treating missing states as 0', () => {
    const counts = { pending: 2, processing: 1, completed: 5, failed: 1 };
    expect(totalJobs(counts)).toBe(9);
    expect(openJobs(counts)).toBe(3);
    expect(totalJobs({})).toBe(0);
  });

  it('keeps a running batch running while any job is open', () => {
    expect(settledBatchState('running', { pending: 3, completed: 1 })).toBe('running');
    for (const state of ['submitting', 'queued', 'processing'] as const) {
      expect(settledBatchState('running', { [state]: 1, completed: 4 })).toBe('running');
    }
  });

  it('completes a running batch once every job is terminal, failures included, and an empty one', () => {
    expect(
      settledBatchState('running', { completed: 3, failed: 1, skipped_duplicate: 2, cancelled: 1 }),
    ).toBe('completed');
    expect(settledBatchState('running', {})).toBe('completed');
  });

  it('leaves every other state alone: paused and halted complete only once resumed', () => {
    const allDone = { completed: 3, failed: 1 };
    for (const state of BATCH_STATES.filter((s) => s !== 'running')) {
      expect(settledBatchState(state, allDone)).toBe(state);
      expect(settledBatchState(state, { pending: 1 })).toBe(state);
    }
  });
});
