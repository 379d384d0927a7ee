import {
  describeSweepEstimate,
  estimateRemaining,
  formatDuration,
  type RemainingInput,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

const base: RemainingInput = {
  remainingJobs: 0,
  inFlight: 0,
  effectiveConcurrency: 4,
  meanLatencyMs: null,
  completedRecentTimestamps: [],
  nowMs: 1_000_000,
};

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [400, '0 s'],
    [45_000, '45 s'],
    [59_400, '59 s'],
    [59_600, '1 m 00 s'],
    [185_000, '3 m 05 s'],
    [3_599_000, '59 m 59 s'],
    [3_600_000, '1 h 00 m'],
    [9_600_000, '2 h 40 m'],
    [9_629_000, '2 h 40 m'],
    [86_399_000, '1 d 00 h'],
    [(3 * 24 + 4) * 3_600_000, '3 d 04 h'],
    [-5, '0 s'],
    [Number.POSITIVE_INFINITY, '—'],
    [Number.NaN, '—'],
  ])('%s ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('describeSweepEstimate', () => {
  it('phrases the composer line at the headline latency (model in sweep-duration.test.ts)', () => {
    expect(describeSweepEstimate(3028, 4)).toBe('est. 2 h 50 m at concurrency 4');
    expect(describeSweepEstimate(48_000, 16)).toBe('est. 11 h 15 m at concurrency 16');
    expect(describeSweepEstimate(0, 4)).toBe('est. 0 s at concurrency 4');
  });
});

describe('estimateRemaining', () => {
  it('is 0 when nothing is left', () => {
    expect(estimateRemaining(base).etaMs).toBe(0);
  });

  it('is unknown without observations or latency', () => {
    expect(estimateRemaining({ ...base, remainingJobs: 5 })).toEqual({
      etaMs: null,
      jobsPerMinute: 0,
      basis: 'none',
    });
  });

  it('falls back to concurrency / mean latency, counting in-flight jobs as half done', () => {
    const est = estimateRemaining({ ...base, remainingJobs: 8, inFlight: 4, meanLatencyMs: 10_000 });
    expect(est.basis).toBe('model');
    expect(est.etaMs).toBeCloseTo(25_000);
    expect(est.jobsPerMinute).toBeCloseTo(24);
    expect(
      estimateRemaining({ ...base, remainingJobs: 8, meanLatencyMs: 10_000, effectiveConcurrency: 0 }).etaMs,
    ).toBeNull();
  });

  it('uses the observed rate over the window once enough completions exist', () => {
    const now = base.nowMs;
    const stamps = Array.from({ length: 30 }, (_, i) => now - 60_000 + i * 2000); // ~30 per minute
    const est = estimateRemaining({
      ...base,
      remainingJobs: 60,
      meanLatencyMs: 1,
      completedRecentTimestamps: stamps,
      startedAtMs: now - 60_000,
    });
    expect(est.basis).toBe('observed');
    expect(est.jobsPerMinute).toBeCloseTo(30);
    expect(est.etaMs).toBeCloseTo(120_000);
  });

  it('ignores completions outside the window and without a start time measures from the oldest', () => {
    const now = base.nowMs;
    const old = Array.from({ length: 100 }, (_, i) => now - 3_600_000 + i);
    const recent = Array.from({ length: 11 }, (_, i) => now - 100_000 + i * 10_000); // last at now
    const est = estimateRemaining({
      ...base,
      remainingJobs: 6,
      completedRecentTimestamps: [...old, ...recent],
    });
    expect(est.basis).toBe('observed');
    expect(est.jobsPerMinute).toBeCloseTo(6);
    expect(est.etaMs).toBeCloseTo(60_000);
  });

  it('falls back to the model below the minimum sample count', () => {
    const est = estimateRemaining({
      ...base,
      remainingJobs: 4,
      meanLatencyMs: 4000,
      completedRecentTimestamps: [base.nowMs - 10],
    });
    expect(est.basis).toBe('model');
  });
});
