/**
 * A batch's pace on its own running clock: paused time does not count (the figures freeze instead of
 * decaying), other batches' completions never count, the model before any observation is concurrency over
 * the learnt latency capped by the request budget, and there is no ETA without either.
 */
import {
  estimatePace,
  modelRate,
  newPaceClock,
  observedRate,
  type PaceClock,
  recordCompletion,
  runningTime,
  setRunning,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

/** A clock running from t=0 with a completion every `every` ms for `n` completions. */
function steady(n: number, every: number): { clock: PaceClock; now: number } {
  let clock = setRunning(newPaceClock(), true, 0);
  for (let k = 1; k <= n; k += 1) clock = recordCompletion(clock, k * every);
  return { clock, now: n * every };
}

const base = {
  remainingJobs: 100,
  inFlight: 0,
  concurrency: 4,
  medianLatencyMs: null,
  requestsPerMinute: null,
};

describe('the running clock', () => {
  it('counts only running time', () => {
    let clock = setRunning(newPaceClock(), true, 1000);
    expect(runningTime(clock, 4000)).toBe(3000);
    clock = setRunning(clock, false, 4000);
    expect(runningTime(clock, 60_000)).toBe(3000);
    clock = setRunning(clock, true, 100_000);
    expect(runningTime(clock, 101_000)).toBe(4000);
    expect(setRunning(clock, true, 200_000)).toBe(clock);
  });
});

describe('estimatePace', () => {
  it('uses the observed rate once enough jobs completed', () => {
    const { clock, now } = steady(10, 6000); // 10 jobs a minute
    const pace = estimatePace({ ...base, clock, now });
    expect(pace.basis).toBe('observed');
    expect(pace.jobsPerMinute).toBeCloseTo(10, 5);
    expect(pace.etaMs).toBeCloseTo(10 * 60_000, -2);
  });

  it('freezes while paused: an hour later the rate and ETA are what they were', () => {
    const { clock, now } = steady(10, 6000);
    const paused = setRunning(clock, false, now);
    const atPause = estimatePace({ ...base, clock: paused, now });
    const later = estimatePace({ ...base, clock: paused, now: now + 3_600_000 });
    expect(later).toEqual(atPause);
    // With wall time instead of running time the same hour would have cut the rate to a seventh.
    expect(later.jobsPerMinute).toBeCloseTo(10, 5);
  });

  it('counts only this batch: a fresh batch has no observed rate and no ETA without a learnt latency', () => {
    const fresh = setRunning(newPaceClock(), true, 0);
    expect(estimatePace({ ...base, clock: fresh, now: 5000 })).toEqual({
      etaMs: null,
      jobsPerMinute: 0,
      basis: 'none',
    });
  });

  it('before observations: concurrency over the learnt latency, capped by the request budget', () => {
    expect(
      (modelRate({ concurrency: 4, medianLatencyMs: 10_000, requestsPerMinute: null }) ?? 0) * 60_000,
    ).toBeCloseTo(24);
    // 30 requests a minute at 3 a job is 10 jobs a minute, below the 24 the slots allow.
    expect(
      (modelRate({ concurrency: 4, medianLatencyMs: 10_000, requestsPerMinute: 30 }) ?? 0) * 60_000,
    ).toBeCloseTo(10);
    expect(modelRate({ concurrency: 4, medianLatencyMs: null, requestsPerMinute: 30 })).toBeNull();
    const clock = setRunning(newPaceClock(), true, 0);
    const pace = estimatePace({ ...base, clock, now: 1000, medianLatencyMs: 10_000, requestsPerMinute: 30 });
    expect(pace.basis).toBe('model');
    expect(pace.etaMs).toBeCloseTo(10 * 60_000, -2);
  });

  it('is 0 when nothing is left and counts jobs in flight as half done', () => {
    const { clock, now } = steady(10, 6000);
    expect(estimatePace({ ...base, clock, now, remainingJobs: 0 }).etaMs).toBe(0);
    expect(estimatePace({ ...base, clock, now, remainingJobs: 0, inFlight: 4 }).etaMs).toBeCloseTo(
      12_000,
      -2,
    );
  });

  it('needs enough samples in the window of running time', () => {
    const { clock, now } = steady(4, 1000);
    expect(observedRate({ clock, now })).toBeNull();
    const old = steady(10, 1000);
    expect(observedRate({ clock: old.clock, now: old.now + 10 * 60_000 })).toBeNull();
  });
});
