/**
 * Hostile output folders. Root ignores chmod, so a read-only folder is simulated through the engine's
 * injectable output fs (EROFS), and a truly unwritable one is an output root that is a FILE. Each time
 * the job fails with the reason, that batch halts with it, another batch writing elsewhere completes,
 * and outputs already finished stay byte-identical. A full disk that strikes after the PNG is renamed
 * into place (on its thumbnail) is covered too; ENOSPC on the PNG itself is engine/controls.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobRow } from '../../../electron/db';
import { nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';
import { createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';
import { fileDigest, until } from './hostile-files';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const spec = (dir: string) => sweepSpec([dir], { prompts: ['a coat'], seeds: '100-104' }); // 10 jobs

/** Two small inputs (of the five good fixtures) so each scenario stays quick. */
function smallDir(harness: Harness): string {
  const dir = join(harness.dir, 'two');
  mkdirSync(dir, { recursive: true });
  copyFileSync(harness.fixtures.sunset, join(dir, 'sunset.jpg'));
  copyFileSync(harness.fixtures.tiles, join(dir, 'tiles.webp'));
  return dir;
}

function failing(code: string, when: (file: string) => boolean): { fs: WriteFs; on: { value: boolean } } {
  const on = { value: false };
  const boom = (file: string) =>
    Object.assign(new Error(`${code}: simulated, open '${file}'`), { code, path: file });
  return {
    on,
    fs: {
      ...nodeWriteFs,
      async writeDurable(file, data) {
        if (on.value && when(file)) throw boom(file);
        return nodeWriteFs.writeDurable(file, data);
      },
    },
  };
}

const jobsOf = (harness: Harness, batchId: string): JobRow[] =>
  harness.engine.pageJobs(batchId, { limit: 1000 }).rows;

const tempFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => /\.tmp-/.test(String(f))) : [];

