/**
 * The headless CLI as a user runs it: dry run creates nothing, --json lines parse and end with a summary,
 * --list shows the batch, the first line names the simulator when no key is set, the exit code is 0 only
 * when every job completed, and Ctrl-C pauses cleanly (request ids kept) so --resume can finish the batch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { runCli } from './cli-runner';

let dir: string;
let good: string;
const sims: SimulatorHandle[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-'));
  await generateFixtures(join(dir, 'fx'));
  good = join(dir, 'fx', 'good');
});
afterAll(async () => {
  for (const s of sims) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const sweepArgs = (out: string, seeds = '100') => [
  '--input',
  good,
  '--prompt',
  'a {red|blue} coat',
  '--seeds',
  seeds,
  '--out',
  join(dir, out),
];

describe('sweep CLI', () => {
  it('--dry-run prints the job count and an estimate and creates nothing', async () => {
    const dataDir = join(dir, 'dry-data');
    const cli = runCli([...sweepArgs('dry-out', '100-103'), '--dry-run', '--json', '--data-dir', dataDir]);
    const { code } = await cli.exited;
    expect(code, cli.stderr.join('')).toBe(0);
    expect(cli.lines).toHaveLength(1);
    expect(cli.lines[0]).toMatchObject({
      type: 'dry-run',
      images: 5,
      jobs: 40,
      jobsToPay: 40,
      reused: 0,
      liveUsd: 4,
      chargedUsd: 0,
      backend: 'simulator',
    });
    expect(String(cli.lines[0]!.estimate)).toMatch(/\d/);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(join(dir, 'dry-out'))).toBe(false);
  }, 90_000);

  it('without a key: says it uses the simulator, prints JSON lines and a summary, exits 0, --list shows it', async () => {
    const dataDir = join(dir, 'sim-data');
    const cli = runCli([
      ...sweepArgs('sim-out'),
      '--json',
      '--data-dir',
      dataDir,
      '--simulator-latency-scale',
      '0.002',
    ]);
    const { code } = await cli.exited;
    expect(code, cli.stderr.join('')).toBe(0);
    expect(cli.text).toEqual([]); // every stdout line is JSON
    expect(cli.lines[0]).toMatchObject({ type: 'note' });
    expect(String(cli.lines[0]!.message)).toMatch(/SIMULATOR/);
    const summary = cli.lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', state: 'completed', total: 10, done: 10 });
    expect((summary.counts as Record<string, number>).completed).toBe(10);

    const list = runCli(['--list', '--data-dir', dataDir]);
    expect((await list.exited).code).toBe(0);
    expect(list.text.join('\n')).toContain(String(summary.batchId));
    expect(list.text.join('\n')).toMatch(/Finished — 10 done\s/);
  }, 90_000);

  it('exits non-zero when a job failed', async () => {
    const sim = await startSimulator({ latencyScale: 0.002, faults: { failed: 0.3 }, faultSeed: 3 });
    sims.push(sim);
    const cli = runCli(
      [
        ...sweepArgs('failed-out'),
        '--json',
        '--data-dir',
        join(dir, 'failed-data'),
        '--base-url',
        sim.baseUrl,
        '--rpm',
        'none',
      ],
      { SEGMIND_API_KEY: sim.apiKey },
    );
    const { code } = await cli.exited;
    const summary = cli.lines.at(-1)!;
    expect(summary.type).toBe('summary');
    const counts = summary.counts as Record<string, number>;
    expect(counts.failed).toBeGreaterThan(0);
    expect((counts.completed ?? 0) + (counts.failed ?? 0)).toBe(10);
    expect(code).toBe(1);
  }, 90_000);

  it('Ctrl-C pauses with request ids kept; --resume finishes without paying twice', async () => {
    const sim = await startSimulator({ latencyScale: 0.006 });
    sims.push(sim);
    const dataDir = join(dir, 'sigint-data');
    const common = [
      ...['--json', '--data-dir', dataDir, '--base-url', sim.baseUrl, '--concurrency', '4', '--rpm', 'none'],
    ];
    const env = { SEGMIND_API_KEY: sim.apiKey };
    const cli = runCli([...sweepArgs('sigint-out', '100-103'), ...common], env);
    const line = await cli.waitForLine((l) => l.type === 'progress' && Number(l.done) >= 8);
    cli.child.kill('SIGINT');
    const first = await cli.exited;
    expect(first.code).toBe(130);
    const batchId = String(line.batchId);

    const journal = openJournal({ file: journalPath(dataDir) });
    let keptIds = 0;
    try {
      expect(journal.batches.get(batchId)?.state).toBe('paused');
      const jobs = journal.jobs.page(batchId, { limit: 1000 }).rows;
      expect(jobs.some((j) => j.state === 'pending')).toBe(true);
      expect(jobs.some((j) => j.state === 'submitting')).toBe(false);
      for (const j of jobs)
        if (j.state === 'queued' || j.state === 'processing') {
          expect(j.requestId).toBeTruthy();
          keptIds++;
        }
    } finally {
      journal.close();
    }

    const resumed = runCli(['--resume', batchId, ...common], env);
    const second = await resumed.exited;
    expect(second.code, resumed.stderr.join('')).toBe(0);
    expect(resumed.lines.at(-1)).toMatchObject({ type: 'summary', state: 'completed', done: 40 });
    const stats = sim.stats();
    console.log(
      `[cli sigint] request ids kept over the pause: ${keptIds}; accepted ${stats.acceptedSubmits}`,
    );
    expect(stats.duplicateSubmits).toBe(0);
    expect(stats.acceptedSubmits).toBe(40);
  }, 90_000);
});
