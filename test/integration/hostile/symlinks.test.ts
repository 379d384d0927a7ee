/**
 * Hostile links in an input folder walked recursively: a folder link to itself, a sub-folder link back
 * to its parent, two image-named links pointing at each other and one pointing at itself. The walk
 * ends (no hang, no duplicate inputs), each loop is reported naming its path, image-named loops
 * become inputs whose jobs fail saying so, and the real images' jobs complete.
 */
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedBatch } from '../../../electron/engine/batch-creator';
import { createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';

let h: Harness;
let created: CreatedBatch;
let inDir: string;

beforeAll(async () => {
  h = await createHarness();
  inDir = join(h.dir, 'linked');
  mkdirSync(join(inDir, 'sub'), { recursive: true });
  copyFileSync(h.fixtures.sunset, join(inDir, 'sunset.jpg'));
  copyFileSync(h.fixtures.tiles, join(inDir, 'sub', 'tiles.webp'));
  symlinkSync('.', join(inDir, 'loop'));
  symlinkSync('..', join(inDir, 'sub', 'back-up'));
  symlinkSync('ping.png', join(inDir, 'pong.png'));
  symlinkSync('pong.png', join(inDir, 'ping.png'));
  symlinkSync('self.jpg', join(inDir, 'self.jpg'));
  created = await h.engine.createBatch({
    spec: sweepSpec([inDir], { inputs: { paths: [inDir], recursive: true }, prompts: ['a coat'] }),
    outputDir: h.outDir,
  });
  await idleWithin(h.engine, 30_000);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('hostile symlinks', () => {
  it('reports each folder loop, naming it, without failing the batch', () => {
    console.log(`[symlinks] discovery: ${created.discoveryProblems.map((p) => p.message).join(' | ')}`);
    const loops = created.discoveryProblems.filter((p) => p.code === 'symlink_loop').map((p) => p.path);
    expect(loops).toEqual(expect.arrayContaining([join(inDir, 'loop'), join(inDir, 'sub', 'back-up')]));
    for (const p of created.discoveryProblems) expect(p.message).toContain(p.path);
  });

  it('turns image-named link loops into inputs whose jobs fail saying so', () => {
    console.log(`[symlinks] inputs: ${created.inputProblems.map((p) => p.message).join(' | ')}`);
    const byName = new Map(created.inputProblems.map((p) => [p.path, p]));
    for (const name of ['ping.png', 'pong.png', 'self.jpg']) {
      const problem = byName.get(join(inDir, name));
      expect(problem, name).toBeDefined();
      expect(problem!.message).toBe(`"${name}" is a symbolic link loop`);
    }
    const inputs = h.journal.inputs.listByBatch(created.batchId);
    for (const input of inputs.filter((i) => i.errorCode)) {
      for (const job of h.engine.pageJobs(created.batchId, { inputId: input.id }).rows) {
        expect(job.state).toBe('failed');
        expect(job.errorMessage).toContain(input.name);
      }
    }
  });

  it('completes the real images exactly once each (no duplicates through the loops)', () => {
    const inputs = h.journal.inputs.listByBatch(created.batchId);
    const good = inputs.filter((i) => !i.errorCode).map((i) => i.relPath);
    expect(good.sort()).toEqual(['sub/tiles.webp', 'sunset.jpg']);
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.batch.state).toBe('completed');
    expect(summary.counts.completed).toBe(2 * 2);
    expect(summary.counts.failed).toBe(3 * 2);
  });
});
