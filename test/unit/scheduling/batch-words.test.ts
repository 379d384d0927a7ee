/** The one batch vocabulary: words, tone and line for every state, failures never in the success tone. */
import { BATCH_STATES, describeBatch, JOB_STATES, type JobState } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

const counts = (c: Partial<Record<JobState, number>>) =>
  Object.fromEntries(JOB_STATES.map((s) => [s, c[s] ?? 0])) as Record<JobState, number>;

describe('describeBatch', () => {
  it('says a finished batch with failures as "Finished — 288 done, 48 failed", in the warning tone', () => {
    const w = describeBatch('completed', counts({ completed: 280, skipped_duplicate: 8, failed: 48 }));
    expect(w.line).toBe('Finished — 288 done, 48 failed');
    expect(w.detail).toBe('288 done, 48 failed');
    expect(w.tone).toBe('warn');
  });

  it('is in the success tone only when every job is done', () => {
    expect(describeBatch('completed', counts({ completed: 336 })).tone).toBe('ok');
    expect(describeBatch('completed', counts({ completed: 335, failed: 1 })).tone).toBe('warn');
    expect(describeBatch('completed', counts({ completed: 335, cancelled: 1 })).tone).toBe('warn');
    for (const state of BATCH_STATES)
      expect(describeBatch(state, counts({ completed: 1, failed: 1 })).tone).not.toBe('ok');
  });

  it('counts open batches as "of total" and never counts failed or cancelled jobs as done', () => {
    const w = describeBatch('running', counts({ completed: 100, failed: 3, pending: 200, processing: 4 }));
    expect(w.line).toBe('Running — 100 of 307 done, 3 failed');
    expect(w.done).toBe(100);
    expect(describeBatch('cancelled', counts({ completed: 95, cancelled: 241 })).line).toBe(
      'Cancelled — 95 done, 241 cancelled',
    );
    expect(describeBatch('paused', counts({ pending: 4 }))).toMatchObject({ word: 'Paused', tone: 'warn' });
    expect(describeBatch('halted', counts({ pending: 4 }))).toMatchObject({ word: 'Halted', tone: 'bad' });
    expect(describeBatch('draft', counts({ pending: 4 })).line).toBe('Not started — 0 of 4 done');
  });

  it('writes thousands with separators', () => {
    expect(describeBatch('completed', counts({ completed: 48_000 })).line).toBe('Finished — 48,000 done');
  });
});
