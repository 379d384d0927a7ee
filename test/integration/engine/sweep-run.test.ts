/**
 * Acceptance: a 200-job sweep over real loopback HTTP to the simulator with a real SQLite file
 * completes, and every output decodes at the requested resolution and carries its metadata.
 */
import { readFileSync } from 'node:fs';
import { resolutionSize } from '@shared/catalogue';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { readPngText } from '../../../electron/images/png-text';
import { createHarness, type Harness, idleWithin } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine: full sweep against the simulator', () => {
  it('completes 200 jobs with decodable, labelled outputs at the requested resolution', async () => {
    h = await createHarness();
    const created = await h.engine.createBatch({
      spec: {
        inputs: { paths: [h.goodDir], recursive: false },
        prompts: ['a {red|blue} coat'],
        seeds: '100-104',
        styles: ['GENERAL', 'REALISTIC'],
        resolutions: ['RESOLUTION_1024_640', 'RESOLUTION_640_1024'],
        sweepSeed: 1,
      },
      outputDir: h.outDir,
    });
    expect(created.inputCount).toBe(5);
    expect(created.jobCount).toBe(5 * 2 * 5 * 2 * 2);
    await idleWithin(h.engine, 90_000);

    const summary = h.engine.summary(created.batchId)!;
    expect(summary.batch.state).toBe('completed');
    expect(summary.counts.completed).toBe(200);
    const page = h.engine.pageJobs(created.batchId, { limit: 1000 });
    const paths = new Set<string>();
    for (const job of page.rows) {
      expect(job.requestId).toBeTruthy();
      const bytes = readFileSync(job.outputPath!);
      const meta = await sharp(bytes).metadata();
      const want = resolutionSize(job.resolution);
      expect([meta.width, meta.height]).toEqual([want.width, want.height]);
      const text = readPngText(bytes);
      expect(text.parameters).toContain(`Seed: ${job.seed}`);
      expect(Object.values(text).join('\n')).toContain(job.requestId!);
      paths.add(job.outputPath!);
    }
    expect(paths.size).toBe(200);
    const stats = h.simulator.stats();
    expect(stats.acceptedSubmits).toBe(200);
    expect(stats.duplicateSubmits).toBe(0);
  }, 120_000);
});
