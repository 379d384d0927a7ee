/**
 * Gap suite (issue 11 §1, "a gap in time is not latency"): the CLI runs a sweep in a child process
 * against a simulator living in the suite's process (which, like Segmind, keeps working through the
 * gap). About a third of the way in, the CLI is either paused (SIGSTOP, then SIGCONT after the gap, as
 * a sleeping laptop would) or killed (SIGKILL, then `--resume` after the gap). Figures: the median
 * submit-to-completion time of jobs finished before the gap and of jobs submitted after it (journal
 * times); the goal is after <= 2 x before. Every job must complete, none fail. Short form in
 * `npm test` (a gap of ~15 s); full form in `npm run test:faults` (75 s).
 */
import { join } from 'node:path';
import { journalPath, openJournal } from '../../electron/db';
import { startSimulator } from '../../electron/simulator/server';
import type { CliRun } from '../integration/cli/cli-runner';
import { auditBatch, Violations } from './journal-audit';
import { commonArgs, createWorkspace, startCli, waitFor } from './suite-sweep';

export type GapKind = 'pause' | 'kill';

export interface GapSuiteOptions {
  kind: GapKind;
  /** Length of the gap. Default 75 000 ms. */
  gapMs?: number;
  /** Jobs (rounded up to a multiple of 10). Default 80. */
  jobs?: number;
  /** CLI --concurrency. Default 4. */
  concurrency?: number;
  /** Simulator latency scale. Default 0.05 (median ~0.64 s, the run). */
  latencyScale?: number;
}

export interface GapSuiteReport {
  kind: GapKind;
  jobs: number;
  gapMs: number;
  wallMs: number;
  /** Median submit-to-completion (ms) of jobs finished before the gap, and of jobs submitted after it. */
  medianBeforeMs: number;
  medianAfterMs: number;
  ratio: number;
  jobsBefore: number;
  jobsAfter: number;
  duplicateSubmits: number;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const maxDone = (cli: CliRun) => Math.max(0, ...cli.lines.map((l) => Number(l.done ?? 0)));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runGapSuite(options: GapSuiteOptions): Promise<GapSuiteReport> {
  const gapMs = options.gapMs ?? 75_000;
  const ws = await createWorkspace(`gap-suite-${options.kind}-`, options.jobs ?? 80);
  const sim = await startSimulator({ latencyScale: options.latencyScale ?? 0.05 });
  const v = new Violations();
  const dataDir = join(ws.dir, 'data');
  const common = commonArgs({ dataDir, baseUrl: sim.baseUrl, concurrency: options.concurrency ?? 4 });
  try {
    const started = Date.now();
    const first = startCli([...ws.createArgs(join(ws.dir, 'out')), ...common], sim.apiKey);
    await waitFor(first, () => maxDone(first) >= Math.round(ws.jobs / 3), 'a third of the jobs done');
    const batchId = String(first.lines.find((l) => l.batchId)?.batchId);
    const gapStart = Date.now();
    let last: CliRun = first;
    if (options.kind === 'pause') {
      first.child.kill('SIGSTOP');
      await sleep(gapMs);
      first.child.kill('SIGCONT');
    } else {
      first.child.kill('SIGKILL');
      await first.exited;
      await sleep(gapMs);
      last = startCli(['--resume', batchId, ...common], sim.apiKey);
    }
    const gapEnd = Date.now();
    const { code } = await last.exited;
    v.equal(code, 0, `exit code of the run after the gap (stderr ${last.stderr.join('').slice(-500)})`);
    const wallMs = Date.now() - started;

    const journal = openJournal({ file: journalPath(dataDir) });
    try {
      const audited = await auditBatch(journal, batchId);
      const jobs = audited.map((a) => a.job);
      v.equal(jobs.length, ws.jobs, 'jobs in the batch');
      v.equal(jobs.filter((j) => j.state === 'failed').length, 0, 'failed jobs');
      v.equal(jobs.filter((j) => j.state === 'completed').length, ws.jobs, 'completed jobs');
      const took = (j: (typeof jobs)[number]) => j.finishedAt! - j.submittedAt!;
      const before = jobs.filter((j) => j.finishedAt !== null && j.finishedAt < gapStart).map(took);
      const after = jobs.filter((j) => j.submittedAt !== null && j.submittedAt > gapEnd).map(took);
      const medianBeforeMs = median(before);
      const medianAfterMs = median(after);
      v.check(
        before.length >= 10 && after.length >= 10,
        `too few jobs around the gap: ${before.length} / ${after.length}`,
      );
      v.check(
        medianAfterMs <= 2 * medianBeforeMs,
        `median submit-to-completion after the gap ${medianAfterMs.toFixed(0)} ms > 2 x before (${medianBeforeMs.toFixed(0)} ms)`,
      );
      // A kill may cost one second payment (a submit accepted in the instant before the id was stored).
      const stats = sim.stats();
      v.check(
        stats.duplicateSubmits <= (options.kind === 'kill' ? 1 : 0),
        `second submits: ${stats.duplicateSubmits}`,
      );
      return {
        kind: options.kind,
        jobs: ws.jobs,
        gapMs,
        wallMs,
        medianBeforeMs: Math.round(medianBeforeMs),
        medianAfterMs: Math.round(medianAfterMs),
        ratio: Math.round((medianAfterMs / medianBeforeMs) * 100) / 100,
        jobsBefore: before.length,
        jobsAfter: after.length,
        duplicateSubmits: stats.duplicateSubmits,
        violations: v.list,
      };
    } finally {
      journal.close();
    }
  } finally {
    await sim.close();
    ws.remove();
  }
}
