/**
 * Outage suite (issue 11 §2): a sweep through a loopback proxy that takes the network away twice
 * mid-run, first refusing connections, then accepting them and never answering (a blackhole). Asserted:
 * no job failed, every job completed, the simulator accepted each job's params exactly once (no second
 * submit), the engine went offline and came back twice, and the run ended by itself. Short form in
 * `npm test` (~6 s outages); full form `npm run test:faults` (45 s outages).
 */
import type { EngineOptions } from '../../electron/engine/engine';
import { createHarness, idleWithin, sweepSpec } from '../integration/engine/engine-harness';
import { startOutageProxy } from '../integration/net/outage-proxy';
import { Violations } from './journal-audit';

export interface OutageSuiteOptions {
  /** Length of each outage. Default 45 000 ms. */
  outageMs?: number;
  /** Jobs (a multiple of 5). Default 60. */
  jobs?: number;
  /** Engine concurrency. Default 8. */
  concurrency?: number;
}

export interface OutageSuiteReport {
  jobs: number;
  outageMs: number;
  wallMs: number;
  completed: number;
  failed: number;
  acceptedSubmits: number;
  duplicateSubmits: number;
  connectivity: string;
  proxyConnections: Record<string, number>;
  violations: string[];
}

/** Short deadlines and probes, so a blackhole is noticed in seconds rather than minutes. */
const OUTAGE_ENGINE: Partial<EngineOptions> = {
  timeouts: { submitMs: 3_000, statusMs: 1_500, resultMs: 3_000, mediaMs: 3_000 },
  connectivity: { probeInitialMs: 300, probeMaxMs: 2_000 },
  probeTimeoutMs: 500,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not ${what} after ${ms} ms`);
    await sleep(20);
  }
}

export async function runOutageSuite(options: OutageSuiteOptions = {}): Promise<OutageSuiteReport> {
  const outageMs = options.outageMs ?? 45_000;
  const jobs = Math.max(20, Math.ceil((options.jobs ?? 60) / 5) * 5);
  const h = await createHarness({ latencyScale: 0.05 }, { concurrency: options.concurrency ?? 8 });
  const proxy = await startOutageProxy(h.simulator.url);
  const v = new Violations();
  try {
    h.simulator.configure({ publicUrl: proxy.url });
    const engine = await h.restart({ baseUrl: `${proxy.url}/v1`, ...OUTAGE_ENGINE });
    const changes: string[] = [];
    // Failed probes are announced too; the changes of state are what count here.
    engine.onConnectivityChange((c) => c.state !== changes.at(-1) && changes.push(c.state));
    const created = await engine.createBatch({
      spec: sweepSpec([h.goodDir], { seeds: `100-${99 + jobs / 5}`, prompts: ['a red coat'] }),
      outputDir: h.outDir,
    });
    const done = () => engine.summary(created.batchId)!.done;
    const started = Date.now();
    await until(() => done() >= Math.round(jobs * 0.15), 60_000, 'the first jobs done');
    await proxy.set('refuse');
    await until(() => engine.connectivity().state === 'offline', 15_000, 'offline (refused)');
    const before = done();
    await sleep(outageMs);
    v.equal(engine.summary(created.batchId)!.counts.failed, 0, 'jobs failed during the refused outage');
    await proxy.set('pass');
    await until(
      () => done() >= before + Math.round(jobs * 0.25),
      60_000,
      'more jobs done after the first outage',
    );
    await proxy.set('blackhole');
    await until(() => engine.connectivity().state === 'offline', 15_000, 'offline (blackhole)');
    await sleep(outageMs);
    await proxy.set('pass');
    await idleWithin(engine, 120_000);
    const summary = engine.summary(created.batchId)!;
    const stats = h.simulator.stats();
    v.equal(summary.counts.failed, 0, 'failed jobs');
    v.equal(summary.counts.completed, created.jobCount, 'completed jobs');
    v.equal(summary.batch.state, 'completed', 'batch state');
    v.equal(stats.duplicateSubmits, 0, 'second submits (simulator duplicateSubmits)');
    v.equal(stats.acceptedSubmits, created.jobCount, 'accepted submits');
    v.equal(changes, ['offline', 'online', 'offline', 'online'], 'connectivity changes');
    v.check(proxy.accepted.blackhole > 0, 'the blackhole took connections');
    return {
      jobs: created.jobCount,
      outageMs,
      wallMs: Date.now() - started,
      completed: summary.counts.completed,
      failed: summary.counts.failed,
      acceptedSubmits: stats.acceptedSubmits,
      duplicateSubmits: stats.duplicateSubmits,
      connectivity: changes.join(' -> '),
      proxyConnections: { ...proxy.accepted },
      violations: v.list,
    };
  } finally {
    await proxy.close();
    await h.close();
  }
}
