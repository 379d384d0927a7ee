/**
 * The sweep side of the artist's morning, end to end through the engine and the simulator: `match`
 * gives each photo an output of its own shape (recorded per job and in the PNG), `{caption}` fills each
 * photo's caption into its prompt, wildcards and negative permutations multiply, a batch started from
 * another keeps its parent, and a PNG re-run makes a job with the recorded key.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolutionSize } from '@shared/catalogue';
import { rerunSpec } from '@shared/provenance';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchRequestError } from '../../../electron/engine/batch-creator';
import { readPngGeneration } from '../../../electron/images/png-generation';
import { readPngText } from '../../../electron/images/png-text';
import { locateRerunSource } from '../../../electron/service/rerun-source';
import { createHarness, type Harness, idleWithin } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ratio = (w: number, h: number) => w / h;

describe('engine: match, captions, wildcards, lineage, re-run', () => {
  it('"match" outputs follow each input’s shape and record the choice', async () => {
    h = await createHarness();
    const created = await h.engine.createBatch({
      spec: { inputs: { paths: [h.goodDir] }, prompts: ['a coat'], seeds: '100', resolutions: ['match'] },
      outputDir: h.outDir,
    });
    expect(created.jobCount).toBe(5);
    await idleWithin(h.engine, 60_000);
    const inputs = new Map(h.journal.inputs.listByBatch(created.batchId).map((i) => [i.id, i]));
    const jobs = h.engine.pageJobs(created.batchId, { limit: 100 }).rows;
    const seen = new Set<string>();
    for (const job of jobs) {
      expect(job.state).toBe('completed');
      expect(job.resolutionMatched).toBe(true);
      const input = inputs.get(job.inputId)!;
      const bytes = readFileSync(job.outputPath!);
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual(Object.values(resolutionSize(job.resolution)));
      // Within 12 % of the photo's own aspect (the 78 sizes are that dense where these photos are).
      expect(ratio(meta.width!, meta.height!) / ratio(input.width!, input.height!)).toBeGreaterThan(0.88);
      expect(ratio(meta.width!, meta.height!) / ratio(input.width!, input.height!)).toBeLessThan(1.12);
      const text = readPngText(bytes);
      expect(text.resolution).toBe(job.resolution);
      expect(text.resolution_choice).toBe('match');
      expect(text.parameters).toContain('Size chosen: match input');
      seen.add(job.resolution);
    }
    expect([...seen].sort()).toEqual(
      ['RESOLUTION_1024_1024', 'RESOLUTION_1024_768', 'RESOLUTION_1536_512', 'RESOLUTION_768_1152'].sort(),
    );
  }, 90_000);

  it('fills captions, expands wildcards and negative permutations, and refuses missing captions', async () => {
    h = await createHarness();
    const dir = join(h.dir, 'captioned');
    mkdirSync(join(dir, 'wildcards'), { recursive: true });
    writeFileSync(join(dir, 'barn.png'), readFileSync(h.fixtures.badge));
    writeFileSync(join(dir, 'boat.png'), readFileSync(h.fixtures.portrait));
    writeFileSync(join(dir, 'barn.txt'), 'a red barn');
    writeFileSync(join(dir, 'prompts.csv'), 'file,prompt,negative\nboat.png,"a blue boat, moored",fog\n');
    writeFileSync(join(dir, 'wildcards', 'light.txt'), 'dawn\nnoon\n');
    const created = await h.engine.createBatch({
      spec: {
        inputs: { paths: [dir] },
        prompts: ['{caption} at __light__'],
        negativePrompts: ['{blurry|grainy} {caption}'],
        seeds: '100',
        order: 'grid', // the jobs are read back in the grid's order
      },
      outputDir: h.outDir,
    });
    expect(created.jobCount).toBe(2 * 2 * 2);
    await idleWithin(h.engine, 60_000);
    const jobs = h.engine.pageJobs(created.batchId, { limit: 100 }).rows;
    expect(jobs.map((j) => [j.prompt, j.negativePrompt, j.state])).toEqual([
      ['a red barn at dawn', 'blurry', 'completed'],
      ['a red barn at dawn', 'grainy', 'completed'],
      ['a red barn at noon', 'blurry', 'completed'],
      ['a red barn at noon', 'grainy', 'completed'],
      ['a blue boat, moored at dawn', 'blurry fog', 'completed'],
      ['a blue boat, moored at dawn', 'grainy fog', 'completed'],
      ['a blue boat, moored at noon', 'blurry fog', 'completed'],
      ['a blue boat, moored at noon', 'grainy fog', 'completed'],
    ]);
    expect(h.journal.inputs.listByBatch(created.batchId).map((i) => [i.caption, i.captionSource])).toEqual([
      ['a red barn', 'barn.txt'],
      ['a blue boat, moored', 'prompts.csv line 2'],
    ]);
    // The stored spec carries the wildcard options it was expanded with.
    expect((h.journal.batches.get(created.batchId)!.spec as { wildcards: unknown }).wildcards).toEqual({
      light: ['dawn', 'noon'],
    });

    writeFileSync(join(dir, 'owl.png'), readFileSync(h.fixtures.tiles));
    const refused = await h.engine
      .createBatch({ spec: { inputs: { paths: [dir] }, prompts: ['{caption}'] }, outputDir: h.outDir })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BatchRequestError);
    expect((refused as Error).message).toMatch(
      /^inputs: \{caption\} is used, but 1 input\(s\) have no caption: owl\.png/,
    );
    const noWildcard = await h.engine
      .createBatch({ spec: { inputs: { paths: [dir] }, prompts: ['__nope__'] }, outputDir: h.outDir })
      .catch((e: unknown) => e);
    expect((noWildcard as Error).message).toMatch(/^prompts\[0\]: __nope__: no wildcard file nope\.txt in /);
  }, 90_000);

  it('records the parent of a batch started from a job, and re-runs a PNG with the recorded key', async () => {
    h = await createHarness();
    const first = await h.engine.createBatch({
      spec: {
        inputs: { paths: [h.fixtures.sunset] },
        prompts: ['a {red} coat'],
        seeds: '4242',
        styles: ['ANIME'],
      },
      outputDir: h.outDir,
      name: 'first',
    });
    await idleWithin(h.engine, 60_000);
    const [job] = h.engine.pageJobs(first.batchId, { limit: 10 }).rows;
    expect(job!.state).toBe('completed');

    const png = await readPngGeneration({ path: job!.outputPath! });
    expect(png.reading.jobKey).toBe(job!.key);
    const source = await locateRerunSource(h.journal, png.reading);
    expect(source).toEqual({
      inputPath: h.fixtures.sunset,
      parent: { batchId: first.batchId, jobId: job!.id, name: 'first' },
    });
    const rerun = await h.engine.createBatch({
      spec: rerunSpec(png.reading.params, source.inputPath!),
      outputDir: h.outDir,
      parentBatchId: source.parent!.batchId,
      parentJobId: source.parent!.jobId!,
    });
    await idleWithin(h.engine, 60_000);
    const [again] = h.engine.pageJobs(rerun.batchId, { limit: 10 }).rows;
    expect(again!.key).toBe(job!.key);
    expect(again!.state).toBe('skipped_duplicate'); // same key: the output is reused, not paid again
    expect(h.journal.batches.get(rerun.batchId)).toMatchObject({
      parentBatchId: first.batchId,
      parentJobId: job!.id,
    });

    const wrongJob = await h.engine
      .createBatch({
        spec: rerunSpec(png.reading.params, source.inputPath!),
        outputDir: h.outDir,
        parentBatchId: rerun.batchId,
        parentJobId: job!.id,
      })
      .catch((e: unknown) => e);
    expect((wrongJob as Error).message).toBe(`parentJobId: batch ${rerun.batchId} has no job ${job!.id}`);

    // Deleting the parent clears the link; the child stays.
    expect(h.journal.batches.remove(first.batchId)).toBe(true);
    expect(h.journal.batches.get(rerun.batchId)).toMatchObject({ parentBatchId: null, parentJobId: null });
  }, 90_000);
});
