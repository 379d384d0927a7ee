/**
 * The CLI and money, against a simulator that presents as live (a key and a base URL, so the backend is
 * Segmind): a run above the confirmation threshold is refused without --yes or --max-spend, stating
 * the dollars and sending nothing; --max-spend runs it up to the cap exactly (the simulator's billing)
 * and pauses with the reason; --resume with a higher cap finishes it; --yes confirms a new run; the
 * summary line carries the ledger; a dry run after a finished run excludes the reused jobs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { runCli } from './cli-runner';

let dir: string;
let good: string;
let sim: SimulatorHandle;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-money-'));
  await generateFixtures(join(dir, 'fx'));
  good = join(dir, 'fx', 'good');
  sim = await startSimulator({ latencyScale: 0.004 });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const sweep = (seeds: string) => ['--input', good, '--prompt', 'a {red|blue} coat', '--seeds', seeds];

describe('sweep CLI and money (live backend)', () => {
  it('refuses an unconfirmed live run, caps one with --max-spend, resumes it with a higher cap, confirms with --yes', async () => {
    const dataDir = join(dir, 'data');
    // The studio's settings apply to the CLI too: runs above $1 need confirming.
    const journal = openJournal({ file: journalPath(dataDir) });
    journal.settings.set('studio', { confirmAboveUsd: 1 });
    journal.close();
    const env = { SEGMIND_API_KEY: sim.apiKey, SEGMIND_BASE_URL: sim.baseUrl };
    // --rpm none: the simulator has no request budget; discovering one (the live default) is slow.
    const common = ['--data-dir', dataDir, '--out', join(dir, 'out'), '--concurrency', '8', '--rpm', 'none'];

    const refused = runCli([...sweep('100-103'), ...common], env);
    expect((await refused.exited).code).toBe(2);
    const message = refused.stderr.join('');
    expect(message).toContain('This live run costs up to $4.00: 40 jobs to pay at $0.10');
    expect(message).toContain('Confirm with --yes, or cap the spend with --max-spend <usd>');
    expect(sim.stats().totalRequests).toBe(0);

    const capped = runCli([...sweep('100-103'), ...common, '--max-spend', '1.00', '--json'], env);
    expect((await capped.exited).code).toBe(1);
    const summary = capped.lines.at(-1)!;
    expect(summary).toMatchObject({
      type: 'summary',
      state: 'paused',
      pauseReason: 'spend cap reached ($1.00 of $1.00)',
      ledger: { billed: 10, billedUsd: 1, notBilled: 0, ambiguous: 0, maxSpendUsd: 1, estimatedUsd: 4 },
    });
    expect(sim.stats().billing).toMatchObject({ billed: 10, billedUsd: 1 });

    const resumed = runCli(['--resume', String(summary.batchId), ...common, '--max-spend', '4'], env);
    expect((await resumed.exited).code, resumed.stderr.join('')).toBe(0);
    const text = resumed.text.join('\n');
    expect(text).toContain('Finished — 40 done');
    expect(text).toContain('Money: billed 40 · $4.00 · estimated $4.00 · cap $4.00');
    expect(sim.stats().billing).toMatchObject({ billed: 40, billedUsd: 4 });

    // The same sweep again: every job is reused, nothing to pay (and nothing to confirm).
    const dry = runCli([...sweep('100-103'), ...common, '--dry-run', '--json'], env);
    expect((await dry.exited).code).toBe(0);
    expect(dry.lines[0]).toMatchObject({
      jobs: 40,
      reused: 40,
      jobsToPay: 0,
      chargedUsd: 0,
      backend: 'segmind',
    });

    const confirmed = runCli([...sweep('200-203'), ...common, '--yes', '--json'], env);
    expect((await confirmed.exited).code, confirmed.stderr.join('')).toBe(0);
    expect(confirmed.lines.at(-1)).toMatchObject({
      state: 'completed',
      ledger: { billed: 40, billedUsd: 4 },
    });
    expect(sim.stats().billing.billedUsd).toBe(8);
  }, 120_000);
});
