import {
  BATCH_STATES,
  type BatchFlags,
  canTransition,
  deriveBatchState,
  IN_FLIGHT_STATES,
  isInFlight,
  isJobState,
  isTerminal,
  JOB_STATES,
  JOB_TRANSITIONS,
  type JobState,
  openJobs,
  TERMINAL_STATES,
  totalJobs,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';
import * as journal from '../../../electron/db/job-types';

const running: BatchFlags = { started: true, paused: false, cancelled: false, halted: false };

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

describe('agreement with the journal (electron/db/job-types.ts)', () => {
  it('uses the same state names, terminal and in-flight sets', () => {
    expect([...journal.JOB_STATES]).toEqual([...JOB_STATES]);
    expect([...journal.TERMINAL_JOB_STATES].sort()).toEqual([...TERMINAL_STATES].sort());
    expect([...journal.IN_FLIGHT_JOB_STATES].sort()).toEqual([...IN_FLIGHT_STATES].sort());
  });

  it('allows exactly the same transitions (the journal lists sources per target)', () => {
    for (const from of JOB_STATES) {
      for (const to of JOB_STATES) {
        expect(journal.JOB_TRANSITIONS[to].includes(from), `${from} -> ${to}`).toBe(canTransition(from, to));
      }
    }
  });
});

describe('deriveBatchState', () => {
  it('counts jobs and open jobs, treating missing states as 0', () => {
    const counts = { pending: 2, processing: 1, completed: 5, failed: 1 };
    expect(totalJobs(counts)).toBe(9);
    expect(openJobs(counts)).toBe(3);
    expect(totalJobs({})).toBe(0);
  });

  it('is draft before the first start, even with jobs', () => {
    expect(deriveBatchState({ pending: 3 }, { ...running, started: false })).toBe('draft');
  });

  it('is running while jobs are open and nothing stops it', () => {
    expect(deriveBatchState({ pending: 3, completed: 1 }, running)).toBe('running');
    expect(deriveBatchState({ queued: 1 }, running)).toBe('running');
  });

  it('is completed when every job is terminal, failures included, and for an empty started batch', () => {
    expect(deriveBatchState({ completed: 3, failed: 1, skipped_duplicate: 2 }, running)).toBe('completed');
    expect(deriveBatchState({}, running)).toBe('completed');
    expect(deriveBatchState({ completed: 3 }, { ...running, paused: true, halted: true })).toBe('completed');
  });

  it('puts cancelled above everything, paused above halted', () => {
    expect(deriveBatchState({ pending: 1 }, { ...running, cancelled: true })).toBe('cancelled');
    expect(deriveBatchState({ completed: 1 }, { ...running, cancelled: true })).toBe('cancelled');
    expect(deriveBatchState({ pending: 1 }, { ...running, paused: true, halted: true })).toBe('paused');
    expect(deriveBatchState({ pending: 1 }, { ...running, halted: true })).toBe('halted');
    expect(deriveBatchState({ processing: 1 }, { ...running, paused: true })).toBe('paused');
  });

  it('only ever answers a batch state', () => {
    for (const flags of [running, { ...running, started: false }, { ...running, halted: true }]) {
      expect(BATCH_STATES).toContain(deriveBatchState({ pending: 1 }, flags));
    }
  });
});
