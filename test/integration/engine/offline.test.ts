/**
 * Offline is a state, not a failure (issue 11 §2), short form: 60 jobs through a loopback proxy that
 * takes the network away twice mid-run, first refusing connections, then accepting them and never
 * answering (a blackhole), about 6 s each (45 s each in `npm run test:faults`). Nothing fails, nothing
 * is submitted twice (the simulator's duplicate-submit count), the engine says offline and back, and
 * the run ends by itself. With an outage limit set, the jobs waiting for the way back fail with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../../electron/engine/engine';
import { runOutageSuite } from '../../suites/outage-suite';
import { type OutageProxy, startOutageProxy } from '../net/outage-proxy';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

const harnesses: Harness[] = [];
const proxies: OutageProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
  for (const h of harnesses.splice(0)) await h.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Short deadlines and probes, so a lost connection is noticed in seconds rather than minutes. */
const FAST_OFFLINE: Partial<EngineOptions> = {
  timeouts: { submitMs: 3_000, statusMs: 1_500, resultMs: 3_000, mediaMs: 3_000 },
  connectivity: { probeInitialMs: 300, probeMaxMs: 1_000 },
  probeTimeoutMs: 500,
};

async function outageHarness(
  engine: Partial<EngineOptions> = {},
): Promise<{ h: Harness; proxy: OutageProxy }> {
  const h = await createHarness({ latencyScale: 0.05 }, { concurrency: 8 });
  harnesses.push(h);
  const proxy = await startOutageProxy(h.simulator.url);
  proxies.push(proxy);
  h.simulator.configure({ publicUrl: proxy.url });
  await h.restart({ baseUrl: `${proxy.url}/v1`, ...FAST_OFFLINE, ...engine });
  return { h, proxy };
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not ${what} after ${ms} ms`);
    await sleep(20);
  }
}

describe('engine: offline is a state, not a failure', () => {
  it('two outages (refused, then blackholed) in a 60-job run: 0 failed, 0 second submits, ends by itself', async () => {
    const report = await runOutageSuite({ outageMs: 6_000, jobs: 60 });
    console.log(`[outage-suite] ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    expect(report.violations).toEqual([]);
    expect([report.completed, report.failed, report.duplicateSubmits]).toEqual([60, 0, 0]);
  }, 180_000);

  it('an outage longer than the user limit fails the waiting jobs with that reason; the run ends', async () => {
    const { h, proxy } = await outageHarness({ offlineFailAfterMin: 0.05 });
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.goodDir], { seeds: '100-103', prompts: ['a red coat'] }),
      outputDir: h.outDir,
    });
    await until(() => h.engine.summary(created.batchId)!.done >= 2, 30_000, '2 done');
    await proxy.set('refuse');
    await idleWithin(h.engine, 60_000);
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.counts.failed).toBeGreaterThan(0);
    expect(summary.counts.completed + summary.counts.failed).toBe(created.jobCount);
    const failed = h.engine.pageJobs(created.batchId, { state: 'failed' }).rows;
    for (const job of failed) {
      expect(job.errorCode).toBe('network_error');
      expect(job.errorMessage).toMatch(
        /unreachable for \d+ min, longer than your limit of 0.05 min \(.*ECONNREFUSED/,
      );
    }
    expect(h.engine.offlineGivenUp()).toBe(true);
    expect(h.simulator.stats().duplicateSubmits).toBe(0);
  }, 120_000);
});
