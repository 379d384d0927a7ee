/**
 * The state one running simulator shares between its routes: live options, counters, the fault plan,
 * the job store, the renderer and its caches, and the per-key rate-limit windows.
 */
import { Billing } from './billing';
import { ByteLru } from './byte-lru';
import { FaultPlan } from './fault-plan';
import { type JobArchive, openJobArchive } from './job-archive';
import { JobStore } from './job-store';
import type { SimulatorOptions } from './options';
import { Renderer } from './render-image';
import { StatsRecorder } from './stats';

export interface SimContext {
  options: SimulatorOptions;
  /** Origin used in absolute URLs, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  stats: StatsRecorder;
  /** Reservations, charges and what clients learnt of them. */
  billing: Billing;
  faults: FaultPlan;
  jobs: JobStore;
  /** The job store on disk when `options.stateDir` is set. */
  archive: JobArchive | null;
  renderer: Renderer;
  /** Decoded-and-checked source images by content hash (see `loadSourceImage`). */
  sources: ByteLru<Buffer>;
  /** Rendered PNGs (or renders in progress) by request id. */
  outputs: ByteLru<Promise<Buffer>>;
  /** Submit times (ms, monotonic) per key within the last second, for `ratePerSecond`. */
  recentSubmits: Map<string, number[]>;
  /** End of the current `rateLimitBurst` window (monotonic ms); 0 when none. */
  burstUntil: number;
  /** Per key: the current `requestsPerMinute` window (monotonic start) and the requests counted in it. */
  rpmWindows: Map<string, { start: number; count: number }>;
  /** Timers of slow bodies and running sync calls, cleared on close. */
  timers: Set<NodeJS.Timeout>;
}

const SOURCE_CACHE_BYTES = 128 * 1024 * 1024;

export function createContext(options: SimulatorOptions): SimContext {
  const stats = new StatsRecorder(options.requestLogSize);
  const outputs = new ByteLru<Promise<Buffer>>(options.renderCacheBytes);
  const archive = options.stateDir ? openJobArchive(options.stateDir, options.sqliteBinding) : null;
  // The store restores archived jobs while it is built, before `ctx` exists: billing reads the live
  // options once there are some (configure() replaces the object), the first ones until then.
  let ctx: SimContext | undefined;
  const billing = new Billing(() => ctx?.options ?? options);
  ctx = {
    options,
    origin: '',
    stats,
    billing,
    faults: new FaultPlan(options.faultSeed, options.faults),
    jobs: new JobStore(
      (job) => {
        stats.recordTerminal(job.phase === 'COMPLETED' ? 'completed' : 'failed');
        billing.settle(job);
      },
      (job) => outputs.delete(job.id),
      archive,
      options.apiKeys,
    ),
    archive,
    renderer: new Renderer(),
    sources: new ByteLru(SOURCE_CACHE_BYTES),
    outputs,
    recentSubmits: new Map(),
    burstUntil: 0,
    rpmWindows: new Map(),
    timers: new Set(),
  };
  return ctx;
}
