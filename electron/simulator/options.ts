/**
 * Options of the offline Segmind simulator: the shape agreed in the team contract, its defaults, and
 * the merge used by `startSimulator()` and live `configure()` calls.
 */

/** The key the simulator accepts when no `apiKeys` are given; printed by the CLI. */
export const SIMULATOR_API_KEY = 'sim-local-key';

/** The real API's headline latency (product page: ~12.69 s per image), scaled by `latencyScale`. */
export const REAL_MEDIAN_LATENCY_MS = 12_700;

/** Fault probabilities, each 0..1 and drawn from the deterministic fault RNG. All default to 0. */
export interface SimulatorFaults {
  /** 500/502/504 (evenly) on any API or media route, before any side effect: a 5xx submit created no job. */
  serverError: number;
  /** Per submit: opens a short window (a fraction of the median latency) in which every submit gets 429. */
  rateLimitBurst: number;
  /** Per accepted job: it ends FAILED (HTTP 422) with a content-block reason. */
  failed: number;
  /** The socket is destroyed without a response, before any side effect. */
  dropConnection: number;
  /** A 2xx body is dribbled out over ~0.5 s (at the default latency scale; scales with it). */
  slowBody: number;
  /** A 2xx body announces its full Content-Length, sends about half, then the socket ends. */
  truncatedBody: number;
  /** A 502/503 with a `text/html` proxy page instead of JSON. */
  htmlError: number;
  /** Per accepted job: retention shrinks to almost nothing, so the result is 404 once COMPLETED is seen. */
  expireEarly: number;
}

export interface SimulatorOptions {
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host: string;
  /** Port; 0 picks a free one. Default 0. */
  port: number;
  /** Accepted `x-api-key` values. Default `[SIMULATOR_API_KEY]`. */
  apiKeys: string[];
  /** Keys that authenticate but are refused with 403. Default `[]`. */
  forbiddenKeys: string[];
  /** 1 = real timing (median ~12.7 s). Default 0.02 (median ~254 ms); tests use ~0.002-0.01. */
  latencyScale: number;
  /** Log-normal spread (sigma of ln latency). Default 0.25. */
  latencySigma: number;
  /** Share of a job's latency spent QUEUED before PROCESSING. Default 0.2. */
  queueFraction: number;
  /** How long finished results stay readable, in ms; after that status/result/media are 404. Default 3_600_000. */
  retentionMs: number;
  /**
   * Credit balance in USD. An accepted generation reserves `priceUsd` and is charged when it COMPLETES
   * (a FAILED one is released, not charged); a submit that cannot reserve the price gets 406
   * "Insufficient credits". `configure({ credits })` tops up. Default Infinity.
   */
  credits: number;
  /** Price of one generation in USD. Default 0.10 (Segmind's list price for ideogram-img-2-img). */
  priceUsd: number;
  /** Team spend limit in USD: charged + reserved may not pass it (406 "Team spend limit reached"). Default Infinity. */
  teamSpendLimitUsd: number;
  /** Successful results carry `cost` and `remaining_credits` (Segmind may send them; never promised). Default false. */
  billingFields: boolean;
  /** In-flight (QUEUED + PROCESSING + running sync) jobs per key before 429. Default 16. */
  maxConcurrent: number;
  /** Submits (v2 + sync) per second per key before 429. Default Infinity. */
  ratePerSecond: number;
  /**
   * Requests per minute per key before 429, like Segmind's plans; the minute is scaled by `latencyScale`
   * like every other time (at 0.1 it lasts 6 s). Fixed windows: one starts at the first counted request
   * after the last one ended. Default Infinity.
   */
  requestsPerMinute: number;
  /** What `requestsPerMinute` counts: every API request (submit, status, result; not media) or submits only. Default 'all'. */
  rpmCounts: 'all' | 'submits';
  /**
   * Segmind's 429 carries `x-rate-limit-reset-at-utc` and no `Retry-After`; true adds `Retry-After`
   * (whole seconds, at least `retryAfterSeconds`) and the simulator's scaled `Retry-After-Ms`, as a proxy
   * might. Default false.
   */
  retryAfter: boolean;
  /** Floor of the integer `Retry-After` header when `retryAfter` is on. Default 1. */
  retryAfterSeconds: number;
  /** How many of the latest requests `stats().recent` lists with their times. Default 2 000. */
  requestLogSize: number;
  /** Largest accepted request body in bytes before 413. Default 40 MiB. */
  maxBodyBytes: number;
  /**
   * The origin written into absolute URLs (status_url, response_url, media), when clients reach the
   * simulator through a proxy, e.g. `http://127.0.0.1:9000`. Default null: the origin it listens on.
   */
  publicUrl: string | null;
  /** Let `image_file` URLs point at non-loopback hosts. Default false: the simulator never reaches the internet. */
  allowRemoteImages: boolean;
  /** Fault probabilities (a partial object may be passed; missing ones keep their value). */
  faults: SimulatorFaults;
  /** Seed of the deterministic fault RNG and of the latency draws. Default 1. */
  faultSeed: number;
  /** Byte budget of the rendered-output cache; evicted outputs are re-rendered (identically). Default 256 MiB. */
  renderCacheBytes: number;
  /**
   * Folder of the persistent job store (`jobs.sqlite`, see job-archive.ts): jobs, their timing and
   * results survive a restart of the process, as a remote service's do. Null keeps jobs in memory only.
   * Fixed once started. Default null.
   */
  stateDir: string | null;
  /** better-sqlite3 build for the running ABI (Electron) used by the job store. Default: the Node build. */
  sqliteBinding?: string;
}

