/**
 * Benchmark: sweep efficiency where the CPU is not the limit (issue 10 §5): 800 jobs at concurrency 16,
 * latency scale 0.1 (median ~1.3 s), no request budget. Wall time against the ideal (jobs x mean drawn
 * latency / concurrency) shows what the scheduling and the poll cadence cost; API requests per job what
 * the polling spends. The studio seeds its cadence with the simulator's median, as the app does.
 */
import type { Figure } from './results';
import { startSimProcess } from './sim-process';
import { summarise } from './sweep-efficiency';
import { runSweep } from './sweep-run';

const SCALE = 0.1;
const CONCURRENCY = 16;

/** Runs `jobs` (a multiple of 5) and returns the `sweep.scale10.*` figures. */
export async function benchSweepScale10(jobs: number): Promise<Figure[]> {
  const sim = await startSimProcess({ latencyScale: SCALE, maxConcurrent: CONCURRENCY });
  try {
    const run = summarise(
      await runSweep({
        sim,
        seeds: `1000-${999 + jobs / 5}`,
        concurrency: CONCURRENCY,
        client: { expectedLatencyMs: 12_700 * SCALE },
      }),
    );
    return [
      {
        id: 'sweep.scale10.wallOverIdeal',
        label: `Sweep efficiency, ${jobs} jobs @16, latency x${SCALE}, no budget (wall / ideal)`,
        value: run.ratio,
        unit: 'x',
        goal: { kind: 'max', limit: 1.1 },
        note: `${run.wallS.toFixed(1)} s vs ideal ${run.idealS.toFixed(1)} s (mean latency ${run.meanLatencyMs.toFixed(0)} ms); completion delay ${run.delayMs?.toFixed(0)} ms; CPU/job: engine ${run.engineCpuMsPerJob.toFixed(1)} ms, simulator ${run.simCpuMsPerJob.toFixed(1)} ms`,
      },
      {
        id: 'sweep.scale10.apiRequestsPerJob',
        label: `API requests per job at latency x${SCALE} (submit + status + result)`,
        value: run.apiPerJob,
        unit: '',
        goal: { kind: 'max', limit: 3.5 },
        note: `plus ${run.mediaPerJob.toFixed(2)} media fetches per job`,
      },
    ];
  } finally {
    await sim.close();
  }
}
