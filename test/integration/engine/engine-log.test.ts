/**
 * Nothing the engine recovers from on its own is lost: a crashed job (a bug in the runner), a failed
 * start-up clean-up and a dedupe copy that failed all reach the injected log, tagged with their module,
 * and the engine carries on. The dedupe copy goes through the same atomic write as every output, so its
 * failure leaves no temp file and no half file behind.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { startEngine } from '../../../electron/engine/engine';
import type { OutputPlanner } from '../../../electron/engine/output-planner';
import { createScheduler } from '../../../electron/engine/scheduler';
import { nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';
import type { SegmindClient } from '../../../electron/segmind';
import { seedBatch } from '../../unit/db/journal-fixture';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';
import { LEVEL, memoryLog } from './memory-log';

const cleanup = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../electron/images/write-output', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/images/write-output')>();
  return {
    ...real,
    cleanupStaleTemps: async (root: string) => {
      if (cleanup.fail)
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${root}'`), {
          code: 'EACCES',
        });
      return real.cleanupStaleTemps(root);
    },
  };
});

const dirs: string[] = [];
let h: Harness | undefined;
afterEach(async () => {
  cleanup.fail = false;
  await h?.close();
  h = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-engine-log-'));
  dirs.push(dir);
  return dir;
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('engine log', () => {
  it('a crashed job reaches the log with its stack, and its slot is freed', async () => {
    const dir = tempDir();
    const journal = openJournal({ file: journalPath(dir) });
    try {
      const { batchId, jobIds } = seedBatch(journal, { jobCount: 1 });
      journal.batches.setState(batchId, 'running');
      const { log, lines } = memoryLog();
      const scheduler = createScheduler({
        journal,
        log,
        client: {} as SegmindClient, // never reached: the job crashes right after its intent is recorded
        outputs: { dedupeEnabled: () => false } as unknown as OutputPlanner,
        imageFileFor: async () => 'unused',
        changed: () => {
          throw new Error('a bug in a change listener');
        },
        batchChanged: () => {},
        haltChanged: () => {},
      });
      scheduler.pump();
      await until(() => lines.some((l) => l.level === LEVEL.error));
      await until(() => scheduler.concurrency().working === 0);
      await scheduler.stop();
      const crash = lines.find((l) => l.level === LEVEL.error)!;
      expect(crash).toMatchObject({
        module: 'scheduler',
        jobId: jobIds[0],
        batchId,
        msg: expect.any(String),
      });
      expect(crash.msg).toMatch(/crashed/);
      expect(crash.err?.message).toBe('a bug in a change listener');
      expect(crash.err?.stack).toMatch(/engine-log\.test\.ts/);
    } finally {
      journal.close();
    }
  });

  it('a start-up clean-up that fails is logged and the engine starts; one that works says what it removed', async () => {
    const dataDir = tempDir();
    await mkdir(join(dataDir, 'cache'), { recursive: true });
    writeFileSync(join(dataDir, 'cache', 'a.webp.tmp-1-deadbeef'), 'partial');
    const journal = openJournal({ file: journalPath(dataDir) });
    const options = { journal, dataDir, baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'test-key-unused' };
    try {
      cleanup.fail = true;
      const failing = memoryLog();
      const engine = await startEngine({ ...options, log: failing.log });
      await engine.stop();
      const warnings = failing.lines.filter((l) => l.level === LEVEL.warn);
      expect(warnings.map((l) => [l.module, l.dir])).toEqual([
        ['engine', join(dataDir, 'thumbnails')],
        ['engine', join(dataDir, 'cache')],
      ]);
      expect(warnings[0]!.err?.message).toMatch(/EACCES/);
      expect(readdirSync(join(dataDir, 'cache'))).toEqual(['a.webp.tmp-1-deadbeef']);

      cleanup.fail = false;
      const working = memoryLog();
      await (await startEngine({ ...options, log: working.log })).stop();
      expect(working.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
      expect(working.lines.find((l) => l.dir === join(dataDir, 'cache'))).toMatchObject({
        level: LEVEL.info,
        module: 'engine',
        count: 1,
      });
      expect(readdirSync(join(dataDir, 'cache'))).toEqual([]);
    } finally {
      journal.close();
    }
  });

  it('a dedupe copy that fails leaves nothing behind, is logged, and the job is generated instead', async () => {
    let failNextPngRename = false;
    const renames: string[] = [];
    // Without hard links the reuse is a copy (the link-first path falls back to the same copy); it is the
    // copy whose failure is under test.
    const fs: WriteFs = {
      ...nodeWriteFs,
      link: undefined,
      async rename(from, to) {
        renames.push(to);
        if (failNextPngRename && to.endsWith('.png')) {
          failNextPngRename = false;
          throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        }
        return nodeWriteFs.rename(from, to);
      },
    };
    const { log, lines } = memoryLog();
    h = await createHarness({}, { concurrency: 2, outputFs: fs, log });
    const spec = sweepSpec([h.goodDir], { seeds: '100', prompts: ['a red coat'] });
    const first = await h.engine.createBatch({ spec, outputDir: join(h.dir, 'first') });
    await idleWithin(h.engine, 60_000);
    const paid = h.simulator.stats().acceptedSubmits;
    const jobs = h.engine.summary(first.batchId)!.total;
    expect(jobs).toBeGreaterThan(1);
    expect(paid).toBe(jobs);

    failNextPngRename = true;
    renames.length = 0;
    const secondDir = join(h.dir, 'second');
    const second = await h.engine.createBatch({ spec, outputDir: secondDir });
    await idleWithin(h.engine, 60_000);
    // The copies were atomic writes: each one renamed a temp file onto its final name in the new folder.
    expect(renames.filter((to) => to.startsWith(secondDir)).length).toBeGreaterThanOrEqual(jobs);
    const s = h.engine.summary(second.batchId)!;
    expect(s.batch.state).toBe('completed');
    expect(s.counts).toMatchObject({ skipped_duplicate: jobs - 1, completed: 1, failed: 0 });
    expect(h.simulator.stats().acceptedSubmits).toBe(paid + 1);
    const files = readdirSync(secondDir, { recursive: true }) as string[];
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    for (const job of h.engine.pageJobs(second.batchId).rows) {
      expect(job.outputPath!.startsWith(secondDir)).toBe(true);
      expect((await sharp(job.outputPath!).metadata()).width).toBeGreaterThan(0);
    }
    const warning = lines.find((l) => l.level === LEVEL.warn && l.module === 'job-runner');
    expect(warning?.msg).toMatch(/could not be copied/);
    expect(warning?.err?.message).toMatch(/EIO/);
  }, 90_000);
});
