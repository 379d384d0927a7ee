/**
 * Short form of the crash suite (issue 6; full form: `tsx test/suites/run.ts crash`, 300 jobs and 20
 * kills): 60 jobs, four SIGKILLs of the CLI — inside the first migration, inside the batch creation
 * transaction, between an output's temp write and its rename (test-only hook STUDIO_TEST_PAUSE_AT), and
 * one at a random moment — then a final run. Replaces the former test/integration/cli/crash-resume test;
 * the checks are listed in test/suites/crash-suite.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCrashSuite } from '../../suites/crash-suite';

describe('crash suite (short)', () => {
  it('survives kills at named points and at random with nothing lost, paid twice or changed', async () => {
    const report = await runCrashSuite({ jobs: 60, kills: 4, seed: 3 });
    console.log(`[crash-suite] ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    expect(report.violations).toEqual([]);
    expect(report.kills).toBe(4);
    expect(report.killsByKind).toMatchObject({ migration: 1, 'batch-insert': 1, 'output-rename': 1 });
    expect(report.outputsCompared).toBe(60);
  }, 120_000);
});
