/**
 * The ledger of a batch (or of a period): what was billed, what was not and why, and what may have
 * been charged without the studio knowing. Built from counts the journal keeps (one ledger entry per
 * request Segmind accepted, plus the jobs' states); this module only adds them up and prices them, so
 * the batch header, History, Settings and the CLI all show the same figures.
 */
import { sumUsd, timesPrice } from './money';

/** What the journal counts for one batch or period; see `buildLedger`. */
export interface LedgerCounts {
  /** Price per generation used for amounts not stated by Segmind (in flight, pruned, estimates). */
  priceUsd: number;
  /** Completions Segmind reported (billed), and their cost as the answers stated it or at the price. */
  billed: number;
  billedUsd: number;
  /** Billed completions whose cost came from Segmind's answer (`cost`), not from the price setting. */
  billedFromAnswer: number;
  /** Jobs Segmind reported FAILED (HTTP 422): not billed. */
  notBilled: number;
  /** Jobs whose output was reused from an earlier completion (dedupe): $0. */
  reused: number;
  /** Cancelled jobs (pruned ones included) and, of those, the pruned ones. */
  cancelled: number;
  pruned: number;
  /** Submits whose answer was lost or unreadable: Segmind may have accepted, and charged, them. */
  ambiguous: number;
  /** Accepted requests whose outcome was never seen (the result expired or stopped answering first). */
  unconfirmed: number;
  /** Jobs being submitted or accepted and not finished yet. */
  inFlight: number;
  /** Estimate made when the batch was created (jobs to pay x price), if any. */
  estimatedUsd: number | null;
  /** The batch's spend cap, if any. */
  maxSpendUsd: number | null;
  /** Segmind's `remaining_credits` from the latest answer that carried it, if any. */
  remainingCredits: number | null;
}

/** A ledger as every view shows it. */
export interface Ledger extends LedgerCounts {
  /** Dollars not spent on pruned jobs (at the price). */
  prunedUsd: number;
  /** Cancelled jobs that were not pruned. */
  cancelledOnly: number;
  /** Upper bound of what ambiguous submits and unconfirmed outcomes may have cost (at the price). */
  uncertainUsd: number;
  /** In-flight jobs at the price: what they will cost if they complete. */
  inFlightUsd: number;
  /** What the spend cap counts: billed + in flight + uncertain. Never above a cap. */
  committedUsd: number;
  /** Actual spend: billed dollars. */
  actualUsd: number;
}

/** Prices and totals a ledger's counts. */
export function buildLedger(counts: LedgerCounts): Ledger {
  const inFlightUsd = timesPrice(counts.inFlight, counts.priceUsd);
  const uncertainUsd = timesPrice(counts.ambiguous + counts.unconfirmed, counts.priceUsd);
  return {
    ...counts,
    prunedUsd: timesPrice(counts.pruned, counts.priceUsd),
    cancelledOnly: Math.max(0, counts.cancelled - counts.pruned),
    uncertainUsd,
    inFlightUsd,
    committedUsd: sumUsd(counts.billedUsd, inFlightUsd, uncertainUsd),
    actualUsd: counts.billedUsd,
  };
}

/** An empty ledger at a price (a batch with nothing run yet). */
export function emptyLedger(priceUsd: number): Ledger {
  return buildLedger({
    priceUsd,
    billed: 0,
    billedUsd: 0,
    billedFromAnswer: 0,
    notBilled: 0,
    reused: 0,
    cancelled: 0,
    pruned: 0,
    ambiguous: 0,
    unconfirmed: 0,
    inFlight: 0,
    estimatedUsd: null,
    maxSpendUsd: null,
    remainingCredits: null,
  });
}
