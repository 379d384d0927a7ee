/**
 * Child-process entry of the benchmarks' simulator. The simulator runs in its own process so its image
 * rendering competes with the engine only for cores, not for one event loop — closer to the real API,
 * which renders elsewhere — and so each side's CPU time can be measured apart. It records the latency
 * it drew for every job (queue + processing, by request id), which the sweep-efficiency figure needs
 * and `SimulatorStats` does not expose. Talks to the parent over the IPC channel (see sim-process.ts).
 */
import { JobStore, type NewJob } from '../../electron/simulator/job-store';
import type { SimulatorOptionsPatch } from '../../electron/simulator/options';
import { startSimulator } from '../../electron/simulator/server';

export type ChildRequest = { type: 'report'; withLatencies: boolean } | { type: 'reset' } | { type: 'close' };

export interface ChildReport {
  stats: ReturnType<Awaited<ReturnType<typeof startSimulator>>['stats']>;
  /** Drawn latency (queue + processing, ms) of each job created since the last reset. */
  latencies: Record<string, number>;
  latencyCount: number;
  latencySumMs: number;
  /** CPU time of the simulator process since the last reset, in ms. */
  cpuUserMs: number;
  cpuSystemMs: number;
}

const drawn = new Map<string, number>();
let sum = 0;
// Wrap job creation to see each drawn latency; the simulator itself is unchanged.
const create = JobStore.prototype.create;
JobStore.prototype.create = function (this: JobStore, input: NewJob) {
  const total = input.queueMs + input.processMs;
  drawn.set(input.id, total);
  sum += total;
  return create.call(this, input);
};

const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptionsPatch;
const sim = await startSimulator(options);
let cpuBase = process.cpuUsage();

const send = (message: unknown) => process.send?.(message);
send({ type: 'ready', url: sim.url, baseUrl: sim.baseUrl, apiKey: sim.apiKey });

process.on('message', async (message: ChildRequest) => {
  if (message.type === 'reset') {
    sim.resetStats();
    drawn.clear();
    sum = 0;
    cpuBase = process.cpuUsage();
    send({ type: 'reset-done' });
  } else if (message.type === 'report') {
    const cpu = process.cpuUsage(cpuBase);
    const report: ChildReport = {
      stats: sim.stats(),
      latencies: message.withLatencies ? Object.fromEntries(drawn) : {},
      latencyCount: drawn.size,
      latencySumMs: sum,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
    };
    send({ type: 'report', report });
  } else if (message.type === 'close') {
    await sim.close();
    process.disconnect?.();
    process.exit(0);
  }
});
// The parent died: do not linger.
process.on('disconnect', () => process.exit(0));
