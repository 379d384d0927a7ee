/**
 * Runs one sweep for a benchmark, end to end: a fresh temp folder with the fixture images and a real
 * SQLite journal, the engine (with an injected Segmind client, so poll cadence can be chosen) against
 * the simulator child, timed from `start` to idle. Input preparation happens before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PollCadenceOptions } from '@shared/policy/poll-cadence';
import { journalPath, openJournal } from '../../electron/db';
import type { JobRow } from '../../electron/db/job-types';
import { startEngine } from '../../electron/engine/engine';
import { createSegmindClient, type SegmindClientOptions } from '../../electron/segmind/client';
import { generateFixtures } from '../fixtures/generate-fixtures';
import type { ChildReport } from './sim-child';
import type { SimProcess } from './sim-process';

export interface SweepRunOptions {
  sim: SimProcess;
  /** Seed range giving the job count: 5 fixture inputs x seeds. */
  seeds: string;
  concurrency: number;
  poll?: Partial<PollCadenceOptions>;
  /** More client options (request budget, expected latency). Default none. */
  client?: Partial<SegmindClientOptions>;
}

export interface SweepRunResult {
  jobs: number;
  completed: number;
  wallMs: number;
  rows: JobRow[];
  sim: ChildReport;
  /** CPU time of this (engine) process during the run, ms. */
  engineCpuMs: number;
}

/** Creates the batch, runs it to idle and collects the journal rows and the simulator's report. */
export async function runSweep(options: SweepRunOptions): Promise<SweepRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-bench-'));
  const journal = openJournal({ file: journalPath(join(dir, 'data')) });
  const client = createSegmindClient({
    apiKey: options.sim.apiKey,
    baseUrl: options.sim.baseUrl,
    concurrency: options.concurrency,
    poll: options.poll,
    ...options.client,
  });
  const engine = await startEngine({
    journal,
    dataDir: join(dir, 'data'),
    baseUrl: options.sim.baseUrl,
    apiKey: options.sim.apiKey,
    concurrency: options.concurrency,
    client,
  });
  try {
    await generateFixtures(join(dir, 'fixtures'));
    const created = await engine.createBatch({
      spec: {
        inputs: { paths: [join(dir, 'fixtures', 'good')], recursive: false },
        prompts: ['a red coat'],
        seeds: options.seeds,
        styles: ['GENERAL'],
        sweepSeed: 1,
      },
      outputDir: join(dir, 'out'),
      confirmLarge: true,
      start: false,
    });
    await options.sim.reset();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    engine.start(created.batchId);
    await engine.idle();
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const sim = await options.sim.report();
    const rows: JobRow[] = [];
    for (let offset = 0; offset < created.jobCount; offset += 1000) {
      rows.push(...engine.pageJobs(created.batchId, { offset, limit: 1000 }).rows);
    }
    return {
      jobs: created.jobCount,
      completed: rows.filter((r) => r.state === 'completed').length,
      wallMs,
      rows,
      sim,
      engineCpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await engine.stop();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** API requests (submit, status, poll, result; every outcome) and media fetches in a simulator report. */
export function requestCounts(report: ChildReport): { api: number; media: number } {
  const sum = (endpoint: keyof ChildReport['stats']['requests']) =>
    Object.values(report.stats.requests[endpoint] ?? {}).reduce((a, b) => a + b, 0);
  return {
    api: sum('v2.submit') + sum('v2.status') + sum('v2.result') + sum('v1.poll'),
    media: sum('media'),
  };
}

/**
 * Mean time from the simulated end of a job to its completion in the journal, ms: the mean submit-to-
 * completion time of the completed jobs minus the mean latency the simulator drew (one draw per job
 * when nothing is retried, as in the benchmarks).
 */
export function meanCompletionDelayMs(rows: JobRow[], report: ChildReport): number | null {
  const { drawnMsSum, drawnCount } = report.stats.latency;
  let total = 0;
  let n = 0;
  for (const row of rows) {
    if (row.state !== 'completed' || !row.submittedAt || !row.finishedAt) continue;
    total += row.finishedAt - row.submittedAt;
    n += 1;
  }
  return n > 0 && drawnCount > 0 ? total / n - drawnMsSum / drawnCount : null;
}
