import { DEFAULT_MEAN_LATENCY_MS, estimateSweepDuration, type SweepDurationInput } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

const base: SweepDurationInput = {
  jobsToPay: 0,
  concurrency: 4,
  medianLatencyMs: 1000,
  latencySigma: 0,
  requestsPerMinute: null,
};

/** Makespan of greedy slot filling with seeded log-normal durations, averaged over runs. */
function simulateMakespan(jobs: number, slots: number, median: number, sigma: number, runs = 200): number {
  let state = 12345;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const free = new Array<number>(slots).fill(0);
    for (let j = 0; j < jobs; j++) {
      const k = free.indexOf(Math.min(...free));
      free[k]! += median * Math.exp(sigma * normal());
    }
    total += Math.max(...free);
  }
  return total / runs;
}

describe('estimateSweepDuration', () => {
  it('is 0 for no jobs and one latency for a single job without spread', () => {
    expect(estimateSweepDuration(base)).toBe(0);
    expect(estimateSweepDuration({ ...base, jobsToPay: 1 })).toBe(1000);
  });

  it('counts slot waves without spread; concurrency below 1 counts as 1', () => {
    expect(estimateSweepDuration({ ...base, jobsToPay: 8 })).toBe(2000);
    expect(estimateSweepDuration({ ...base, jobsToPay: 10, concurrency: 0 })).toBe(10_000);
  });

  it("uses Segmind's headline latency when none has been seen", () => {
    expect(estimateSweepDuration({ ...base, jobsToPay: 1, medianLatencyMs: null })).toBe(
      DEFAULT_MEAN_LATENCY_MS,
    );
  });

  it.each([
    [200, 16, 0.25],
    [200, 8, 0.25],
    [1000, 16, 0.25],
    [10, 16, 0.25],
    [200, 16, 0.5],
  ])('is within 4 percent of a simulated run: %i jobs at concurrency %i, sigma %f', (jobs, slots, sigma) => {
    const estimate = estimateSweepDuration({
      ...base,
      jobsToPay: jobs,
      concurrency: slots,
      latencySigma: sigma,
    });
    const simulated = simulateMakespan(jobs, slots, 1000, sigma);
    expect(Math.abs(estimate - simulated) / simulated).toBeLessThan(0.04);
  });

  it('takes a measured mean for the waves, the median and spread for the last one', () => {
    // 8 jobs at concurrency 4, no spread: one wave at the mean, the last at the median.
    expect(estimateSweepDuration({ ...base, jobsToPay: 8, meanLatencyMs: 1200 })).toBe(2200);
  });

  it("adds the last result's fetch and write once", () => {
    expect(estimateSweepDuration({ ...base, jobsToPay: 8, finishMs: 150 })).toBe(2150);
    expect(estimateSweepDuration({ ...base, jobsToPay: 0, finishMs: 150 })).toBe(0);
  });

  it('is limited by the request budget when that is slower', () => {
    // 120 jobs x 3 requests at 60 requests per minute: 6 minutes, far above the slot limit.
    const input = { ...base, jobsToPay: 120, concurrency: 16, requestsPerMinute: 60 };
    expect(estimateSweepDuration(input)).toBe(6 * 60_000);
    expect(estimateSweepDuration({ ...input, requestsPerJob: 2 })).toBe(4 * 60_000);
    // A generous budget leaves the slot limit in charge.
    expect(estimateSweepDuration({ ...input, requestsPerMinute: 100_000 })).toBe(
      estimateSweepDuration({ ...input, requestsPerMinute: null }),
    );
  });
});
