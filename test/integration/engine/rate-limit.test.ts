/**
 * AIMD feedback: the client retries 429s itself, so without a hook the scheduler would hear of almost
 * none and keep submitting into a full account. With the simulator allowing 3 jobs in flight and the
 * engine set to 8, the client's onRateLimited hook must bring the engine's effective concurrency down,
 * and the run with it must meet fewer 429s than the same run without it (which hears only of the 429s
 * that outlast the client's retries, so on a loaded machine its concurrency may dip too: not asserted).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSegmindClient } from '../../../electron/segmind/client';
import { countRequests, createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

const SIM = { maxConcurrent: 3, latencyScale: 0.01 };

async function run(
  wired: boolean,
): Promise<{ rateLimited: number; minEffective: number; completed: number }> {
  const h = await createHarness(SIM, { concurrency: 8 });
  harnesses.push(h);
  if (!wired) {
    // The same client settings, but nobody is told about the 429s it retries internally.
    await h.restart({
      client: createSegmindClient({
        apiKey: h.simulator.apiKey,
        baseUrl: h.simulator.baseUrl,
        concurrency: 8,
        retry: { baseDelayMs: 20, maxDelayMs: 200 },
      }),
    });
  }
  const created = await h.engine.createBatch({
    spec: sweepSpec([h.goodDir], { seeds: '100-103' }),
    outputDir: h.outDir,
  });
  let minEffective = h.engine.concurrency().effective;
  const sampler = setInterval(() => {
    minEffective = Math.min(minEffective, h.engine.concurrency().effective);
  }, 2);
  try {
    await idleWithin(h.engine, 60_000);
  } finally {
    clearInterval(sampler);
  }
  return {
    rateLimited: countRequests(h.simulator.stats(), 'v2.submit', ['429']),
    minEffective,
    completed: h.engine.summary(created.batchId)!.counts.completed,
  };
}

describe('engine: 429 feedback into the concurrency limiter', () => {
  it('lowers effective concurrency and meets fewer 429s than the run without the hook', async () => {
    const wired = await run(true);
    const naive = await run(false);
    console.log(
      `[aimd] 40 jobs, sim maxConcurrent 3, engine 8: 429s with the hook ${wired.rateLimited} ` +
        `(min effective ${wired.minEffective}), naive ${naive.rateLimited} (min effective ${naive.minEffective}, ` +
        `${naive.completed}/40 completed)`,
    );
    expect(wired.completed).toBe(40);
    expect(naive.completed).toBe(40);
    expect(wired.minEffective).toBeLessThan(8);
    expect(wired.rateLimited).toBeLessThan(20);
    expect(wired.rateLimited).toBeLessThan(naive.rateLimited);
  }, 120_000);
});
