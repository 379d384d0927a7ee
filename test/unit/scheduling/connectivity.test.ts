import {
  createConnectivity,
  DEFAULT_CONNECTIVITY_OPTIONS,
  describeOffline,
  onAnswer,
  onNetworkFailure,
  onProbeFailed,
  outageOverLimit,
  probeDelayMs,
} from '@shared/scheduling/connectivity';
import { describe, expect, it } from 'vitest';

const fail = (c: ReturnType<typeof createConnectivity>, nowMs: number) =>
  onNetworkFailure(c, { nowMs, cause: 'connect ECONNREFUSED', random01: 0 });

describe('connectivity', () => {
  it('goes offline after three network failures in a row within the window, not fewer', () => {
    let c = createConnectivity();
    c = fail(fail(c, 0), 100);
    expect(c.state).toBe('online');
    c = fail(c, 200);
    expect(c).toMatchObject({ state: 'offline', sinceMs: 200, probes: 0, cause: 'connect ECONNREFUSED' });
    expect(c.state === 'offline' && c.nextProbeMs).toBe(200 + DEFAULT_CONNECTIVITY_OPTIONS.probeInitialMs);
  });

  it('an answer in between, or failures spread beyond the window, keep it online', () => {
    let c = fail(fail(createConnectivity(), 0), 1);
    c = fail(onAnswer(2), 3);
    expect(c.state).toBe('online');
    c = fail(fail(fail(createConnectivity(), 0), 40_000), 80_000);
    expect(c.state).toBe('online');
  });

  it('probes with growing waits up to about a minute, and comes back on any answer', () => {
    let c = fail(fail(fail(createConnectivity(), 0), 0), 0);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = c.state === 'offline' ? c.nextProbeMs : 0;
      c = onProbeFailed(c, { nowMs: before, random01: 0 });
      waits.push((c.state === 'offline' ? c.nextProbeMs : 0) - before);
    }
    expect(waits.slice(0, 4)).toEqual([4_000, 8_000, 16_000, 32_000]);
    expect(Math.max(...waits)).toBe(60_000);
    expect(probeDelayMs(10, 0.999)).toBeLessThanOrEqual(60_000 * 1.2);
    expect(onAnswer(500_000)).toEqual({ state: 'online', lastOkMs: 500_000, recentFailuresMs: [] });
  });

  it('says "Offline — retrying in N s", and knows when an outage outlasts the user limit', () => {
    const c = fail(fail(fail(createConnectivity(), 0), 0), 0);
    expect(describeOffline(c, 0)).toBe('Offline — retrying in 2 s');
    expect(describeOffline(c, 5_000)).toBe('Offline — retrying now');
    expect(describeOffline(createConnectivity(), 0)).toBeNull();
    expect(outageOverLimit(c, 599_999, 600_000)).toBe(false);
    expect(outageOverLimit(c, 600_000, 600_000)).toBe(true);
    expect(outageOverLimit(c, 1e12, null)).toBe(false);
  });
});
