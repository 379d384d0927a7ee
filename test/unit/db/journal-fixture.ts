/**
 * Test helpers for the journal: a fresh journal in its own temp folder, removed afterwards, and a
 * tiny sweep (batch + inputs + jobs) to run repository operations against.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Journal, NewJob } from '../../../electron/db';
import { openJournal } from '../../../electron/db/connection';
import { journalPath } from '../../../electron/db/data-dir';

export interface TempJournal {
  dir: string;
  file: string;
  journal: Journal;
  /** Settable clock the journal uses for every timestamp. */
  clock: { now: number };
  cleanup(): void;
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-journal-'));
}

export function openTempJournal(): TempJournal {
  const dir = makeTempDir();
  const file = journalPath(dir);
  const clock = { now: 1_700_000_000_000 };
  const journal = openJournal({ file, now: () => clock.now });
  return {
    dir,
    file,
    journal,
    clock,
    cleanup() {
      journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A job for input `inputIndex`; fields derived from the ordinal so rows differ. */
export function jobAt(ordinal: number, inputIndex = 0, overrides: Partial<NewJob> = {}): NewJob {
  return {
    ordinal,
    inputIndex,
    key: `key-${ordinal}`,
    prompt: `a red coat ${ordinal % 3}`,
    promptIndex: ordinal % 3,
    negativePrompt: '',
    negativeIndex: 0,
    seed: 100 + ordinal,
    style: ordinal % 2 === 0 ? 'GENERAL' : 'ANIME',
    resolution: 'RESOLUTION_1024_1024',
    resolutionMatched: false,
    imageWeight: 50,
    magicPrompt: 'AUTO',
    palette: null,
    ...overrides,
  };
}

/** Creates a batch with `inputCount` inputs and `jobCount` jobs spread over them; returns ids. */
export function seedBatch(
  journal: Journal,
  opts: {
    jobCount?: number;
    inputCount?: number;
    name?: string;
    prompts?: string[];
    createdAt?: number;
  } = {},
): { batchId: string; inputIds: number[]; jobIds: number[] } {
  const { jobCount = 6, inputCount = 2, name = 'test batch', prompts = ['a {red|blue} coat'] } = opts;
  return journal.transaction(() => {
    const batchId = journal.batches.create({
      name,
      spec: { prompts, seeds: '100-105' },
      outputDir: '/tmp/out',
      template: '{input}_{seed}',
      createdAt: opts.createdAt,
    });
    const inputIds = journal.inputs.insertMany(
      batchId,
      Array.from({ length: inputCount }, (_, i) => ({
        idx: i,
        path: `/photos/p${i}.jpg`,
        relPath: `p${i}.jpg`,
        name: `p${i}`,
        contentHash: `hash${i}`,
      })),
    );
    const n = journal.jobs.insertMany(
      batchId,
      Array.from({ length: jobCount }, (_, o) => jobAt(o, o % inputCount)),
    );
    journal.batches.setJobCount(batchId, n);
    const jobIds = journal.jobs.page(batchId, { limit: 1000 }).rows.map((r) => r.id);
    return { batchId, inputIds, jobIds };
  });
}
