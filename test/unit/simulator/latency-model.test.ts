import { describe, expect, it } from 'vitest';
import { medianLatencyMs, planLatency } from '../../../electron/simulator/latency-model';

const base = { latencyScale: 1, latencySigma: 0.25, queueFraction: 0.2, inFlight: 0 };

describe('latency model', () => {
  it('has the real median (~12.7 s) at scale 1 and scales linearly', () => {
    const median = planLatency({ ...base, normal: 0 });
    expect(median.queueMs + median.processMs).toBeCloseTo(12_700, 5);
    expect(medianLatencyMs(0.02)).toBeCloseTo(254, 5);
    const scaled = planLatency({ ...base, latencyScale: 0.02, normal: 0 });
    expect(scaled.queueMs + scaled.processMs).toBeCloseTo(254, 5);
  });

  it('is right-skewed (log-normal) and clamps extreme draws', () => {
    const up = planLatency({ ...base, normal: 1 });
    const down = planLatency({ ...base, normal: -1 });
    expect(up.queueMs + up.processMs - 12_700).toBeGreaterThan(12_700 - (down.queueMs + down.processMs));
    const extreme = planLatency({ ...base, normal: 50 });
    expect(extreme.queueMs + extreme.processMs).toBeCloseTo(12_700 * Math.exp(0.75), 3);
  });

  it('splits queue and processing time by queueFraction', () => {
    const plan = planLatency({ ...base, normal: 0, queueFraction: 0.25 });
    expect(plan.queueMs).toBeCloseTo(12_700 * 0.25, 5);
    expect(plan.processMs).toBeCloseTo(12_700 * 0.75, 5);
  });

  it('queues longer when many jobs are in flight, up to a cap', () => {
    const idle = planLatency({ ...base, normal: 0 });
    const busy = planLatency({ ...base, normal: 0, inFlight: 20 });
    const swamped = planLatency({ ...base, normal: 0, inFlight: 10_000 });
    expect(busy.queueMs).toBeGreaterThan(idle.queueMs);
    expect(busy.processMs).toBe(idle.processMs);
    expect(swamped.queueMs - idle.queueMs).toBeLessThanOrEqual(12_700 * 0.5 + 1e-6);
  });
});
