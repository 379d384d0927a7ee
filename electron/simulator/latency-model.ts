/**
 * How long a simulated job takes. Real Segmind latency is right-skewed around ~12.7 s, so the model
 * is log-normal around that median (times `latencyScale`), split into a QUEUED and a PROCESSING
 * part, plus a queue delay that grows with the number of jobs already in flight (a busy backend
 * queues longer). The normal draw comes from the fault plan so it is deterministic per request.
 */
import { REAL_MEDIAN_LATENCY_MS } from './options';

export interface LatencyInput {
  /** Standard normal draw for this request (see `FaultPlan.latencyNormal`). */
  normal: number;
  latencyScale: number;
  latencySigma: number;
  queueFraction: number;
  /** Jobs in flight on the whole simulator when this one arrives. */
  inFlight: number;
}

export interface LatencyPlan {
  /** Time spent QUEUED, in ms. */
  queueMs: number;
  /** Time spent PROCESSING after that, in ms (reported as `metrics.inference_time`). */
  processMs: number;
}

/** Longest extra queueing caused by load, as a multiple of the median. */
const MAX_LOAD_DELAY = 0.5;
/** Extra queueing per job already in flight, as a fraction of the median. */
const LOAD_DELAY_PER_JOB = 0.01;

/** The median latency at a given scale, in ms. */
export function medianLatencyMs(latencyScale: number): number {
  return REAL_MEDIAN_LATENCY_MS * latencyScale;
}

/** Draws the queue and processing times of one job. */
export function planLatency(input: LatencyInput): LatencyPlan {
  const median = medianLatencyMs(input.latencyScale);
  // Clamp the tail at +-3 sigma so one unlucky draw cannot stall a test run.
  const z = Math.max(-3, Math.min(3, input.normal));
  const total = median * Math.exp(input.latencySigma * z);
  const fraction = Math.min(0.95, Math.max(0, input.queueFraction));
  const loadDelay = median * Math.min(MAX_LOAD_DELAY, LOAD_DELAY_PER_JOB * Math.max(0, input.inFlight));
  return { queueMs: total * fraction + loadDelay, processMs: total * (1 - fraction) };
}
