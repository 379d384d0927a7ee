/**
 * A 5,000-file input folder: discovery and batch creation take every file once, in one batch of 5,000
 * jobs (1 prompt x 1 seed x 1 style), and the batch really runs: ~50 jobs complete, then it is
 * cancelled, which cancels the rest and keeps every finished file. The 5,000 tiny PNGs (64 x 64) share
 * 10 contents, so preparation decodes 10 images and serves the rest from the hash cache (that keeps
 * the test quick; distinct content would cost ~20 ms a file). Dedupe is off, so sharing content does
 * not turn the jobs into free copies. Times are printed, not asserted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedBatch } from '../../../electron/engine/batch-creator';
import { discoverInputs } from '../../../electron/images/discover-inputs';
import { createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';
import { until, writeManyPngs } from './hostile-files';

const FILES = 5_000;
const DISTINCT = 10;
const COMPLETE_BEFORE_CANCEL = 50;

let h: Harness;
let inDir: string;
let created: CreatedBatch;

beforeAll(async () => {
  h = await createHarness({}, { concurrency: 8 });
  inDir = join(h.dir, 'many');
  let t = performance.now();
  await writeManyPngs(inDir, FILES, DISTINCT);
  const wrote = performance.now() - t;
  t = performance.now();
  created = await h.engine.createBatch({
    spec: sweepSpec([inDir], { prompts: ['a coat'], seeds: '100', dedupe: false }),
    outputDir: h.outDir,
  });
  console.log(
    `[large folder] wrote ${FILES} files in ${wrote.toFixed(0)} ms; discovered, prepared and inserted in ${(performance.now() - t).toFixed(0)} ms`,
  );
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('a 5,000-file input folder', () => {
  it('discovers every file once, in name order', async () => {
    const t = performance.now();
    const found = await discoverInputs({ paths: [inDir], extensions: ['png'] });
    console.log(`[large folder] discovery alone: ${(performance.now() - t).toFixed(0)} ms`);
    expect(found.problems).toEqual([]);
    expect(found.files).toHaveLength(FILES);
    expect(found.files[0]!.name).toBe('img-00000');
    expect(found.files[FILES - 1]!.name).toBe('img-04999');
  });

  it('makes one batch of 5,000 inputs and jobs, preparing each distinct content once', () => {
    expect(created.inputCount).toBe(FILES);
    expect(created.jobCount).toBe(FILES);
    expect(created.inputProblems).toEqual([]);
    expect(created.discoveryProblems).toEqual([]);
    const sidecars = readdirSync(join(h.dataDir, 'cache', 'inputs')).filter((f) => f.endsWith('.json'));
    expect(sidecars).toHaveLength(DISTINCT);
    expect(h.engine.summary(created.batchId)!.total).toBe(FILES);
  });

  it('runs: ~50 jobs complete, cancel cancels the rest and keeps every finished file', async () => {
    const t = performance.now();
    await until(() => h.engine.summary(created.batchId)!.counts.completed >= COMPLETE_BEFORE_CANCEL, 60_000);
    console.log(
      `[large folder] ${COMPLETE_BEFORE_CANCEL} jobs completed in ${(performance.now() - t).toFixed(0)} ms`,
    );
    await h.engine.cancel(created.batchId);
    await idleWithin(h.engine, 30_000);
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.batch.state).toBe('cancelled');
    expect(summary.counts.failed).toBe(0);
    expect(summary.counts.completed).toBeGreaterThanOrEqual(COMPLETE_BEFORE_CANCEL);
    expect(summary.counts.completed + summary.counts.cancelled).toBe(FILES);
    const done = h.engine.pageJobs(created.batchId, { state: 'completed', limit: 1000 }).rows;
    expect(done).toHaveLength(summary.counts.completed);
    expect(new Set(done.map((j) => j.outputPath)).size).toBe(done.length);
    for (const job of done.slice(0, 10)) expect((await sharp(job.outputPath!).metadata()).format).toBe('png');
    expect(h.simulator.stats().acceptedSubmits).toBe(summary.counts.completed);
  });
});
