/**
 * Parent side of the benchmarks' simulator child (sim-child.ts): spawns it under tsx, waits for its
 * address, and asks it for stats (with the drawn latency) and CPU time over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptionsPatch } from '../../electron/simulator/options';
import type { ChildReport } from './sim-child';

export interface SimProcess {
  baseUrl: string;
  apiKey: string;
  /** Stats (drawn latency included) and CPU time since the last reset. */
  report(): Promise<ChildReport>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sim-child.ts', import.meta.url));

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`simulator child exited (code ${code}) while waiting for '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Starts the simulator in a child process with the given options. */
export async function startSimProcess(options: SimulatorOptionsPatch): Promise<SimProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage<{ baseUrl: string; apiKey: string }>(child, 'ready');
  return {
    baseUrl: ready.baseUrl,
    apiKey: ready.apiKey,
    async report() {
      const answer = nextMessage<{ report: ChildReport }>(child, 'report');
      child.send({ type: 'report' });
      return (await answer).report;
    },
    async reset() {
      const done = nextMessage(child, 'reset-done');
      child.send({ type: 'reset' });
      await done;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}
