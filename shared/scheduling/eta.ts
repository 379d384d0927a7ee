/**
 * Time estimates for the progress bar, the CLI's `--dry-run` and the composer's cost line. While a
 * sweep runs, the rate observed over a recent window is the best predictor (it already includes
 * 429 back-off and Segmind's real latency); before enough completions exist, it falls back to the
 * model rate `concurrency / mean latency`.
 */
import { estimateSweepDuration } from './sweep-duration';

export const DEFAULT_ETA_WINDOW_MS = 5 * 60_000;
export const DEFAULT_ETA_MIN_SAMPLES = 5;

export interface RemainingInput {
  /** Jobs not yet submitted (pending). */
  remainingJobs: number;
  /** Jobs in flight; counted as half done on average. */
  inFlight: number;
  /** Slots the scheduler currently allows (floor of the effective limit). */
  effectiveConcurrency: number;
  /** Mean submit-to-completed latency seen so far, or null before the first completion. */
  meanLatencyMs: number | null;
  /** Completion times (ms), any order; only those inside the window count. */
  completedRecentTimestamps: readonly number[];
  nowMs: number;
  /** When this run started (or resumed); lets the rate include the time before the first completion. */
  startedAtMs?: number | null;
  /** Look-back window for the observed rate. Default 5 min. */
  windowMs?: number;
  /** Completions needed in the window before the observed rate is trusted over the model. Default 5. */
  minSamples?: number;
}

export interface RemainingEstimate {
  /** Time until every job is done, or null when no rate is known (nothing observed, no latency). */
  etaMs: number | null;
  /** The rate the estimate used (0 when unknown). */
  jobsPerMinute: number;
  basis: 'observed' | 'model' | 'none';
}

function observedRatePerMs(input: RemainingInput): number | null {
  const windowMs = input.windowMs ?? DEFAULT_ETA_WINDOW_MS;
  const from = input.nowMs - windowMs;
  const recent = input.completedRecentTimestamps.filter((t) => t > from && t <= input.nowMs);
  if (recent.length < (input.minSamples ?? DEFAULT_ETA_MIN_SAMPLES) || recent.length === 0) return null;
  if (input.startedAtMs != null) {
    const span = input.nowMs - Math.max(from, input.startedAtMs);
    return span > 0 ? recent.length / span : null;
  }
  // Without a start time, measure between completions; time since the last one still counts so a
  // stalled sweep's rate decays instead of freezing at its last good value.
  const oldest = recent.reduce((a, b) => Math.min(a, b));
  const span = input.nowMs - oldest;
  return recent.length > 1 && span > 0 ? (recent.length - 1) / span : null;
}

/**
 * ETA and rate for a running sweep: `(remainingJobs + inFlight / 2) / rate`, with the observed rate
 * when at least `minSamples` completions fall in the window, else `effectiveConcurrency / meanLatencyMs`.
 * Returns etaMs 0 when nothing is left. While paused or halted, callers should not show an ETA.
 */
export function estimateRemaining(input: RemainingInput): RemainingEstimate {
  const work = Math.max(0, input.remainingJobs) + Math.max(0, input.inFlight) / 2;
  const observed = observedRatePerMs(input);
  let rate: number | null = observed;
  let basis: RemainingEstimate['basis'] = observed === null ? 'none' : 'observed';
  if (
    rate === null &&
    input.meanLatencyMs != null &&
    input.meanLatencyMs > 0 &&
    input.effectiveConcurrency > 0
  ) {
    rate = input.effectiveConcurrency / input.meanLatencyMs;
    basis = 'model';
  }
  const jobsPerMinute = rate === null ? 0 : rate * 60_000;
  if (work === 0) return { etaMs: 0, jobsPerMinute, basis };
  return { etaMs: rate === null ? null : work / rate, jobsPerMinute, basis };
}

/**
 * The composer / dry-run line for a sweep at Segmind's headline latency, e.g.
 * 'est. 2 h 47 m at concurrency 4' (see `estimateSweepDuration` for the model).
 */
export function describeSweepEstimate(
  jobCount: number,
  concurrency: number,
  medianLatencyMs: number | null = null,
): string {
  const ms = estimateSweepDuration({
    jobsToPay: jobCount,
    concurrency,
    medianLatencyMs,
    requestsPerMinute: null,
  });
  return `est. ${formatDuration(ms)} at concurrency ${Math.max(1, Math.floor(concurrency))}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A short human duration with two units at most: '45 s', '3 m 05 s', '2 h 40 m', '3 d 04 h'.
 * Rounds to the smallest unit shown; negative values count as 0; non-finite values give '—'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${pad2(seconds % 60)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} m`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)} d ${pad2(hours % 24)} h`;
}
