/**
 * Test harness for the engine: a fresh data folder with a real SQLite journal, the simulator on
 * loopback, generated fixture images, and an engine wired to them. Each test gets its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Journal, journalPath, openJournal } from '../../../electron/db';
import { type Engine, type EngineOptions, startEngine } from '../../../electron/engine/engine';
import {
  type SimulatorHandle,
  type SimulatorOptionsPatch,
  startSimulator,
} from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';

export interface Harness {
  dir: string;
  dataDir: string;
  outDir: string;
  fixtures: Awaited<ReturnType<typeof generateFixtures>>;
  goodDir: string;
  simulator: SimulatorHandle;
  journal: Journal;
  engine: Engine;
  /** Stops the engine and reopens it on the same journal (a clean restart). */
  restart(options?: Partial<EngineOptions>): Promise<Engine>;
  close(): Promise<void>;
}

/** Fast settings: tiny latency, short engine retry delays. */
export async function createHarness(
  sim: SimulatorOptionsPatch = {},
  engine: Partial<EngineOptions> = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-engine-'));
  const dataDir = join(dir, 'data');
  const fixtures = await generateFixtures(join(dir, 'fixtures'));
  const simulator = await startSimulator({ latencyScale: 0.002, ...sim });
  let journal = openJournal({ file: journalPath(dataDir) });
  const options = (): EngineOptions => ({
    journal,
    dataDir,
    baseUrl: simulator.baseUrl,
    apiKey: simulator.apiKey,
    concurrency: 8,
    feedIntervalMs: 50,
    retryBaseDelayMs: 20,
    rateLimitBackoffMs: 50,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...engine,
  });
  const harness: Harness = {
    dir,
    dataDir,
    outDir: join(dir, 'out'),
    fixtures,
    goodDir: join(dir, 'fixtures', 'good'),
    simulator,
    journal,
    engine: await startEngine(options()),
    async restart(extra = {}) {
      await harness.engine.stop();
      journal.close();
      journal = openJournal({ file: journalPath(dataDir) });
      harness.journal = journal;
      harness.engine = await startEngine({ ...options(), ...extra });
      return harness.engine;
    },
    async close() {
      await harness.engine.stop();
      harness.journal.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Waits for the engine to go idle, failing the test after `ms`. */
export async function idleWithin(engine: Engine, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`engine not idle after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([engine.idle(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A small sweep spec over `paths`; override any axis. */
export function sweepSpec(paths: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    inputs: { paths, recursive: false },
    prompts: ['a {red|blue} coat'],
    seeds: '100-101',
    styles: ['GENERAL'],
    resolutions: ['RESOLUTION_1024_640'],
    sweepSeed: 1,
    ...extra,
  };
}

/** Every state a job passed through, from the journal's event log. */
export function statesVisited(journal: Journal, jobId: number): string[] {
  return journal.jobEvents
    .listForJob(jobId, 10_000)
    .filter((e) => e.kind === 'state' && e.toState)
    .map((e) => e.toState as string);
}

/** Sum of a simulator endpoint's answers with the given outcomes (all outcomes when omitted). */
export function countRequests(
  stats: ReturnType<SimulatorHandle['stats']>,
  endpoint: keyof ReturnType<SimulatorHandle['stats']>['requests'],
  outcomes?: string[],
): number {
  const per = stats.requests[endpoint] ?? {};
  return Object.entries(per)
    .filter(([o]) => !outcomes || outcomes.includes(o))
    .reduce((a, [, n]) => a + n, 0);
}
