/**
 * The engine's batch controls against the simulator: dedupe across batches (and --no-dedupe paying
 * again), pause / resume / cancel, retrying failed jobs one by one or all at once, changing the
 * concurrency while running, and a full disk (the job fails with the reason, the batch pauses, nothing
 * completed is lost, and a retry finishes the batch once space is back).
 */
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('engine controls', () => {
  it('dedupe reuses earlier results for free; dedupe off pays again', async () => {
    h = await createHarness();
    const spec = sweepSpec([h.goodDir]);
    const first = await h.engine.createBatch({ spec, outputDir: h.outDir });
    await idleWithin(h.engine, 60_000);
    expect(h.simulator.stats().acceptedSubmits).toBe(20);

    const second = await h.engine.createBatch({ spec, outputDir: h.outDir });
    await idleWithin(h.engine, 60_000);
    const s2 = h.engine.summary(second.batchId)!;
    expect(s2.batch.state).toBe('completed');
    expect(s2.counts.skipped_duplicate).toBe(20);
    expect(h.simulator.stats().acceptedSubmits).toBe(20);
    for (const job of h.engine.pageJobs(second.batchId).rows) {
      expect(job.reusedFromJobId).not.toBeNull();
      expect(existsSync(job.outputPath!)).toBe(true);
    }
    expect(h.engine.summary(first.batchId)!.counts.completed).toBe(20);

    const third = await h.engine.createBatch({ spec: { ...spec, dedupe: false }, outputDir: h.outDir });
    await idleWithin(h.engine, 60_000);
    expect(h.engine.summary(third.batchId)!.counts.completed).toBe(20);
    expect(h.simulator.stats().acceptedSubmits).toBe(40);
  }, 90_000);

  it('pause stops new submits, resume finishes; cancel cancels what is left', async () => {
    h = await createHarness({}, { concurrency: 4 });
    const harness = h;
    const a = await harness.engine.createBatch({
      spec: sweepSpec([harness.goodDir], { seeds: '100-102' }),
      outputDir: harness.outDir,
    });
    await until(() => harness.engine.summary(a.batchId)!.counts.completed >= 6);
    harness.engine.pause(a.batchId);
    await idleWithin(harness.engine, 60_000);
    const paused = harness.engine.summary(a.batchId)!;
    expect(paused.batch.state).toBe('paused');
    expect(paused.counts.pending).toBeGreaterThan(0);
    expect(harness.engine.concurrency().working).toBe(0);
    const acceptedWhilePaused = harness.simulator.stats().acceptedSubmits;
    await new Promise((r) => setTimeout(r, 150));
    expect(harness.simulator.stats().acceptedSubmits).toBe(acceptedWhilePaused);
    harness.engine.resume(a.batchId);
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(a.batchId)!.counts.completed).toBe(30);

    const b = await harness.engine.createBatch({
      spec: sweepSpec([harness.goodDir], { seeds: '200-202' }),
      outputDir: harness.outDir,
    });
    await until(() => harness.engine.summary(b.batchId)!.counts.completed >= 4);
    await harness.engine.cancel(b.batchId);
    await idleWithin(harness.engine, 60_000);
    const cancelled = harness.engine.summary(b.batchId)!;
    expect(cancelled.batch.state).toBe('cancelled');
    expect(cancelled.counts.cancelled).toBeGreaterThan(0);
    expect(cancelled.counts.completed + cancelled.counts.cancelled).toBe(30);
    expect(harness.simulator.stats().duplicateSubmits).toBe(0);
  }, 90_000);

  it('retryJob and retryFailed run failed jobs again', async () => {
    h = await createHarness({ faults: { failed: 1 } });
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.goodDir], { prompts: ['a coat'] }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 60_000);
    const failed = h.engine.pageJobs(created.batchId).rows;
    expect(failed.every((j) => j.state === 'failed' && j.errorCode === 'generation_failed')).toBe(true);
    expect(h.engine.summary(created.batchId)!.batch.state).toBe('completed');

    h.simulator.configure({ faults: { failed: 0 } });
    expect(await h.engine.retryJob(failed[0]!.id)).toBe(true);
    await idleWithin(h.engine, 60_000);
    const counts = h.engine.summary(created.batchId)!.counts;
    expect([counts.completed, counts.failed]).toEqual([1, 9]);
    expect(await h.engine.retryFailed(created.batchId)).toBe(9);
    await idleWithin(h.engine, 60_000);
    const done = h.engine.summary(created.batchId)!;
    expect(done.counts.completed).toBe(10);
    expect(done.batch.state).toBe('completed');
  }, 90_000);

  it('setConcurrency while running caps the jobs in flight', async () => {
    h = await createHarness({ latencyScale: 0.006 }, { concurrency: 8 });
    const harness = h;
    const created = await harness.engine.createBatch({
      spec: sweepSpec([harness.goodDir], { seeds: '100-102' }),
      outputDir: harness.outDir,
    });
    await until(() => harness.engine.concurrency().inFlight >= 6);
    harness.engine.setConcurrency(2);
    await until(() => harness.engine.concurrency().inFlight <= 2);
    let maxAfter = 0;
    const sampler = setInterval(() => {
      maxAfter = Math.max(maxAfter, harness.engine.concurrency().inFlight);
    }, 2);
    await until(() => harness.engine.summary(created.batchId)!.counts.completed >= 20);
    clearInterval(sampler);
    expect(harness.engine.concurrency()).toMatchObject({ userLimit: 2, effective: 2 });
    expect(maxAfter).toBeLessThanOrEqual(2);
    harness.engine.setConcurrency(8);
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(created.batchId)!.counts.completed).toBe(30);
  }, 90_000);

  it('a full disk fails the job with the reason and pauses the batch; nothing completed is lost', async () => {
    let diskFull = false;
    const fullDisk: WriteFs = {
      ...nodeWriteFs,
      async writeDurable(file, data) {
        if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return nodeWriteFs.writeDurable(file, data);
      },
    };
    h = await createHarness({}, { concurrency: 4, outputFs: fullDisk });
    const harness = h;
    const created = await harness.engine.createBatch({
      spec: sweepSpec([harness.goodDir], { seeds: '100-102' }),
      outputDir: harness.outDir,
    });
    await until(() => harness.engine.summary(created.batchId)!.counts.completed >= 8);
    diskFull = true;
    await idleWithin(harness.engine, 60_000);
    const paused = harness.engine.summary(created.batchId)!;
    // The batch stops with the reason; the account-wide gate stays open for batches writing elsewhere.
    expect(paused.batch.state).toBe('halted');
    expect(paused.batch.haltReason).toMatch(/Disk full/);
    expect(harness.engine.halt().state).toBe('open');
    expect(paused.counts.pending).toBeGreaterThan(0);
    const jobs = harness.engine.pageJobs(created.batchId, { limit: 100 }).rows;
    const failed = jobs.filter((j) => j.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const j of failed) {
      expect(j.errorCode).toBe('disk_full');
      expect(j.errorMessage).toMatch(/Disk full/);
    }
    const completed = jobs.filter((j) => j.state === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(8);
    for (const j of completed) expect((await sharp(j.outputPath!).metadata()).width).toBeGreaterThan(0);

    diskFull = false;
    await harness.engine.retryFailed(created.batchId);
    harness.engine.resume(created.batchId);
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(created.batchId)!.counts.completed).toBe(30);
  }, 90_000);
});
