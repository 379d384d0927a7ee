/**
 * Crash suite (issue 6): the CLI runs a sweep in a child process and is SIGKILLed `kills` times, then
 * finishes. Kills land at named points through the test-only hook STUDIO_TEST_PAUSE_AT (the process
 * prints a marker and sleeps there; see electron/engine/test-pause.ts) — inside the first migration on a
 * fresh data folder, inside the batch creation transaction, between an output's temp write and its
 * rename — and at random moments (a random time after start, or once a random number of jobs is done).
 * After a kill the run restarts with `--resume <id>`, or with the original command when no batch was
 * committed. Asserted afterwards:
 *   - a kill in a migration or in the batch transaction leaves no batch; in the end there is exactly one;
 *   - every job completed, none ever failed, each committed exactly one request id;
 *   - per job, simulator accepted submits == 1 + extra, where extra <= the job's submits released as
 *     'interrupted before the submit returned' (a kill between the server accepting and the id being
 *     stored: the only admissible second payment); sum of extras == sim.duplicateSubmits <= kills;
 *     sim.acceptedSubmits == jobs + duplicates; no accepted fingerprint outside the batch;
 *   - no temp file in the output or data folder; every output decodes at the requested size;
 *   - the output file names equal an uninterrupted run's (same sweep, own simulator and data folder) and
 *     each file's content digest equals its twin's (see output-check.ts for what the digest covers).
 */
import { join, relative } from 'node:path';
import { resolutionSize } from '@shared/catalogue';
import Database from 'better-sqlite3';
import { journalPath, openJournal } from '../../electron/db';
import { TEST_PAUSE_MARKER, type TestPausePoint } from '../../electron/engine/test-pause';
import { startSimulator } from '../../electron/simulator/server';
import type { CliRun } from '../integration/cli/cli-runner';
import { auditBatch, Violations } from './journal-audit';
import { digestOutput, listFiles, strayTemps } from './output-check';
import { commonArgs, createWorkspace, startCli, waitFor } from './suite-sweep';

export interface CrashSuiteOptions {
  /** Jobs in the sweep (rounded up to a multiple of 10). Default 300. */
  jobs?: number;
  /** SIGKILLs; the first three go to the named points (migration, batch insert, output rename). Default 20. */
  kills?: number;
  /** CLI --concurrency. Default 4. */
  concurrency?: number;
  /** Seed of the kill schedule. Default 1. */
  seed?: number;
  /** Simulator latency scale. Default 0.006 (median ~76 ms). */
  latencyScale?: number;
}

export interface CrashSuiteReport {
  jobs: number;
  wallMs: number;
  kills: number;
  killsByKind: Record<string, number>;
  restarts: number;
  acceptedSubmits: number;
  duplicateSubmits: number;
  outputsCompared: number;
  violations: string[];
}

type Kill =
  | { kind: 'named'; point: TestPausePoint; nth: number }
  | { kind: 'time'; ms: number }
  | { kind: 'done'; fraction: number };

