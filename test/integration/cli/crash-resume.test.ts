/**
 * Acceptance 3: the CLI runs a 60-job sweep in a child process and is SIGKILLed four times mid-run,
 * restarting with `--resume <batch-id>` after each kill. The simulator lives in the test process, so it
 * survives the kills and its counts cover every run. Afterwards: every job completed, none lost, no stray
 * temp files, every output decodes, and no job was submitted again once its request id was stored (a
 * second submit is allowed only when a kill hit between the server accepting and the id being stored).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { createInputFiles } from '../../../electron/engine/input-files';
import { paramsFingerprint } from '../../../electron/simulator/fingerprint';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { validateIdeogramParams } from '../../../shared/catalogue';
import { toIdeogramParams } from '../../../shared/sweep';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { runCli } from './cli-runner';

let dir: string | undefined;
let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sim = undefined;
  dir = undefined;
});

function walk(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const KILL_AT_DONE = [7, 19, 31, 43];
const KILLS = KILL_AT_DONE.length;

describe('CLI crash recovery', () => {
  it('survives repeated SIGKILLs with nothing lost and no request id paid twice', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-crash-'));
    await generateFixtures(join(dir, 'fx'));
    sim = await startSimulator({ latencyScale: 0.006 });
    const dataDir = join(dir, 'data');
    const outDir = join(dir, 'out');
    const common = ['--data-dir', dataDir, '--base-url', sim.baseUrl, '--json', '--concurrency', '4'];
    const env = { SEGMIND_API_KEY: sim.apiKey };
    const first = [
      '--input',
      join(dir, 'fx', 'good'),
      '--prompt',
      'a {red|blue} coat',
      '--seeds',
      '100-105',
      '--out',
      outDir,
    ];

    let batchId: string | undefined;
    let killed = 0;
    for (let run = 0; run <= KILLS; run++) {
      const cli = runCli(batchId ? ['--resume', batchId, ...common] : [...first, ...common], env);
      if (run === KILLS) {
        const { code } = await cli.exited;
        expect(code, cli.stderr.join('')).toBe(0);
        break;
      }
      // Kill mid-run at a different point each time: once the batch has this many jobs done.
      const target = KILL_AT_DONE[run]!;
      const line = await cli.waitForLine((l) => l.type === 'progress' && Number(l.done) >= target);
      batchId ??= line.batchId as string;
      if (cli.child.exitCode === null) {
        cli.child.kill('SIGKILL');
        killed++;
      }
      const { signal } = await cli.exited;
      if (signal !== 'SIGKILL') throw new Error(`run ${run} ended before the kill: ${cli.stderr.join('')}`);
    }
    expect(killed).toBe(KILLS);

    const journal = openJournal({ file: journalPath(dataDir) });
    try {
      const jobs = journal.jobs.page(batchId!, { limit: 1000 }).rows;
      expect(jobs).toHaveLength(60);
      expect(jobs.every((j) => j.state === 'completed')).toBe(true);
      expect(walk(outDir).filter((f) => /\.tmp-/.test(f))).toEqual([]);
      for (const job of jobs) {
        const { info } = await sharp(job.outputPath!).raw().toBuffer({ resolveWithObject: true });
        expect(info.width).toBeGreaterThan(0);
      }

      // Journal side: every job stored exactly one request id (it was never submitted after storing one).
      // Simulator side: a fingerprint accepted twice must belong to a job a kill caught mid-submit.
      const stats = sim.stats();
      const inputFiles = createInputFiles(journal);
      let duplicates = 0;
      for (const job of jobs) {
        const events = journal.jobEvents.listForJob(job.id, 10_000);
        const stored = events.filter((e) => e.toState === 'queued');
        expect(stored).toHaveLength(1);
        const params = validateIdeogramParams(
          toIdeogramParams(job, await inputFiles.imageFileFor(job.inputId)),
        );
        if (!params.ok) throw new Error('stored job has invalid params');
        const accepted = stats.submitsByFingerprint[paramsFingerprint(params.value)] ?? 0;
        expect(accepted).toBeGreaterThanOrEqual(1);
        if (accepted > 1) {
          duplicates += accepted - 1;
          const interrupted = events.some(
            (e) =>
              e.fromState === 'submitting' &&
              e.toState === 'pending' &&
              JSON.stringify(e.detail).includes('interrupted'),
          );
          expect(interrupted).toBe(true);
        }
      }
      console.log(
        `[crash] kills ${killed}; accepted submits ${stats.acceptedSubmits} for 60 jobs; ` +
          `second submits of a job (killed mid-submit) ${duplicates}; sim duplicateSubmits ${stats.duplicateSubmits}`,
      );
      expect(duplicates).toBe(stats.duplicateSubmits);
      expect(duplicates).toBeLessThanOrEqual(killed);
      expect(stats.acceptedSubmits).toBe(60 + duplicates);
    } finally {
      journal.close();
    }
  }, 120_000);
});
