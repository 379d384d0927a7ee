/**
 * The sweep both proof suites run: the five generated `good` fixture images x two prompt permutations x
 * as many seeds as it takes to reach the requested job count, through the real CLI in a child process
 * (`node --import tsx electron/cli/sweep.ts ... --json`) against a simulator living in the suite's own
 * process, so the simulator's counts survive every kill of the CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures } from '../fixtures/generate-fixtures';
import { type CliRun, runCli } from '../integration/cli/cli-runner';

/** Output names without the batch id, so two batches' outputs can be compared name for name. */
export const SUITE_TEMPLATE = '{input}/{input}__{style}__s{seed}__p{prompt}.png';
export const SUITE_RESOLUTION = 'RESOLUTION_1024_640';
const JOBS_PER_SEED = 10; // 5 inputs x 2 prompt permutations

export interface SuiteWorkspace {
  dir: string;
  inputDir: string;
  /** Jobs the sweep really has (the request rounded up to a multiple of 10). */
  jobs: number;
  /** CLI arguments creating the sweep into `outDir` with journal `dataDir`. */
  createArgs(outDir: string): string[];
  remove(): void;
}

/** A temp folder with fixtures and the sweep arguments for about `jobs` jobs. */
export async function createWorkspace(prefix: string, jobs: number): Promise<SuiteWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await generateFixtures(join(dir, 'fx'));
  const seeds = Math.max(1, Math.ceil(jobs / JOBS_PER_SEED));
  const inputDir = join(dir, 'fx', 'good');
  return {
    dir,
    inputDir,
    jobs: seeds * JOBS_PER_SEED,
    createArgs: (outDir) => [
      '--input',
      inputDir,
      '--prompt',
      'a {red|blue} coat',
      '--seeds',
      `1000-${1000 + seeds - 1}`,
      '--resolutions',
      SUITE_RESOLUTION,
      '--template',
      SUITE_TEMPLATE,
      '--out',
      outDir,
    ],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Common flags: journal folder, simulator base URL, JSON lines, concurrency, fast retries, no request
 * budget (the CLI talks to the simulator as to Segmind, where it would otherwise discover one), and
 * --yes: with a key and a base URL the simulator presents as live, and a suite's sweep costs more than
 * the dollars a live run may spend unconfirmed.
 */
export function commonArgs(o: { dataDir: string; baseUrl: string; concurrency: number }): string[] {
  return [
    '--data-dir',
    o.dataDir,
    '--base-url',
    o.baseUrl,
    '--json',
    '--concurrency',
    String(o.concurrency),
    '--retry-scale',
    '0.02',
    '--rpm',
    'none',
    '--yes',
  ];
}

/** Starts the CLI with the simulator's key (so it talks to `--base-url`, not an in-process simulator). */
export function startCli(args: string[], apiKey: string, env: Record<string, string> = {}): CliRun {
  return runCli(args, { SEGMIND_API_KEY: apiKey, ...env });
}

/** Resolves once `cond()` holds (checked every 5 ms), or rejects when the process exits first. */
export function waitFor(run: CliRun, cond: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let exited = false;
    void run.exited.then(() => {
      exited = true;
    });
    const timer = setInterval(() => {
      if (cond()) {
        clearInterval(timer);
        resolve();
      } else if (exited) {
        clearInterval(timer);
        reject(new Error(`CLI exited before ${what}; stderr: ${run.stderr.join('').slice(-2000)}`));
      }
    }, 5);
  });
}

/** The last `summary` JSON line of a CLI run, or undefined. */
export function summaryLine(run: CliRun): Record<string, unknown> | undefined {
  return run.lines.filter((l) => l.type === 'summary').at(-1);
}
