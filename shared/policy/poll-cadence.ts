/**
 * Adaptive status polling. Polling once a second costs ~13 requests per 12.7 s job; polling rarely delays
 * every result. This module learns how long jobs take (a log-normal fitted to the intervals the polls
 * bracket) and places the first poll near a high quantile of that distribution, then polls at short,
 * slowly growing intervals for the few jobs that are slower.
 *
 * The trade-off, for a log-normal spread of 0.25 (the simulator's default) and a perfect model: first
 * poll at quantile q, then every f x median, gives (status polls per job, mean delay after completion as
 * a share of the mean latency) of about q=0.5/f=0.08: 2.7 / 10 %, q=0.7/f=0.15: 1.6 / 19 %,
 * q=0.8/f=0.2: 1.3 / 26 %. An optimal schedule does only slightly better (1.5 polls costs ~18 %), so no
 * poll-only schedule is both ~1.5 polls and under 5 % delay: the delay is the price of few requests,
 * and a scheduler keeps its throughput by not counting a slot that is only waiting to be polled as busy
 * at the server. The defaults aim at ~1.5 polls. Before any observation the client cannot know the
 * scale (12.7 s real, a few ms in tests), so it probes from `probeInitialMs` with geometric backoff.
 *
 * Two guards keep a gap in time from passing for latency. The caller teaches the model only intervals
 * measured within one process life on a monotonic clock (see electron/segmind/clock-watch.ts), and no
 * wait ever exceeds a ceiling of `ceilingFactor` times the reference median: the seeded median, or the
 * one learnt from the first `referenceAfter` observations, or `referenceMedianMs` before either. So
 * even a model that did learn a 50-minute "latency" polls the next job within a few medians.
 */
import { type DurationInterval, fitLogNormal, type LogNormalFit, normalQuantile } from './lognormal-fit';

export interface PollCadenceOptions {
  /** First poll after submit while nothing has been learnt. Default 250 ms. */
  probeInitialMs: number;
  /** Growth of the probe interval per poll while nothing has been learnt. Default 1.6. */
  probeGrowth: number;
  /** Longest probe interval. Default 5 000 ms. */
  probeMaxMs: number;
  /** The first poll of a job goes at this quantile of the learnt latency. Default 0.7. */
  firstPollQuantile: number;
  /** After a miss, the next interval is this share of the learnt median... Default 0.15. */
  tailIntervalFraction: number;
  /** ...growing by this factor per further miss, so a straggler costs few polls. Default 1.3. */
  tailGrowth: number;
  /** Bounds on any interval once a model exists. Defaults 5 ms and 15 000 ms. */
  minIntervalMs: number;
  maxIntervalMs: number;
  /** How many recent completions the model keeps (latency drifts with load). Default 64. */
  windowSize: number;
  /** Log-normal spread assumed before data, and its weight in pseudo-observations. Defaults 0.35 and 2. */
  priorSigma: number;
  priorWeight: number;
  /** No wait before a poll exceeds this multiple of the reference median. Default 4. */
  ceilingFactor: number;
  /** Observations after which an unseeded model fixes its reference median. Default 5. */
  referenceAfter: number;
  /** The reference median before anything is seeded or learnt: Segmind's ~12.7 s headline. Default 12 700 ms. */
  referenceMedianMs: number;
  /** First-poll quantile when the request budget is the bottleneck (see {@link budgetedCadence}). Default 0.97. */
  budgetFirstPollQuantile: number;
}

/** The defaults documented on {@link PollCadenceOptions}. */
export const DEFAULT_POLL_CADENCE: PollCadenceOptions = Object.freeze({
  probeInitialMs: 250,
  probeGrowth: 1.6,
  probeMaxMs: 5_000,
  firstPollQuantile: 0.7,
  tailIntervalFraction: 0.15,
  tailGrowth: 1.3,
  minIntervalMs: 5,
  maxIntervalMs: 15_000,
  windowSize: 64,
  priorSigma: 0.35,
  priorWeight: 2,
  ceilingFactor: 4,
  referenceAfter: 5,
  referenceMedianMs: 12_700,
  budgetFirstPollQuantile: 0.97,
});

/** What has been learnt; immutable, replace it with {@link observeLatency}'s result. */
export interface LatencyModel {
  samples: readonly DurationInterval[];
  /** The fit, or null before any observation and without a hint. */
  fit: LogNormalFit | null;
  /** How many observations the fit rests on (a hint counts as one). */
  weight: number;
  /**
   * The median the ceiling is tied to: the seeded one, or the one learnt from the first
   * `referenceAfter` observations; null until then (the options' `referenceMedianMs` applies).
   */
  referenceMs: number | null;
}

/** An empty model. */
export function createLatencyModel(): LatencyModel {
  return { samples: [], fit: null, weight: 0, referenceMs: null };
}