/** What callers pass: every option optional, `faults` itself partial. */
export type SimulatorOptionsPatch = Partial<Omit<SimulatorOptions, 'faults'>> & {
  faults?: Partial<SimulatorFaults>;
};

export const NO_FAULTS: SimulatorFaults = Object.freeze({
  serverError: 0,
  rateLimitBurst: 0,
  failed: 0,
  dropConnection: 0,
  slowBody: 0,
  truncatedBody: 0,
  htmlError: 0,
  expireEarly: 0,
});

export const DEFAULT_OPTIONS: SimulatorOptions = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  apiKeys: [SIMULATOR_API_KEY],
  forbiddenKeys: [],
  latencyScale: 0.02,
  latencySigma: 0.25,
  queueFraction: 0.2,
  retentionMs: 3_600_000,
  credits: Number.POSITIVE_INFINITY,
  priceUsd: 0.1,
  teamSpendLimitUsd: Number.POSITIVE_INFINITY,
  billingFields: false,
  maxConcurrent: 16,
  ratePerSecond: Number.POSITIVE_INFINITY,
  requestsPerMinute: Number.POSITIVE_INFINITY,
  rpmCounts: 'all',
  retryAfter: false,
  retryAfterSeconds: 1,
  requestLogSize: 2_000,
  maxBodyBytes: 40 * 1024 * 1024,
  publicUrl: null,
  allowRemoteImages: false,
  faults: NO_FAULTS,
  faultSeed: 1,
  renderCacheBytes: 256 * 1024 * 1024,
  stateDir: null,
});

/** Applies a patch to a full option set; unknown fault names are ignored, probabilities clamped to 0..1. */
export function mergeOptions(base: SimulatorOptions, patch: SimulatorOptionsPatch = {}): SimulatorOptions {
  const faults = { ...base.faults };
  for (const name of Object.keys(NO_FAULTS) as (keyof SimulatorFaults)[]) {
    const value = patch.faults?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) faults[name] = Math.min(1, Math.max(0, value));
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: SimulatorOptions = { ...base, ...defined, faults };
  if (merged.apiKeys.length === 0) throw new Error('simulator: apiKeys must hold at least one key');
  if (!(merged.latencyScale > 0)) throw new Error('simulator: latencyScale must be > 0');
  if (!(merged.requestsPerMinute >= 0)) throw new Error('simulator: requestsPerMinute must be >= 0');
  if (merged.rpmCounts !== 'all' && merged.rpmCounts !== 'submits')
    throw new Error("simulator: rpmCounts must be 'all' or 'submits'");
  if (!(merged.priceUsd >= 0)) throw new Error('simulator: priceUsd must be >= 0');
  return merged;
}
