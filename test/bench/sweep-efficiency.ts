/**
 * Benchmark (a), sweep efficiency: N jobs at concurrency 16 against the simulator with latency scaled
 * 1/100. Wall time is compared with the ideal `jobs x mean drawn latency / concurrency` (the latency the
 * simulator actually drew per job, load delay included), and API requests per job come from the
 * simulator's counters. The same sweep then runs with a fixed poll every 10 ms (the official SDK's
 * 1-second poll at the same 1/100 scale) to show what the adaptive cadence saves and costs.
 */
import type { PollCadenceOptions } from '@shared/policy/poll-cadence';
import type { Figure } from './results';
import { startSimProcess } from './sim-process';
import { meanCompletionDelayMs, requestCounts, runSweep, type SweepRunResult } from './sweep-run';

const CONCURRENCY = 16;
/** The scale: real latency / 100. */
export const SWEEP_LATENCY_SCALE = 0.01;

/** A fixed interval: the first poll right after the submit answer, then every `ms`. */
export function fixedPoll(ms: number): Partial<PollCadenceOptions> {
  return {
    probeInitialMs: ms,
    probeGrowth: 1,
    probeMaxMs: ms,
    firstPollQuantile: 0,
    tailIntervalFraction: 0,
    tailGrowth: 1,
    minIntervalMs: ms,
    maxIntervalMs: ms,
    // Fixed means fixed: no later first poll when a request budget binds.
    budgetFirstPollQuantile: 0,
  };
}

export interface RunFigures {
  wallS: number;
  idealS: number;
  ratio: number;
  apiPerJob: number;
  mediaPerJob: number;
  delayMs: number | null;
  meanLatencyMs: number;
  engineCpuMsPerJob: number;
  simCpuMsPerJob: number;
}

/** Wall time against the ideal (jobs x mean drawn latency / concurrency), requests and CPU per job. */
export function summarise(run: SweepRunResult): RunFigures {
  const { drawnMsSum, drawnCount } = run.sim.stats.latency;
  const meanLatencyMs = drawnMsSum / Math.max(1, drawnCount);
  const idealMs = (run.jobs * meanLatencyMs) / CONCURRENCY;
  const counts = requestCounts(run.sim);
  if (run.completed !== run.jobs) throw new Error(`only ${run.completed} of ${run.jobs} jobs completed`);
  return {
    wallS: run.wallMs / 1000,
    idealS: idealMs / 1000,
    ratio: run.wallMs / idealMs,
    apiPerJob: counts.api / run.jobs,
    mediaPerJob: counts.media / run.jobs,
    delayMs: meanCompletionDelayMs(run.rows, run.sim),
    meanLatencyMs,
    engineCpuMsPerJob: run.engineCpuMs / run.jobs,
    simCpuMsPerJob: (run.sim.cpuUserMs + run.sim.cpuSystemMs) / run.jobs,
  };
}

/**
 * Runs the adaptive sweep of `jobs` jobs and the fixed-poll sweep of `fixedJobs` (default `jobs`; both
 * multiples of 5) and returns the figures. `latencyScale` defaults to 1/100; a larger one (e.g. 0.1)
 * shows the scheduling overhead on a machine whose cores cannot render and save ~100 images/s.
 */
export async function benchSweepEfficiency(
  jobs: number,
  fixedJobs = jobs,
  latencyScale = SWEEP_LATENCY_SCALE,
): Promise<Figure[]> {
  const fixedPollMs = 1000 * latencyScale;
  const scaleText = latencyScale === SWEEP_LATENCY_SCALE ? '1/100' : `x${latencyScale}`;
  const sim = await startSimProcess({ latencyScale, maxConcurrent: CONCURRENCY });
  try {
    const seeds = (n: number) => `1000-${999 + n / 5}`;
    const adaptive = summarise(await runSweep({ sim, seeds: seeds(jobs), concurrency: CONCURRENCY }));
    const fixed = summarise(
      await runSweep({
        sim,
        seeds: seeds(fixedJobs),
        concurrency: CONCURRENCY,
        poll: fixedPoll(fixedPollMs),
      }),
    );
    const cpu = (r: RunFigures) =>
      `CPU/job: engine ${r.engineCpuMsPerJob.toFixed(1)} ms, simulator ${r.simCpuMsPerJob.toFixed(1)} ms`;
    return [
      {
        id: 'sweep.wallOverIdeal',
        label: `Sweep efficiency, ${jobs} jobs @16, latency ${scaleText} (wall / ideal)`,
        value: adaptive.ratio,
        unit: 'x',
        goal: { kind: 'max', limit: 1.05 },
        note: `${adaptive.wallS.toFixed(1)} s vs ideal ${adaptive.idealS.toFixed(1)} s (mean latency ${adaptive.meanLatencyMs.toFixed(0)} ms); ${cpu(adaptive)}`,
      },
      {
        id: 'sweep.apiRequestsPerJob',
        label: 'API requests per job (submit + status + result)',
        value: adaptive.apiPerJob,
        unit: '',
        goal: { kind: 'max', limit: 3.5 },
        note: `plus ${adaptive.mediaPerJob.toFixed(2)} media fetches per job`,
      },
      {
        id: 'sweep.completionDelayMs',
        label: 'Mean completion delay after the simulated job ends (adaptive poll)',
        value: adaptive.delayMs,
        unit: 'ms',
        note: `${((100 * (adaptive.delayMs ?? 0)) / adaptive.meanLatencyMs).toFixed(0)} % of mean latency; includes result + media fetch and output write`,
      },
      {
        id: 'sweep.fixedPoll.wallOverIdeal',
        label: `Fixed ${fixedPollMs} ms poll (1 s scaled), ${fixedJobs} jobs: wall / ideal`,
        value: fixed.ratio,
        unit: 'x',
        note: `${fixed.wallS.toFixed(1)} s vs ideal ${fixed.idealS.toFixed(1)} s; ${cpu(fixed)}`,
      },
      {
        id: 'sweep.fixedPoll.apiRequestsPerJob',
        label: 'Fixed poll: API requests per job',
        value: fixed.apiPerJob,
        unit: '',
        note: `plus ${fixed.mediaPerJob.toFixed(2)} media fetches per job`,
      },
      {
        id: 'sweep.fixedPoll.completionDelayMs',
        label: 'Fixed poll: mean completion delay',
        value: fixed.delayMs,
        unit: 'ms',
        note: `${((100 * (fixed.delayMs ?? 0)) / fixed.meanLatencyMs).toFixed(0)} % of mean latency`,
      },
    ];
  } finally {
    await sim.close();
  }
}
