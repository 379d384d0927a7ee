import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../electron/db/connection';
import { journalPath } from '../../../electron/db/data-dir';
import type { NewJob } from '../../../electron/db/job-types';
import { makeTempDir } from '../../unit/db/journal-fixture';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'journal-child.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return journalPath(dir);
}

function runChild(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout: stdout.trim() }));
  });
}

describe('journal durability (real files, real processes)', () => {
  it('keeps every commit of a SIGKILLed process; recovery sees the request id and the interrupted intent', async () => {
    const file = tempFile();
    const { signal, stdout } = await runChild(['crash', file]);
    expect(signal).toBe('SIGKILL');
    const journal = openJournal({ file });
    try {
      const recoverable = journal.jobs.listRecoverable();
      expect(recoverable.map((j) => [j.batchId, j.state, j.requestId, j.statusUrl])).toEqual([
        [stdout, 'queued', 'req-before-crash', 'http://s'],
        [stdout, 'submitting', null, null],
      ]);
      expect(journal.jobs.requeueInterrupted()).toBe(1);
      expect(journal.jobs.countsByState(stdout)).toMatchObject({ pending: 2, queued: 1 });
    } finally {
      journal.close();
    }
  });

  it('lets several processes open (and migrate) a fresh journal at once', async () => {
    const file = tempFile();
    const results = await Promise.all(['one', 'two', 'three'].map((n) => runChild(['open', file, n])));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const journal = openJournal({ file });
    try {
      expect(journal.appliedMigrations).toEqual([]);
      expect(
        journal.batches
          .list()
          .map((b) => b.name)
          .sort(),
      ).toEqual(['one', 'three', 'two']);
    } finally {
      journal.close();
    }
  });

  it('creates a 100,000-job batch in one streamed transaction', () => {
    const file = tempFile();
    const journal = openJournal({ file });
    const JOBS = 100_000;
    const INPUTS = 300;
    try {
      let yielded = 0;
      function* expand(): Generator<NewJob> {
        for (let ordinal = 0; ordinal < JOBS; ordinal++) {
          yielded++;
          yield {
            ordinal,
            inputIndex: ordinal % INPUTS,
            key: `k${ordinal.toString(36).padStart(8, '0')}`,
            prompt: `a ${ordinal % 2 ? 'red' : 'blue'} coat in the rain`,
            promptIndex: ordinal % 2,
            negativePrompt: '',
            negativeIndex: 0,
            seed: 100 + (ordinal % 8),
            style: 'GENERAL',
            resolution: 'RESOLUTION_1024_1024',
            resolutionMatched: false,
            imageWeight: 50,
            magicPrompt: 'AUTO',
            palette: ordinal % 10 === 0 ? { name: 'EMBER' } : null,
          };
        }
      }
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const batchId = journal.transaction(() => {
        const id = journal.batches.create({
          name: 'big',
          spec: { prompts: ['a {red|blue} coat'] },
          outputDir: '/o',
          template: 't',
        });
        journal.inputs.insertMany(
          id,
          Array.from({ length: INPUTS }, (_, i) => ({
            idx: i,
            path: `/in/${i}.jpg`,
            relPath: `${i}.jpg`,
            name: `${i}`,
          })),
        );
        const n = journal.jobs.insertMany(id, expand());
        journal.batches.setJobCount(id, n);
        return id;
      });
      const ms = performance.now() - started;
      const rssDelta = (process.memoryUsage().rss - rssBefore) / 1e6;
      console.log(
        `[journal] ${JOBS.toLocaleString('en')} jobs inserted in ${(ms / 1000).toFixed(2)} s ` +
          `(${Math.round(JOBS / (ms / 1000)).toLocaleString('en')} jobs/s, RSS +${rssDelta.toFixed(0)} MB)`,
      );
      expect(yielded).toBe(JOBS);
      expect(journal.batches.get(batchId)?.jobCount).toBe(JOBS);
      expect(journal.jobs.countsByState(batchId).pending).toBe(JOBS);
      const last = journal.jobs.page(batchId, { offset: JOBS - 2, limit: 10 });
      expect(last.total).toBe(JOBS);
      expect(last.rows.map((r) => r.ordinal)).toEqual([JOBS - 2, JOBS - 1]);
      expect(journal.jobs.listPending(batchId, 3, 50_000).map((r) => r.ordinal)).toEqual([
        50_001, 50_002, 50_003,
      ]);
      const started2 = performance.now();
      expect(journal.jobs.cancelPending(batchId)).toBe(JOBS);
      console.log(
        `[journal] cancelled ${JOBS.toLocaleString('en')} jobs (with events) in ${((performance.now() - started2) / 1000).toFixed(2)} s`,
      );
    } finally {
      journal.close();
    }
  });
});
