/**
 * A job whose status is COMPLETED no longer holds one of the account's concurrent slots: while its
 * result is fetched and written, the next job is already submitted. With slow output writes the engine
 * works on more jobs than the concurrency limit, yet the simulator never sees more than the limit
 * queued or processing, and answers no 429.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Output writes that take 150 ms, like a slow disk: post-processing, not API time. */
const slowDisk: WriteFs = {
  ...nodeWriteFs,
  async writeDurable(file, data) {
    await new Promise((r) => setTimeout(r, 150));
    return nodeWriteFs.writeDurable(file, data);
  },
};

describe('engine: slots are released when the server reports COMPLETED', () => {
  it('keeps submitting while results are written, without exceeding the API limit', async () => {
    h = await createHarness(
      { latencyScale: 0.004, maxConcurrent: 2 },
      { concurrency: 2, outputFs: slowDisk },
    );
    const harness = h;
    let maxWorking = 0;
    let maxServerInFlight = 0;
    const sampler = setInterval(() => {
      maxWorking = Math.max(maxWorking, harness.engine.concurrency().working);
      maxServerInFlight = Math.max(maxServerInFlight, harness.simulator.stats().inFlight);
    }, 2);
    const created = await harness.engine.createBatch({
      spec: sweepSpec([harness.goodDir], { seeds: '100-101' }),
      outputDir: harness.outDir,
    });
    await idleWithin(harness.engine, 60_000);
    clearInterval(sampler);
    expect(harness.engine.summary(created.batchId)!.counts.completed).toBe(created.jobCount);
    expect(maxWorking).toBeGreaterThan(2);
    expect(maxWorking).toBeLessThanOrEqual(4);
    expect(maxServerInFlight).toBeLessThanOrEqual(2);
    expect(harness.simulator.stats().requests['v2.submit']?.['429'] ?? 0).toBe(0);
  }, 90_000);
});
