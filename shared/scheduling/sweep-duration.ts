/**
 * Wall time of a whole sweep before it runs, for the composer footer, `--dry-run` and the live-run
 * confirmation. Two limits, the slower wins:
 * - slots: `concurrency` jobs at a time, each holding its slot for a log-normal time with the given
 *   median and spread. Slots stay full until the last `concurrency` jobs start, so the run takes
 *   `(jobs - concurrency) / concurrency` mean slot times, plus the slowest of the last wave
 *   (the expected maximum of `concurrency` log-normal draws, by Blom's order-statistic formula);
 * - the account's request budget: `requestsPerJob` requests per job at `requestsPerMinute`.
 * Then the last result is fetched and written (`finishMs`). The median should be the slot time the
 * engine saw (submit sent to COMPLETED seen), which already holds the upload and the poll delay;
 * Segmind's headline latency stands in when nothing has been seen.
 */

import { normalQuantile } from '../policy/lognormal-fit';
import { DEFAULT_POLL_CADENCE } from '../policy/poll-cadence';

/** Segmind's headline latency for `ideogram-img-2-img` (product page: ~12.69 s per image). */
export const DEFAULT_MEAN_LATENCY_MS = 12_690;

/** Requests one job spends when nothing better is known: submit + a status poll + the result. */
export const DEFAULT_REQUESTS_PER_JOB = 3;

export interface SweepDurationInput {
  /** Jobs that will really be sent (reuse and unusable inputs excluded). */
  jobsToPay: number;
  /** Jobs in flight at once; below 1 counts as 1. */
  concurrency: number;
  /** Median time a job holds a slot, in ms; null = Segmind's headline latency (12.69 s). */
  medianLatencyMs: number | null;
  /** Log-normal spread (sigma of ln latency); default the poll cadence's prior spread (0.35). */
  latencySigma?: number | null;
  /**
   * Mean slot time when it was measured (it carries the outliers a log-normal fit smooths away);
   * default the log-normal mean `median x exp(sigma^2 / 2)`.
   */
  meanLatencyMs?: number | null;
  /** The account's request budget; null = not limited by requests (unknown or "discover"). */
  requestsPerMinute: number | null;
  /** Requests per job under that budget. Default 3. */
  requestsPerJob?: number;
  /** Time from the last COMPLETED to its output written. Default 0. */
  finishMs?: number | null;
}

/** Expected maximum of `n` standard normal draws (Blom: the quantile at (n - 0.375) / (n + 0.25)). */
function expectedMaxNormal(n: number): number {
  return n <= 1 ? 0 : normalQuantile((n - 0.375) / (n + 0.25));
}

/** Estimated wall time in ms of running `jobsToPay` jobs; see the module comment. */
export function estimateSweepDuration(input: SweepDurationInput): number {
  const jobs = Math.max(0, Math.ceil(input.jobsToPay));
  if (jobs === 0) return 0;
  const slots = Math.max(1, Math.floor(input.concurrency));
  const median =
    input.medianLatencyMs !== null && input.medianLatencyMs > 0
      ? input.medianLatencyMs
      : DEFAULT_MEAN_LATENCY_MS;
  const sigma = Math.max(0, input.latencySigma ?? DEFAULT_POLL_CADENCE.priorSigma);
  const measured = input.meanLatencyMs;
  const mean =
    measured !== null && measured !== undefined && measured > 0
      ? measured
      : median * Math.exp((sigma * sigma) / 2);
  const lastWave = Math.min(jobs, slots);
  const bySlots = ((jobs - lastWave) / slots) * mean + median * Math.exp(sigma * expectedMaxNormal(lastWave));
  const rpm = input.requestsPerMinute;
  const byBudget =
    rpm !== null && rpm > 0 ? (jobs * (input.requestsPerJob ?? DEFAULT_REQUESTS_PER_JOB) * 60_000) / rpm : 0;
  return Math.max(bySlots, byBudget) + Math.max(0, input.finishMs ?? 0);
}
