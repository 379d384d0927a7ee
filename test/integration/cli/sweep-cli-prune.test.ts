/**
 * Prune from the CLI (issue 10 §4, acceptance 5): a run stopped mid-way, `--resume <id> --prune
 * style=ANIME` finishes it without a single further submit of an ANIME job (the simulator's accepted
 * submits equal the jobs the journal sent, and no pruned job was ever sent), the summary's ledger says
 * how many were pruned; `--resume <id> --unprune style=ANIME` queues them again and the batch completes
 * with every job, nothing sent twice. Also: progressive order is the default, `--order grid` is kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import type { JobRow } from '../../../electron/db/job-types';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { runCli } from './cli-runner';

let dir: string;
let good: string;
let sim: SimulatorHandle;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-prune-'));
  await generateFixtures(join(dir, 'fx'));
  good = join(dir, 'fx', 'good');
  sim = await startSimulator({ latencyScale: 0.006 });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function jobsOf(dataDir: string, batchId: string): { jobs: JobRow[]; spec: Record<string, unknown> } {
  const journal = openJournal({ file: journalPath(dataDir) });
  try {
    const batch = journal.batches.get(batchId)!;
    return {
      jobs: journal.jobs.page(batchId, { limit: 1000 }).rows,
      spec: JSON.parse(JSON.stringify(batch.spec)) as Record<string, unknown>,
    };
  } finally {
    journal.close();
  }
}

describe('sweep CLI prune', () => {
  it('--prune style=ANIME with --resume sends no further ANIME job; --unprune queues them again', async () => {
    const dataDir = join(dir, 'data');
    const env = { SEGMIND_API_KEY: sim.apiKey };
    const common = [
      '--json',
      '--data-dir',
      dataDir,
      '--base-url',
      sim.baseUrl,
      '--concurrency',
      '2',
      '--rpm',
      'none',
    ];
    const sweep = ['--input', good, '--prompt', 'a {red|blue} coat', '--seeds', '100-103'];
    const cli = runCli(
      [...sweep, '--styles', 'GENERAL,ANIME', '--yes', '--out', join(dir, 'out'), ...common],
      env,
    );
    const line = await cli.waitForLine((l) => l.type === 'progress' && Number(l.done) >= 6);
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(130);
    const batchId = String(line.batchId);

    const before = jobsOf(dataDir, batchId);
    expect(before.spec.order ?? 'progressive').toBe('progressive');
    const animeSentBefore = before.jobs.filter((j) => j.style === 'ANIME' && j.requestId).length;
    const animePending = before.jobs.filter((j) => j.style === 'ANIME' && j.state === 'pending').length;
    expect(animeSentBefore).toBeGreaterThan(0); // progressive order reached both styles early
    expect(animePending).toBeGreaterThan(0);

    const pruned = runCli(['--resume', batchId, '--prune', 'style=anime', ...common], env);
    const prunedExit = await pruned.exited;
    expect(prunedExit.code, pruned.stderr.join('')).toBe(0);
    expect(pruned.lines).toContainEqual({
      type: 'note',
      message: `pruned ${animePending} jobs of style ANIME: skipped, not paid`,
    });
    const summary = pruned.lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', state: 'completed', ledger: { pruned: animePending } });

    const after = jobsOf(dataDir, batchId);
    const anime = after.jobs.filter((j) => j.style === 'ANIME');
    expect(anime.filter((j) => j.requestId).length).toBe(animeSentBefore);
    expect(anime.filter((j) => j.state === 'cancelled' && j.errorCode === 'pruned').length).toBe(
      animePending,
    );
    expect(after.jobs.filter((j) => j.style === 'GENERAL').every((j) => j.state === 'completed')).toBe(true);
    // The simulator saw exactly the submits the journal recorded: none for a pruned job.
    expect(sim.stats().acceptedSubmits).toBe(after.jobs.filter((j) => j.requestId).length);

    const undone = runCli(['--resume', batchId, '--unprune', 'style=ANIME', ...common], env);
    expect((await undone.exited).code, undone.stderr.join('')).toBe(0);
    expect(undone.lines).toContainEqual({
      type: 'note',
      message: `queued ${animePending} jobs of style ANIME again (prune undone)`,
    });
    expect(undone.lines.at(-1)).toMatchObject({
      type: 'summary',
      state: 'completed',
      done: 80,
      ledger: { pruned: 0 },
    });
    const stats = sim.stats();
    expect(stats.acceptedSubmits).toBe(80);
    expect(stats.duplicateSubmits).toBe(0);
  }, 120_000);

  it('refuses --prune without --resume, and a malformed target', async () => {
    const alone = runCli(['--prune', 'style=ANIME', '--input', good, '--prompt', 'a cat']);
    expect((await alone.exited).code).not.toBe(0);
    expect(alone.stderr.join('')).toContain('use them with --resume <batch-id>');
    const bad = runCli(['--resume', 'x', '--prune', 'colour=red']);
    expect((await bad.exited).code).not.toBe(0);
    expect(bad.stderr.join('')).toContain('--prune axis must be one of input, prompt, negative, style');
  }, 60_000);
});
