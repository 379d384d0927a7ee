/**
 * Benchmark `estimate.timeError`: how far the studio's time estimate for a sweep is from the time the
 * sweep really takes. The path is the user's: a data folder where an earlier sweep of the same size ran
 * (yesterday's batch: its ledger is the latency history), the composer's estimate (`sweep:estimate`'s
 * estimator: jobs to pay, the slot times of this backend's billed jobs, concurrency), then the new
 * sweep run to the end against the simulator child. Error = |estimated - actual| / actual. The cold
 * figure is the estimate of the earlier sweep, made before any history existed (the simulator's nominal
 * median stands in), against that sweep's own duration. The two sweeps do the same work, so the gap
 * between their durations is what this machine's load alone does to a run.
 *
 * Latency scale 0.1 (median ~1.27 s), concurrency 16: at 1/100 the run is bound by this machine's CPU
 * (see `sweep.wallOverIdeal`), which no latency-based estimate can know.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDuration } from '@shared/scheduling';
import { journalPath, openJournal } from '../../electron/db';
import { type Engine, startEngine } from '../../electron/engine/engine';
import { createSweepEstimator, type EstimateContext } from '../../electron/engine/sweep-estimator';
import { REAL_MEDIAN_LATENCY_MS } from '../../electron/simulator/options';
import { generateFixtures } from '../fixtures/generate-fixtures';
import type { Figure } from './results';
import { startSimProcess } from './sim-process';

const CONCURRENCY = 16;
const LATENCY_SCALE = 0.1;
const spec = (inputDir: string, prompt: string, jobs: number) => ({
  inputs: { paths: [inputDir], recursive: false },
  prompts: [prompt],
  seeds: `1000-${999 + jobs / 5}`,
  styles: ['GENERAL'],
  sweepSeed: 1,
});

async function runToIdle(engine: Engine, s: object, outDir: string): Promise<number> {
  const created = await engine.createBatch({ spec: s, outputDir: outDir, start: false });
  const t0 = performance.now();
  engine.start(created.batchId);
  await engine.idle();
  const wallMs = performance.now() - t0;
  const summary = engine.summary(created.batchId)!;
  if (summary.counts.completed !== created.jobCount)
    throw new Error(`only ${summary.counts.completed} of ${created.jobCount} jobs completed`);
  return wallMs;
}

function context(engine: Engine): EstimateContext {
  return {
    backend: 'simulator',
    priceUsd: 0.1,
    confirmAboveUsd: 5,
    concurrency: CONCURRENCY,
    latency: engine.latencyHistory(),
    defaultMedianMs: REAL_MEDIAN_LATENCY_MS * LATENCY_SCALE,
    requestsPerMinute: null,
    wildcardsDir: null,
  };
}

/** Runs the benchmark for a sweep of `jobs` jobs (a multiple of 5). */
export async function benchEstimateTime(jobs: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-bench-estimate-'));
  const sim = await startSimProcess({ latencyScale: LATENCY_SCALE, maxConcurrent: CONCURRENCY });
  const journal = openJournal({ file: journalPath(join(dir, 'data')) });
  const engine = await startEngine({
    journal,
    dataDir: join(dir, 'data'),
    baseUrl: sim.baseUrl,
    apiKey: sim.apiKey,
    concurrency: CONCURRENCY,
  });
  try {
    await generateFixtures(join(dir, 'fixtures'));
    const inputDir = join(dir, 'fixtures', 'good');
    const estimator = createSweepEstimator({
      journal,
      prepareCacheDir: join(dir, 'data', 'cache', 'inputs'),
    });
    const earlier = spec(inputDir, 'an earlier sweep', jobs);
    const cold = await estimator.estimate(earlier, context(engine));
    const earlierMs = await runToIdle(engine, earlier, join(dir, 'earlier'));
    const history = engine.latencyHistory();
    const target = spec(inputDir, 'a red coat', jobs);
    const warm = await estimator.estimate(target, context(engine));
    if (!cold.ok || !warm.ok) throw new Error('the benchmark sweep does not validate');
    if (warm.jobsToPay !== jobs)
      throw new Error(`expected ${jobs} jobs to pay, estimate says ${warm.jobsToPay}`);
    const actualMs = await runToIdle(engine, target, join(dir, 'out'));
    const error = (estimate: number, actual: number) => Math.abs(estimate - actual) / actual;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const basis = history
      ? `history of ${history.samples} jobs: slot median ${history.medianMs.toFixed(0)} ms, sigma ${history.sigma.toFixed(2)}, gap ${history.gapMs.toFixed(0)} ms, finish ${history.finishMs.toFixed(0)} ms`
      : 'no history';
    // The same estimate from the new sweep's own history: what the model misses with a perfect history.
    const own = await estimator.estimate(spec(inputDir, 'a red coat, again', jobs), context(engine));
    return [
      {
        id: 'estimate.timeError',
        label: `Time estimate error, ${jobs}-job sweep @${CONCURRENCY}, latency x${LATENCY_SCALE}`,
        value: error(warm.durationMs, actualMs),
        unit: '',
        goal: { kind: 'max', limit: 0.1 },
        note: `estimated ${formatDuration(warm.durationMs)} (${s(warm.durationMs)}), took ${s(actualMs)}; the same work took ${s(earlierMs)} just before; ${basis}`,
      },
      {
        id: 'estimate.timeError.ownHistory',
        label: '  (the same sweep, from its own history afterwards)',
        value: own.ok ? error(own.durationMs, actualMs) : null,
        unit: '',
        note: own.ok ? `estimated ${s(own.durationMs)} from the run's own slot times` : 'no estimate',
      },
      {
        id: 'estimate.timeError.cold',
        label: '  (the earlier sweep, before any history: nominal median)',
        value: error(cold.durationMs, earlierMs),
        unit: '',
        note: `estimated ${s(cold.durationMs)} at the simulator's nominal ${(REAL_MEDIAN_LATENCY_MS * LATENCY_SCALE).toFixed(0)} ms median, took ${s(earlierMs)}`,
      },
    ];
  } finally {
    await engine.stop();
    journal.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
