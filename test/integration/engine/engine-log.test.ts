/**
 * Nothing the engine recovers from on its own is lost: a crashed job (a bug in the runner), a failed
 * start-up clean-up and a dedupe copy that failed all reach the injected log, tagged with their module,
 * and the engine carries on.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { startEngine } from '../../../electron/engine/engine';
import type { OutputPlanner } from '../../../electron/engine/output-planner';
import { createScheduler } from '../../../electron/engine/scheduler';
import type { SegmindClient } from '../../../electron/segmind';
import { seedBatch } from '../../unit/db/journal-fixture';
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
afterEach(async () => {
  cleanup.fail = false;
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
});