describe('hostile output folders', () => {
  it('an output root that is a file: jobs fail with ENOTDIR, that batch halts, the other completes', async () => {
    h = await createHarness({}, { concurrency: 2 });
    const blocker = join(h.dir, 'not-a-folder');
    writeFileSync(blocker, 'I am a file\n');
    const blocked = await h.engine.createBatch({ spec: spec(smallDir(h)), outputDir: blocker });
    const fine = await h.engine.createBatch({ spec: spec(smallDir(h)), outputDir: h.outDir });
    await idleWithin(h.engine, 30_000);

    const halted = h.engine.summary(blocked.batchId)!;
    console.log(`[output folder] file as root: ${halted.batch.haltReason}`);
    expect(halted.batch.state).toBe('halted');
    expect(halted.batch.haltReason).toMatch(/^Cannot write .*not-a-folder.*ENOTDIR: not a directory/);
    expect(halted.counts.completed).toBe(0);
    expect(halted.counts.pending).toBeGreaterThan(0);
    const failed = jobsOf(h, blocked.batchId).filter((j) => j.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    // Results being written when the first write fails fail too: at most 2 x concurrency (jobs the server
    // has finished no longer hold an API slot, so up to twice the limit can be fetching and writing).
    expect(failed.length).toBeLessThanOrEqual(4);
    for (const job of failed) {
      expect(job.errorCode).toBe('io');
      expect(job.errorMessage).toMatch(/^Could not save the result: Cannot write .*not-a-folder.*ENOTDIR/);
    }
    expect(readFileSync(blocker, 'utf8')).toBe('I am a file\n');
    expect(h.engine.halt().state).toBe('open');
    expect(h.engine.summary(fine.batchId)!.counts.completed).toBe(10);
  });

  it('a folder turning read-only mid-run: job fails with the reason, batch halts, finished files untouched', async () => {
    const ro = failing('EROFS', (file) => file.endsWith('.png') || file.includes('.png.tmp-'));
    h = await createHarness({}, { concurrency: 2, outputFs: ro.fs });
    const harness = h;
    const created = await harness.engine.createBatch({
      spec: spec(smallDir(harness)),
      outputDir: harness.outDir,
    });
    await until(() => harness.engine.summary(created.batchId)!.counts.completed >= 3);
    ro.on.value = true;
    await idleWithin(harness.engine, 30_000);
    const done = jobsOf(harness, created.batchId).filter((j) => j.state === 'completed');
    const digests = new Map(done.map((j) => [j.outputPath!, fileDigest(j.outputPath!)]));

    const summary = harness.engine.summary(created.batchId)!;
    console.log(`[output folder] read-only: ${summary.batch.haltReason}`);
    expect(summary.batch.state).toBe('halted');
    expect(summary.batch.haltReason).toMatch(/^Output folder .+ is read-only or not writable \(EROFS\)$/);
    expect(summary.counts.pending).toBeGreaterThan(0);
    const failed = jobsOf(harness, created.batchId).filter((j) => j.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const job of failed) {
      expect(job.errorCode).toBe('read_only');
      expect(job.errorMessage).toContain(harness.outDir);
    }
    expect(tempFiles(harness.outDir)).toEqual([]);

    ro.on.value = false;
    await harness.engine.retryFailed(created.batchId);
    harness.engine.resume(created.batchId);
    await idleWithin(harness.engine, 30_000);
    expect(harness.engine.summary(created.batchId)!.counts.completed).toBe(10);
    for (const [file, digest] of digests) {
      expect(fileDigest(file), file).toBe(digest);
      expect((await sharp(file).metadata()).format).toBe('png');
    }
  });

  // A job whose image was generated and paid for but could not be saved keeps its request id through
  // a retry (back to queued): the result is fetched again from the server (kept 1 h), not re-generated.
  it('retrying a job whose result could not be saved does not pay for it again', async () => {
    const ro = failing('EROFS', (file) => file.endsWith('.png') || file.includes('.png.tmp-'));
    h = await createHarness({}, { concurrency: 2, outputFs: ro.fs });
    const harness = h;
    ro.on.value = true;
    const created = await harness.engine.createBatch({
      spec: spec(smallDir(harness)),
      outputDir: harness.outDir,
    });
    await idleWithin(harness.engine, 30_000);
    const failed = jobsOf(harness, created.batchId).filter((j) => j.state === 'failed').length;
    expect(failed).toBeGreaterThanOrEqual(1);
    const paid = harness.simulator.stats().acceptedSubmits;
    expect(paid).toBe(failed);
    ro.on.value = false;
    await harness.engine.retryFailed(created.batchId);
    harness.engine.resume(created.batchId);
    await idleWithin(harness.engine, 30_000);
    expect(harness.engine.summary(created.batchId)!.counts.completed).toBe(10);
    expect(harness.simulator.stats().duplicateSubmits).toBe(0);
    expect(harness.simulator.stats().acceptedSubmits).toBe(10);
  });
});

// A full disk that strikes after the PNG was renamed into place, while its thumbnail is written.
describe('hostile output folders: full disk on the thumbnail', () => {
  const full = failing('ENOSPC', (file) => /\.webp(\.tmp-|$)/.test(file));
  let harness: Harness;
  let batchId: string;
  let digests: Map<string, string>;

  beforeAll(async () => {
    harness = await createHarness({}, { concurrency: 2, outputFs: full.fs });
    batchId = (await harness.engine.createBatch({ spec: spec(smallDir(harness)), outputDir: harness.outDir }))
      .batchId;
    await until(() => harness.engine.summary(batchId)!.counts.completed >= 2);
    full.on.value = true;
    await idleWithin(harness.engine, 30_000);
    const done = jobsOf(harness, batchId).filter((j) => j.state === 'completed');
    digests = new Map(done.map((j) => [j.outputPath!, fileDigest(j.outputPath!)]));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('fails the job with the reason and halts the batch; finished files untouched', () => {
    const summary = harness.engine.summary(batchId)!;
    console.log(`[output folder] disk full on thumbnail: ${summary.batch.haltReason}`);
    expect(summary.batch.state).toBe('halted');
    expect(summary.batch.haltReason).toMatch(/^Disk full: cannot write .+\.png; free space in /);
    const failed = jobsOf(harness, batchId).filter((j) => j.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const job of failed) {
      expect(job.errorCode).toBe('disk_full');
      expect(job.errorMessage).toMatch(/^Could not save the result: Disk full: cannot write /);
    }
    expect(digests.size).toBeGreaterThanOrEqual(2);
    for (const [file, digest] of digests) expect(fileDigest(file), file).toBe(digest);
  });

  // BUG (images/write-output.ts + engine retry): the PNG was renamed into place before the thumbnail
  // write hit ENOSPC, so the failed job leaves its PNG behind; the retry submits again, gets a new
  // request id (embedded in the PNG text), and writeOutput refuses with 'exists' ("already exists with
  // different content; not overwriting"): the job can never complete. Proposed fix: in writeOutput,
  // write the thumbnail BEFORE renaming the PNG into place (or remove the just-renamed PNG when the
  // thumbnail fails), so a failed write leaves no output; combined with keeping the request id (bug
  // above) the retry would even produce identical bytes. Flip to it() once fixed.
  it('a retry once space is back completes every job', async () => {
    full.on.value = false;
    await harness.engine.retryFailed(batchId);
    harness.engine.resume(batchId);
    await idleWithin(harness.engine, 30_000);
    const stuck = jobsOf(harness, batchId)
      .filter((j) => j.state !== 'completed')
      .map((j) => `${j.errorCode}: ${j.errorMessage}`);
    expect(stuck).toEqual([]);
    for (const [file, digest] of digests) expect(fileDigest(file), file).toBe(digest);
  });
});
