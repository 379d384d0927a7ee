import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient } from '../../../electron/segmind';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { apiRequests, paramsFor, requestsOn } from './sim-fixtures';

let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator(); // the simulator's default scaled latency (median ~254 ms)
});
afterAll(async () => {
  await sim.close();
});

describe('adaptive polling', () => {
  it('spends <= 4 API requests per job on average over 40 jobs', async () => {
    const jobs = 40;
    const concurrency = 8;
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency });
    try {
      sim.resetStats();
      const attempts: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < jobs) {
          const seed = 1_000 + next++;
          const params = await paramsFor(seed, { resolution: 'RESOLUTION_512_1536' });
          const image = await client.waitForResult(await client.submit(params));
          expect(image.width).toBe(512);
          attempts.push(image.attempts);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const stats = sim.stats();
      const perJob = apiRequests(stats) / jobs;
      const counted = attempts.reduce((a, b) => a + b, 0) / jobs;
      const statusPerJob = requestsOn(stats, 'v2.status') / jobs;
      const mediaPerJob = requestsOn(stats, 'media') / jobs;
      const model = client.latencyModel();
      console.log(
        `[requests per job] ${jobs} jobs at concurrency ${concurrency}: API requests/job ${perJob.toFixed(2)} ` +
          `(submit+status+result; status polls/job ${statusPerJob.toFixed(2)}), media fetches/job ${mediaPerJob.toFixed(2)}; ` +
          `learnt median ${model.medianMs?.toFixed(0)} ms from ${model.observations} jobs`,
      );
      expect(counted).toBeCloseTo(perJob, 6);
      expect(perJob).toBeGreaterThanOrEqual(3);
      expect(perJob).toBeLessThanOrEqual(4);
      expect(mediaPerJob).toBe(1);
      expect(model.observations).toBe(jobs);
    } finally {
      await client.close();
    }
  });
});
