/**
 * Benchmark (b), throughput with no simulated latency: how many 1024 x 1024 jobs per second the whole
 * path sustains (submit, poll, result, media download, decode check, PNG metadata, atomic write,
 * thumbnail, journal) when the API answers at once. The simulator refuses a latency scale of 0, so it
 * runs at 1e-6 (a median of ~13 µs: below timer resolution, i.e. zero).
 */
import type { Figure } from './results';
import { startSimProcess } from './sim-process';
import { requestCounts, runSweep } from './sweep-run';

const CONCURRENCY = 16;

/** Runs `jobs` jobs (a multiple of 5) at concurrency 16 and returns jobs/s. */
export async function benchZeroLatency(jobs: number): Promise<Figure[]> {
  const sim = await startSimProcess({ latencyScale: 1e-6, maxConcurrent: CONCURRENCY });
  try {
    const run = await runSweep({ sim, seeds: `1000-${999 + jobs / 5}`, concurrency: CONCURRENCY });
    if (run.completed !== run.jobs) throw new Error(`only ${run.completed} of ${run.jobs} jobs completed`);
    const simCpu = (run.sim.cpuUserMs + run.sim.cpuSystemMs) / run.jobs;
    const api = requestCounts(run.sim).api / run.jobs;
    return [
      {
        id: 'zeroLatency.jobsPerSecond',
        label: `Jobs/s at zero latency, 1024 x 1024 outputs, ${jobs} jobs @16`,
        value: run.jobs / (run.wallMs / 1000),
        unit: 'jobs/s',
        note: `${(run.wallMs / 1000).toFixed(1)} s; CPU/job: engine ${(run.engineCpuMs / run.jobs).toFixed(1)} ms, simulator ${simCpu.toFixed(1)} ms; ${api.toFixed(2)} API requests/job`,
      },
    ];
  } finally {
    await sim.close();
  }
}
