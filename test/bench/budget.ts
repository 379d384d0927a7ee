/**
 * Benchmark: the account's request budget (issue 10 §3). The simulator enforces R requests per minute
 * on every API request (R = 120, a minute scaled by the latency scale 0.1 like every other time, so it
 * lasts 6 s), the engine runs 400 jobs at concurrency 16 with the budget set to the same R (in real
 * time: R / 0.1 per minute). A job needs at least 3 requests (submit, status, result), so R / 3 jobs per
 * minute is the most any client can do: the figure is the share of it reached over the whole run, ramp
 * up and tail included. The same run with a fixed 1 s (scaled) poll, the official SDK's way, shows what
 * spending requests on polls costs under a budget.
 */

import type { Figure } from './results';
import { startSimProcess } from './sim-process';
import { fixedPoll } from './sweep-efficiency';
import { requestCounts, runSweep, type SweepRunResult } from './sweep-run';

const R = 120;
const SCALE = 0.1;
const CONCURRENCY = 16;
/** The real product's median latency (12.7 s), scaled: what the studio seeds its cadence with. */
const EXPECTED_LATENCY_MS = 12_700 * SCALE;

interface BudgetFigures {
  jobsPerMinute: number;
  share: number;
  rateLimitedShare: number;
  requestsPerJob: number;
  wallS: number;
}

function figures(run: SweepRunResult): BudgetFigures {
  if (run.completed !== run.jobs) throw new Error(`only ${run.completed} of ${run.jobs} jobs completed`);
  const minutes = run.wallMs / (60_000 * SCALE);
  const jobsPerMinute = run.jobs / minutes;
  const api = requestCounts(run.sim).api;
  const limited = Object.entries(run.sim.stats.requests)
    .filter(([endpoint]) => endpoint !== 'media' && endpoint !== 'other')
    .reduce((sum, [, outcomes]) => sum + (outcomes?.['429'] ?? 0), 0);
  return {
    jobsPerMinute,
    share: jobsPerMinute / (R / 3),
    rateLimitedShare: limited / Math.max(1, api),
    requestsPerJob: api / run.jobs,
    wallS: run.wallMs / 1000,
  };
}

/** Runs the budgeted sweep (`jobs`, a multiple of 5) and the fixed-poll one (`fixedJobs`). */
export async function benchBudget(jobs: number, fixedJobs: number): Promise<Figure[]> {
  const sim = await startSimProcess({
    latencyScale: SCALE,
    maxConcurrent: CONCURRENCY,
    requestsPerMinute: R,
    rpmCounts: 'all',
  });
  try {
    const seeds = (n: number) => `1000-${999 + n / 5}`;
    const client = { requestsPerMinute: R / SCALE, expectedLatencyMs: EXPECTED_LATENCY_MS };
    const adaptive = figures(await runSweep({ sim, seeds: seeds(jobs), concurrency: CONCURRENCY, client }));
    const fixed = figures(
      await runSweep({
        sim,
        seeds: seeds(fixedJobs),
        concurrency: CONCURRENCY,
        client,
        poll: fixedPoll(1000 * SCALE),
      }),
    );
    const what = (n: number, f: BudgetFigures) =>
      `${f.jobsPerMinute.toFixed(1)} jobs/min of ${(R / 3).toFixed(0)} possible; ${n} jobs in ${f.wallS.toFixed(0)} s; ${f.requestsPerJob.toFixed(2)} API requests/job`;
    return [
      {
        id: 'budget.jobsPerMinuteShare',
        label: `Request budget: jobs/min over R/3 (R = ${R}/min on every request, ${jobs} jobs @16, latency x${SCALE})`,
        value: adaptive.share,
        unit: '',
        goal: { kind: 'min', limit: 0.9 },
        note: what(jobs, adaptive),
      },
      {
        id: 'budget.rateLimitedShare',
        label: 'Request budget: 429 answers / all API requests',
        value: adaptive.rateLimitedShare,
        unit: '',
        goal: { kind: 'max', limit: 0.02 },
      },
      {
        id: 'budget.fixedPoll.jobsPerMinuteShare',
        label: `Same budget, fixed ${1000 * SCALE} ms poll (the SDK's 1 s, scaled), ${fixedJobs} jobs`,
        value: fixed.share,
        unit: '',
        note: `${what(fixedJobs, fixed)}; 429 share ${fixed.rateLimitedShare.toFixed(3)}`,
      },
    ];
  } finally {
    await sim.close();
  }
}
