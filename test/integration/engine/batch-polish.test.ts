/**
 * The engine side of studio polish, on a real journal and the simulator: outputs go under the batch's
 * name (slugged, unique per output folder, also against folders already on disk), the batch records that
 * it ran on the simulator, a re-run's reused outputs are hard links to the earlier files, cancelled jobs
 * can be re-queued, and a paused batch's pace is frozen rather than decaying.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const firstFolder = (outDir: string, path: string) => relative(outDir, path).split(sep)[0];

describe('batch polish in the engine', () => {
  it('names the output folder after the batch, unique per output folder and on disk', async () => {
    h = await createHarness({}, { backend: 'simulator' });
    const spec = sweepSpec([h.fixtures.sunset], { seeds: '100', prompts: ['a coat'], dedupe: false });
    mkdirSync(join(h.outDir, 'crash-test-2'), { recursive: true }); // a folder someone left there
    const a = await h.engine.createBatch({ spec, outputDir: h.outDir, name: 'crash test' });
    const b = await h.engine.createBatch({ spec, outputDir: h.outDir, name: 'Crash Test' });
    const other = await h.engine.createBatch({
      spec,
      outputDir: join(h.dir, 'elsewhere'),
      name: 'crash test',
    });
    await idleWithin(h.engine, 60_000);
    const folder = (id: string) => h!.journal.batches.get(id)!.folder;
    expect([folder(a.batchId), folder(b.batchId), folder(other.batchId)]).toEqual([
      'crash-test',
      'crash-test-3',
      'crash-test',
    ]);
    const [job] = h.engine.pageJobs(a.batchId).rows;
    expect(firstFolder(h.outDir, job!.outputPath!)).toBe('crash-test');
    expect(h.journal.batches.get(a.batchId)!.backend).toBe('simulator');
  }, 90_000);

  it('a re-run reuses the earlier outputs as hard links, paying nothing', async () => {
    h = await createHarness({}, { backend: 'simulator' });
    const spec = sweepSpec([h.fixtures.sunset], { seeds: '100-101' });
    const first = await h.engine.createBatch({ spec, outputDir: h.outDir, name: 'first' });
    await idleWithin(h.engine, 60_000);
    const paid = h.simulator.stats().acceptedSubmits;
    const second = await h.engine.createBatch({ spec, outputDir: h.outDir, name: 'again' });
    await idleWithin(h.engine, 60_000);
    expect(h.simulator.stats().acceptedSubmits).toBe(paid);
    const jobs = h.engine.pageJobs(second.batchId).rows;
    expect(jobs.every((j) => j.state === 'skipped_duplicate')).toBe(true);
    const sources = new Map(h.engine.pageJobs(first.batchId).rows.map((j) => [j.id, j.outputPath!]));
    for (const job of jobs) {
      const reused = statSync(job.outputPath!);
      const source = statSync(sources.get(job.reusedFromJobId!)!);
      expect(firstFolder(h.outDir, job.outputPath!)).toBe('again');
      expect(reused.ino).toBe(source.ino);
      expect(reused.nlink).toBeGreaterThanOrEqual(2);
    }
  }, 90_000);

  it('re-queues cancelled jobs and runs them; a paused batch keeps its pace instead of decaying', async () => {
    h = await createHarness({ latencyScale: 0.02 }, { backend: 'simulator', concurrency: 1 });
    const spec = sweepSpec([h.fixtures.sunset], { seeds: '100-111', dedupe: false });
    const { batchId } = await h.engine.createBatch({ spec, outputDir: h.outDir, name: 'pace' });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 600 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(ok()).toBe(true);
    };
    await until(() => h!.engine.summary(batchId)!.counts.completed >= 6);
    h.engine.pause(batchId);
    // The job in flight at the pause may still finish; once none is, nothing changes while paused.
    await until(() => {
      const c = h!.engine.summary(batchId)!.counts;
      return c.submitting + c.queued + c.processing === 0;
    });
    const atPause = h.engine.summary(batchId)!;
    await new Promise((r) => setTimeout(r, 1500));
    const later = h.engine.summary(batchId)!;
    expect(later.batch.state).toBe('paused');
    expect(later.jobsPerMinute).toBeGreaterThan(0);
    // Wall-clock rates would have dropped by a good share over those 1.5 s; the running clock holds.
    expect(later.jobsPerMinute).toBe(atPause.jobsPerMinute);
    expect(later.etaMs).toBe(atPause.etaMs);

    await h.engine.cancel(batchId);
    const cancelled = h.engine.summary(batchId)!.counts.cancelled;
    expect(cancelled).toBeGreaterThan(0);
    expect(h.engine.requeueCancelled(batchId)).toBe(cancelled);
    expect(h.engine.summary(batchId)!.batch.state).toBe('running');
    await idleWithin(h.engine, 60_000);
    expect(h.engine.summary(batchId)!.counts).toMatchObject({ completed: 24, cancelled: 0 });
  }, 90_000);
});
