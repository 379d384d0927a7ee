/**
 * What a sweep will cost before it runs: the jobs Segmind will bill (the sweep minus the outputs dedupe
 * reuses and the inputs that cannot be sent), in dollars at the price, and whether starting it needs
 * the user's confirmation. On the simulator nothing is charged: the estimate says `$0 (simulator)` and
 * what the same run would cost live.
 */
import { formatUsd, timesPrice, toMicros } from './money';

export type SpendBackend = 'simulator' | 'segmind';

export interface SpendEstimateInput {
  /** Jobs the sweep expands into. */
  jobCount: number;
  /** Of those, jobs whose output an earlier completion already has (dedupe on): $0. */
  reused: number;
  /** Of those, jobs of inputs that cannot be read or sent: they fail before any request, $0. */
  unusable: number;
  priceUsd: number;
  backend: SpendBackend;
  /** Live runs estimated above this need a confirmation stating the dollars. */
  confirmAboveUsd: number;
}

export interface SpendEstimate {
  jobCount: number;
  reused: number;
  unusable: number;
  /** Jobs Segmind will bill if every one completes. */
  jobsToPay: number;
  priceUsd: number;
  /** What the run costs on the backend in use ($0 on the simulator). */
  chargedUsd: number;
  /** What the same run costs live, at the price. */
  liveUsd: number;
  backend: SpendBackend;
  /** A live run above the threshold: the start must be confirmed with these dollars. */
  needsConfirmation: boolean;
  /** `$12.40` live, `$0 (simulator) — $12.40 if live` on the simulator. */
  text: string;
}

/** Prices a sweep; see the module comment. */
export function estimateSpend(input: SpendEstimateInput): SpendEstimate {
  const jobsToPay = Math.max(0, input.jobCount - input.reused - input.unusable);
  const liveUsd = timesPrice(jobsToPay, input.priceUsd);
  const live = input.backend === 'segmind';
  return {
    jobCount: input.jobCount,
    reused: input.reused,
    unusable: input.unusable,
    jobsToPay,
    priceUsd: input.priceUsd,
    chargedUsd: live ? liveUsd : 0,
    liveUsd,
    backend: input.backend,
    needsConfirmation: live && toMicros(liveUsd) > toMicros(input.confirmAboveUsd),
    text: live ? formatUsd(liveUsd) : `$0 (simulator) — ${formatUsd(liveUsd)} if live`,
  };
}

/**
 * Whether an amount the user confirmed covers the estimate: the confirmation stated dollars, so a
 * sweep that grew since (more images found) must be confirmed again.
 */
export function confirmationCovers(confirmedUsd: number | undefined, estimateUsd: number): boolean {
  return confirmedUsd !== undefined && toMicros(confirmedUsd) >= toMicros(estimateUsd);
}