/** A small deterministic PRNG (mulberry32) for the kill schedule. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function schedule(kills: number, random: () => number): Kill[] {
  const named: Kill[] = [
    { kind: 'named', point: 'migration', nth: 1 },
    { kind: 'named', point: 'batch-insert', nth: 1 },
  ];
  const rest: Kill[] = [{ kind: 'named', point: 'output-rename', nth: 1 + Math.floor(random() * 3) }];
  while (named.length + rest.length < kills) {
    rest.push(
      random() < 0.5
        ? { kind: 'time', ms: Math.floor(random() * 2500) }
        : { kind: 'done', fraction: random() },
    );
  }
  // The two creation-time kills come first (they need a batch not yet created); the rest shuffled.
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...named, ...rest].slice(0, kills);
}

/** Batch ids committed in the journal, read without migrating it (a kill may have left it at version 0). */
function committedBatches(dataDir: string): string[] {
  try {
    const db = new Database(journalPath(dataDir), { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare<[], { id: string }>('SELECT id FROM batches')
        .all()
        .map((r) => r.id);
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

const maxDone = (cli: CliRun) => Math.max(0, ...cli.lines.map((l) => Number(l.done ?? 0)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the suite; `violations` is empty when every check held. */
export async function runCrashSuite(options: CrashSuiteOptions = {}): Promise<CrashSuiteReport> {
  const random = rng(options.seed ?? 1);
  const latencyScale = options.latencyScale ?? 0.006;
  const concurrency = options.concurrency ?? 4;
  const ws = await createWorkspace('crash-suite-', options.jobs ?? 300);
  const v = new Violations();
  const refOut = join(ws.dir, 'ref-out');
  const outDir = join(ws.dir, 'out');
  const dataDir = join(ws.dir, 'data');
  const sim = await startSimulator({ latencyScale });
  try {
    // The uninterrupted twin, with its own simulator and journal.
    const refSim = await startSimulator({ latencyScale });
    try {
      const ref = startCli(
        [
          ...ws.createArgs(refOut),
          ...commonArgs({ dataDir: join(ws.dir, 'ref-data'), baseUrl: refSim.baseUrl, concurrency }),
        ],
        refSim.apiKey,
      );
      const { code } = await ref.exited;
      if (code !== 0) throw new Error(`reference run exited ${code}: ${ref.stderr.join('').slice(-2000)}`);
    } finally {
      await refSim.close();
    }

    const started = Date.now();
    const common = commonArgs({ dataDir, baseUrl: sim.baseUrl, concurrency });
    let batchId: string | undefined;
    let killed = 0;
    let restarts = 0;
    const killsByKind: Record<string, number> = {};
    for (const kill of schedule(options.kills ?? 20, random)) {
      const env: Record<string, string> =
        kill.kind === 'named' ? { STUDIO_TEST_PAUSE_AT: `${kill.point}:${kill.nth}` } : {};
      const cli = startCli(
        batchId ? ['--resume', batchId, ...common] : [...ws.createArgs(outDir), ...common],
        sim.apiKey,
        env,
      );
      restarts++;
      const label = kill.kind === 'named' ? kill.point : kill.kind;
      try {
        if (kill.kind === 'named') {
          await waitFor(
            cli,
            () => cli.stderr.join('').includes(`${TEST_PAUSE_MARKER} ${kill.point}`),
            `marker ${kill.point}`,
          );
        } else if (kill.kind === 'done') {
          const target = Math.floor(kill.fraction * ws.jobs);
          await waitFor(cli, () => maxDone(cli) >= target, `${target} jobs done`);
        } else {
          await Promise.race([sleep(kill.ms), cli.exited]);
        }
      } catch (error) {
        v.check(kill.kind !== 'named', `kill at ${label}: ${(error as Error).message.slice(0, 300)}`);
      }
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      const { signal, code } = await cli.exited;
      if (signal === 'SIGKILL') {
        killed++;
        killsByKind[label] = (killsByKind[label] ?? 0) + 1;
      } else
        v.check(code === 0, `run before kill '${label}' exited ${code}: ${cli.stderr.join('').slice(-500)}`);
      const batches = committedBatches(dataDir);
      if (kill.kind === 'named' && kill.point !== 'output-rename')
        v.equal(batches, [], `batches after a kill at ${kill.point}`);
      batchId ??= batches[0];
    }
    const last = startCli(
      batchId ? ['--resume', batchId, ...common] : [...ws.createArgs(outDir), ...common],
      sim.apiKey,
    );
    restarts++;
    const { code } = await last.exited;
    v.equal(code, 0, `final run exit code (stderr ${last.stderr.join('').slice(-500)})`);
    const wallMs = Date.now() - started;
    for (let i = 0; i < 400 && sim.stats().inFlight > 0; i++) await sleep(25);
    const stats = sim.stats();

    const batches = committedBatches(dataDir);
    v.equal(batches.length, 1, 'batches in the journal');
    const journal = openJournal({ file: journalPath(dataDir) });
    let compared = 0;
    try {
      const audited = batchId ? await auditBatch(journal, batchId) : [];
      v.equal(audited.length, ws.jobs, 'jobs in the batch');
      const fps = new Set(audited.map((a) => a.fingerprint));
      let duplicates = 0;
      for (const a of audited) {
        v.equal(a.job.state, 'completed', `job ${a.job.id} state`);
        v.check(!a.visited.includes('failed'), `job ${a.job.id} failed at some point`);
        v.equal(a.requestIdsStored, 1, `job ${a.job.id} request ids committed`);
        const extra = (stats.submitsByFingerprint[a.fingerprint] ?? 0) - 1;
        v.check(
          extra >= 0 && extra <= a.interruptedSubmits,
          `job ${a.job.id}: ${extra} extra submits, ${a.interruptedSubmits} interrupted`,
        );
        duplicates += Math.max(0, extra);
      }
      v.equal(stats.duplicateSubmits, duplicates, 'sim duplicateSubmits vs per-job extras');
      v.check(duplicates <= killed, `duplicates ${duplicates} > kills ${killed}`);
      v.equal(stats.acceptedSubmits, ws.jobs + duplicates, 'accepted submits');
      v.equal(
        Object.keys(stats.submitsByFingerprint).filter((fp) => !fps.has(fp)),
        [],
        'stray fingerprints',
      );
      v.equal([...strayTemps(outDir), ...strayTemps(dataDir)], [], 'temp files left');

      const files = listFiles(outDir);
      const refFiles = listFiles(refOut);
      v.equal(files, refFiles, 'output file names vs the uninterrupted run');
      v.equal(
        audited
          .map((a) =>
            relative(outDir, a.job.outputPath ?? '')
              .split('\\')
              .join('/'),
          )
          .sort(),
        files,
        'journal output paths vs files on disk',
      );
      const want = resolutionSize(audited[0]?.job.resolution ?? 'RESOLUTION_1024_640');
      for (const file of files.filter((f) => refFiles.includes(f))) {
        const [mine, theirs] = await Promise.all([
          digestOutput(join(outDir, file)),
          digestOutput(join(refOut, file)),
        ]).catch((e: Error) => [e, e] as const);
        if (mine instanceof Error || theirs instanceof Error) {
          v.check(false, `${file} does not decode: ${(mine as Error).message}`);
          continue;
        }
        v.check(
          mine.width === want.width && mine.height === want.height,
          `${file} is ${mine.width}x${mine.height}`,
        );
        v.check(mine.digest === theirs.digest, `${file} differs from the uninterrupted run`);
        compared++;
      }
    } finally {
      journal.close();
    }
    return {
      jobs: ws.jobs,
      wallMs,
      kills: killed,
      killsByKind,
      restarts,
      acceptedSubmits: stats.acceptedSubmits,
      duplicateSubmits: stats.duplicateSubmits,
      outputsCompared: compared,
      violations: v.list,
    };
  } finally {
    await sim.close();
    ws.remove();
  }
}
