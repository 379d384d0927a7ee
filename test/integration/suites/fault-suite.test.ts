/**
 * Short form of the fault suite (issue 6; full form: `tsx test/suites/run.ts faults`, 1,000 jobs): 120
 * jobs through the CLI against a simulator serving 5xx, 429 bursts, FAILED, drops, slow and truncated
 * bodies, HTML errors and early expiry. The identities are listed in test/suites/fault-suite.ts; the
 * ninth is money: the ledger (CLI summary and journal) against the simulator's own billing.
 */
import { describe, expect, it } from 'vitest';
import { runFaultSuite } from '../../suites/fault-suite';

describe('fault suite (short)', () => {
  it('CLI summary, journal and simulator agree exactly; every job ends with a reason', async () => {
    const report = await runFaultSuite({ jobs: 120, concurrency: 8 });
    console.log(`[fault-suite] ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    expect(report.violations).toEqual([]);
    expect(report.jobs).toBe(120);
    // The faults really happened: some jobs failed for planned reasons, and requests were retried.
    expect(report.states.failed ?? 0).toBeGreaterThan(0);
    expect(report.submitRequests).toBeGreaterThan(report.acceptedSubmits);
    // Money was really counted on both sides.
    expect(report.ledger.billed).toBeGreaterThan(100);
    expect(report.simBilling.billed).toBeGreaterThanOrEqual(report.ledger.billed);
  }, 90_000);
});
