/**
 * Issue 11 §3, acceptance 3, for the CLI: the studio in simulator mode (no key, no base URL, so the
 * simulator runs inside the CLI's own process) is SIGKILLed while jobs are in flight, then resumed.
 * The simulator's jobs live in the data folder, so the restarted studio finds them on the restarted
 * simulator (on its new port): every job completes, none ever failed, each committed one request id,
 * and the simulator accepted each fingerprint once (plus, at most, submits the kill cut short).
 * The same for web mode: test/integration/web/web-restart.test.ts.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { simulatorStateDir } from '../../../electron/service/backend';
import { auditBatch } from '../../suites/journal-audit';
import { createWorkspace, type SuiteWorkspace, waitFor } from '../../suites/suite-sweep';
import { type CliRun, runCli } from '../cli/cli-runner';

let ws: SuiteWorkspace | undefined;
afterEach(() => ws?.remove());

/** The CLI on its built-in simulator: no SEGMIND_API_KEY, no --base-url. */
function startSimulatorModeCli(args: string[], dataDir: string): CliRun {
  return runCli([
    ...args,
    '--data-dir',
    dataDir,
    '--json',
    '--concurrency',
    '8',
    '--retry-scale',
    '0.02',
    // median ~0.64 s: enough jobs are surely in flight when the kill lands
    '--simulator-latency-scale',
    '0.05',
  ]);
}

type Counts = Record<string, number>;
const latest = (cli: CliRun) => cli.lines.filter((l) => l.type === 'progress').at(-1);

describe('kill -9 of the studio in simulator mode', () => {
  it('CLI: every job submitted before the kill completes after the restart, none fails', async () => {
    ws = await createWorkspace('sim-mode-kill-', 40);
    const dataDir = join(ws.dir, 'data');
    const outDir = join(ws.dir, 'out');
    const first = startSimulatorModeCli(ws.createArgs(outDir), dataDir);
    await waitFor(
      first,
      () => {
        const line = latest(first);
        const counts = (line?.counts ?? {}) as Counts;
        return Number(line?.done ?? 0) >= 4 && (counts.queued ?? 0) + (counts.processing ?? 0) >= 4;
      },
      'jobs done and jobs in flight',
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const batchId = String(latest(first)?.batchId);

    // What the kill left: jobs holding a request id of the dead process's simulator.
    const journal = openJournal({ file: journalPath(dataDir) });
    const heldAtKill = journal.jobs
      .page(batchId, { state: ['queued', 'processing'], limit: 1000 })
      .rows.filter((j) => j.requestId !== null);
    journal.close();
    expect(heldAtKill.length).toBeGreaterThan(0);
    const oldOrigin = new URL(heldAtKill[0]!.statusUrl!).origin;

    const second = startSimulatorModeCli(['--resume', batchId], dataDir);
    const { code } = await second.exited;
    expect(code, second.stderr.join('').slice(-2000)).toBe(0);
    const note = second.lines.find((l) => l.type === 'note')?.message as string;
    expect(note).toContain('SIMULATOR');
    expect(note).not.toContain(oldOrigin); // a new port: the stored URLs were moved onto it

    const after = openJournal({ file: journalPath(dataDir) });
    try {
      const audited = await auditBatch(after, batchId);
      expect(audited.length).toBe(ws.jobs);
      for (const a of audited) {
        expect(a.job.state, `job ${a.job.id}: ${a.job.errorMessage}`).toBe('completed');
        expect(a.visited, `job ${a.job.id}`).not.toContain('failed');
        expect(a.requestIdsStored, `job ${a.job.id}`).toBe(1);
      }
      for (const held of heldAtKill) {
        const now = audited.find((a) => a.job.id === held.id)!;
        expect(now.job.requestId, 'the held request id was polled, not replaced').toBe(held.requestId);
      }
      // The simulator's own record: one accepted submit per job, beyond that only kill-cut submits.
      const sim = new Database(join(simulatorStateDir(dataDir), 'jobs.sqlite'), { readonly: true });
      const accepted = new Map(
        sim
          .prepare<[], { fingerprint: string; n: number }>(
            'SELECT fingerprint, count(*) AS n FROM jobs GROUP BY fingerprint',
          )
          .all()
          .map((r) => [r.fingerprint, r.n]),
      );
      sim.close();
      for (const a of audited) {
        const n = accepted.get(a.fingerprint) ?? 0;
        expect(n, `job ${a.job.id} accepted`).toBeGreaterThanOrEqual(1);
        expect(n, `job ${a.job.id} accepted`).toBeLessThanOrEqual(1 + a.interruptedSubmits);
      }
      console.log(
        `[simulator-mode kill] ${ws.jobs} jobs, ${heldAtKill.length} held a request id at the kill, all completed`,
      );
    } finally {
      after.close();
    }
  }, 120_000);
});