/**
 * A model seeded from an expected latency (e.g. the engine's history of this account), worth one
 * observation: it places the first poll sensibly and is replaced by real data as it arrives.
 */
export function seedLatencyModel(
  medianMs: number,
  options: PollCadenceOptions = DEFAULT_POLL_CADENCE,
): LatencyModel {
  if (!(medianMs > 0) || !Number.isFinite(medianMs)) return createLatencyModel();
  return {
    samples: [],
    fit: { mu: Math.log(medianMs), sigma: options.priorSigma },
    weight: 1,
    referenceMs: medianMs,
  };
}

/** Adds one completed job: it was still running `loMs` after submit (0 if never seen running) and done by `hiMs`. */
export function observeLatency(
  model: LatencyModel,
  interval: DurationInterval,
  options: PollCadenceOptions = DEFAULT_POLL_CADENCE,
): LatencyModel {
  if (!(interval.hiMs > 0) || !Number.isFinite(interval.hiMs)) return model;
  const sample = { loMs: Math.max(0, Math.min(interval.loMs, interval.hiMs * 0.999)), hiMs: interval.hiMs };
  const samples = [...model.samples, sample].slice(-options.windowSize);
  const start = model.samples.length > 0 ? model.fit : null;
  const fit = fitLogNormal(
    samples,
    { priorSigma: options.priorSigma, priorWeight: options.priorWeight, maxIterations: 25 },
    start,
  );
  const learnt = fit && samples.length >= options.referenceAfter ? Math.exp(fit.mu) : null;
  return { samples, fit, weight: samples.length, referenceMs: model.referenceMs ?? learnt };
}

/** The q-quantile of the learnt latency in ms, widened for parameter uncertainty while data is scarce. */
export function latencyQuantile(model: LatencyModel, q: number): number | null {
  if (!model.fit) return null;
  const spread = model.fit.sigma * Math.sqrt(1 + 1 / Math.max(1, model.weight));
  return Math.exp(model.fit.mu + normalQuantile(q) * spread);
}

/** The learnt median latency in ms (null before any observation). */
export function latencyMedianMs(model: LatencyModel): number | null {
  return model.fit ? Math.exp(model.fit.mu) : null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The longest any wait before a poll may be: `ceilingFactor` x the reference median. */
export function pollCeilingMs(
  model: LatencyModel,
  options: PollCadenceOptions = DEFAULT_POLL_CADENCE,
): number {
  return options.ceilingFactor * (model.referenceMs ?? options.referenceMedianMs);
}

/**
 * The cadence when requests are scarce. `pressure` in [0, 1] is how fully the request budget was used
 * over its recent window (see shared/scheduling/request-budget.ts). A poll then costs a share of a
 * job, so the first poll moves towards `budgetFirstPollQuantile` (fewer misses) and the tail slows in
 * step; at 0 the options are returned unchanged.
 */
export function budgetedCadence(options: PollCadenceOptions, pressure: number): PollCadenceOptions {
  const p = clamp(Number.isFinite(pressure) ? pressure : 0, 0, 1);
  if (p === 0) return options;
  const q = Math.max(options.firstPollQuantile, options.budgetFirstPollQuantile);
  return {
    ...options,
    firstPollQuantile: options.firstPollQuantile + (q - options.firstPollQuantile) * p,
    tailIntervalFraction: options.tailIntervalFraction * (1 + p),
  };
}

/**
 * How long to wait before the next status poll of one job.
 * @param elapsedMs time since the job was accepted (the submit answer).
 * @param pollsSoFar status polls already made for this job, all answered "not done yet".
 * @returns a delay in ms, >= 0.
 */
export function nextPollDelay(
  model: LatencyModel,
  elapsedMs: number,
  pollsSoFar: number,
  options: PollCadenceOptions = DEFAULT_POLL_CADENCE,
): number {
  const elapsed = Math.max(0, elapsedMs);
  const median = latencyMedianMs(model);
  const ceiling = pollCeilingMs(model, options);
  const quantile = latencyQuantile(model, options.firstPollQuantile);
  const firstAt = quantile === null ? null : Math.min(quantile, ceiling);
  if (median === null || firstAt === null) {
    // Nothing learnt: probe at geometrically growing times, measured from submit so a late caller catches up.
    let at = 0;
    let step = options.probeInitialMs;
    for (let i = 0; i <= pollsSoFar; i++) {
      at += step;
      step = Math.min(options.probeMaxMs, step * options.probeGrowth);
    }
    return Math.max(0, at - elapsed);
  }
  if (elapsed < firstAt) return Math.max(0, firstAt - elapsed);
  if (pollsSoFar === 0) return 0;
  const misses = Math.max(0, pollsSoFar - 1);
  const interval = options.tailIntervalFraction * median * options.tailGrowth ** misses;
  return clamp(interval, options.minIntervalMs, Math.min(options.maxIntervalMs, ceiling));
}
