import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generate, headers, params, post, sourcePng, submit, waitTerminal } from './sim-fixture';

describe('simulator stats', () => {
  let sim: SimulatorHandle;
  let image: Buffer;

  beforeAll(async () => {
    sim = await startSimulator({ latencyScale: 0.002, credits: 100 });
    image = await sourcePng();
  });
  afterAll(() => sim.close());

  it('count every request by endpoint and outcome, and duplicate submits by fingerprint', async () => {
    sim.resetStats();
    await generate(sim, params(image, { seed: 300 })); // submit + >=1 status + result + media
    const dup = await submit(sim, params(image, { seed: 300 }));
    await waitTerminal(sim, dup.status_url);
    await fetch(dup.poll_url, { headers: headers(sim) });
    await post(sim, 'v1', params(image, { seed: 301 }));
    await post(sim, 'v2', params(image), null); // 401
    await post(sim, 'v2', params(image, { seed: 1 })); // 400
    await fetch(`${sim.url}/v2/requests/unknown-id/status`, { headers: headers(sim) }); // 404

    const stats = sim.stats();
    const total = Object.values(stats.requests)
      .flatMap((outcomes) => Object.values(outcomes))
      .reduce((a, b) => a + b, 0);
    expect(stats.totalRequests).toBe(total);
    expect(stats.requests['v2.submit']).toEqual({ '200': 2, '401': 1, '400': 1 });
    expect(stats.requests['v2.result']).toEqual({ '200': 1 });
    expect(stats.requests.media).toEqual({ '200': 1 });
    expect(stats.requests['v1.sync']).toEqual({ '200': 1 });
    expect(stats.requests['v1.poll']).toEqual({ '200': 1 });
    expect(stats.requests['v2.status']?.['404']).toBe(1);
    expect(stats.acceptedSubmits).toBe(3);
    expect(stats.completed).toBe(3);
    expect(stats.failed).toBe(0);
    expect(stats.duplicateSubmits).toBe(1);
    expect(Object.values(stats.submitsByFingerprint).sort()).toEqual([1, 2]);
    expect(stats.inFlight).toBe(0);
    expect(sim.credits()).toBe(99.7); // $0.10 per completed generation
    // One drawn latency per accepted submit, around the scaled median (12.7 s x 0.002 = 25.4 ms).
    expect(stats.latency.drawnCount).toBe(3);
    const mean = stats.latency.drawnMsSum / stats.latency.drawnCount;
    expect(mean).toBeGreaterThan(25.4 / 2);
    expect(mean).toBeLessThan(25.4 * 3);
  });

  it('inFlight counts queued and processing jobs; /_sim routes are not counted', async () => {
    sim.resetStats();
    sim.configure({ latencyScale: 0.05 });
    try {
      await submit(sim, params(image, { seed: 400 }));
      await submit(sim, params(image, { seed: 401 }));
      expect(sim.stats().inFlight).toBe(2);
      const viaHttp = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as { totalRequests: number };
      expect(viaHttp.totalRequests).toBe(2);
    } finally {
      sim.configure({ latencyScale: 0.002 });
    }
  });

  it('resetStats clears counters and fingerprints', () => {
    sim.resetStats();
    expect(sim.stats()).toMatchObject({
      totalRequests: 0,
      acceptedSubmits: 0,
      duplicateSubmits: 0,
      submitsByFingerprint: {},
      latency: { drawnMsSum: 0, drawnCount: 0 },
    });
  });
});
