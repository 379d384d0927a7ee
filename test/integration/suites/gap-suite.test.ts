/**
 * Short form of the gap suite (issue 11 §1; full form with a 75 s gap: `npm run test:faults`): a run
 * paused with SIGSTOP and a run killed and resumed, each across a 15 s gap. After the gap, jobs are
 * noticed as done as fast as before it (median submit-to-completion at most 2x), and all complete.
 */
import { describe, expect, it } from 'vitest';
import { runGapSuite } from '../../suites/gap-suite';

describe('gap suite (short)', () => {
  it.each(['pause', 'kill'] as const)(
    '%s across a 15 s gap: after <= 2 x before, all complete',
    async (kind) => {
      const report = await runGapSuite({ kind, gapMs: 15_000, jobs: 60 });
      console.log(`[gap-suite] ${JSON.stringify({ ...report, violations: report.violations.length })}`);
      expect(report.violations).toEqual([]);
      expect(report.ratio).toBeLessThanOrEqual(2);
    },
    150_000,
  );
});
