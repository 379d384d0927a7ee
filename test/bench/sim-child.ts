/**
 * Child-process entry of the benchmarks' simulator. The simulator runs in its own process so its image
 * rendering competes with the engine only for cores, not for one event loop — closer to the real API,
 * which renders elsewhere — and so each side's CPU time can be measured apart. The latency it drew per
 * job comes with its stats (`latency`). Talks to the parent over the IPC channel (see sim-process.ts).
 */
import type { SimulatorOptionsPatch } from '../../electron/simulator/options';
import { startSimulator } from '../../electron/simulator/server';

export type ChildRequest = { type: 'report' } | { type: 'reset' } | { type: 'close' };

export interface ChildReport {
  stats: ReturnType<Awaited<ReturnType<typeof startSimulator>>['stats']>;
  /** CPU time of the simulator process since the last reset, in ms. */
  cpuUserMs: number;
  cpuSystemMs: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptionsPatch;
const sim = await startSimulator(options);
let cpuBase = process.cpuUsage();

const send = (message: unknown) => process.send?.(message);
send({ type: 'ready', url: sim.url, baseUrl: sim.baseUrl, apiKey: sim.apiKey });

process.on('message', async (message: ChildRequest) => {
  if (message.type === 'reset') {
    sim.resetStats();
    cpuBase = process.cpuUsage();
    send({ type: 'reset-done' });
  } else if (message.type === 'report') {
    const cpu = process.cpuUsage(cpuBase);
    const report: ChildReport = {
      stats: sim.stats(),
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
