/**
 * The ledgers the views show, assembled from the journal: a batch's (its ledger entries plus its jobs'
 * states: reused, cancelled, pruned) and a period's on one backend (Settings: this month). Pricing and
 * totals are shared/economics' `buildLedger`, so every view shows the same figures.
 */
import { buildLedger, type Ledger } from '@shared/economics';
import type { Journal, LedgerBackend } from '../db';
import type { BatchRow } from '../db/batches-repo';
import type { JobStateCounts } from '../db/job-types';

/** A batch's ledger; `counts` are its jobs per state (the summary has them already). */
export function batchLedger(
  journal: Journal,
  batch: BatchRow,
  counts: JobStateCounts,
  priceUsd: number,
): Ledger {
  const c = journal.ledger.batchCounts(batch.id);
  return buildLedger({
    priceUsd,
    billed: c.billed,
    billedUsd: c.billedUsd,
    billedFromAnswer: c.billedFromAnswer,
    notBilled: c.notBilled,
    reused: counts.skipped_duplicate,
    cancelled: counts.cancelled,
    pruned: journal.ledger.countPruned(batch.id),
    ambiguous: c.ambiguous,
    unconfirmed: c.unconfirmed,
    inFlight: c.inFlight,
    estimatedUsd: batch.estimatedUsd,
    maxSpendUsd: batch.maxSpendUsd,
    remainingCredits: c.remainingCredits,
  });
}

/** The ledger of everything on `backend` since `since` (epoch ms), e.g. this month's. */
export function periodLedger(
  journal: Journal,
  backend: LedgerBackend,
  since: number,
  priceUsd: number,
): Ledger {
  const c = journal.ledger.periodCounts(backend, since);
  return buildLedger({
    priceUsd,
    billed: c.billed,
    billedUsd: c.billedUsd,
    billedFromAnswer: c.billedFromAnswer,
    notBilled: c.notBilled,
    reused: 0,
    cancelled: 0,
    pruned: 0,
    ambiguous: c.ambiguous,
    unconfirmed: c.unconfirmed,
    inFlight: journal.ledger.inFlightJobs(),
    estimatedUsd: null,
    maxSpendUsd: null,
    remainingCredits: c.remainingCredits,
  });
}

/**
 * The latency history the duration estimate reads: median and log-normal spread of how long the latest
 * billed requests on `backend` held their slot (accepted to COMPLETED seen). Null below `minSamples`.
 */
export function slotTimeHistory(
  journal: Journal,
  backend: LedgerBackend,
  opts: { limit?: number; minSamples?: number } = {},
): { medianMs: number; sigma: number; samples: number } | null {
  const times = journal.ledger.recentSlotTimes(backend, opts.limit ?? 200).filter((ms) => ms > 0);
  if (times.length < (opts.minSamples ?? 5)) return null;
  const logs = times.map(Math.log).sort((a, b) => a - b);
  const mid = logs.length >> 1;
  const medianLog = logs.length % 2 ? logs[mid]! : (logs[mid - 1]! + logs[mid]!) / 2;
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  return { medianMs: Math.exp(medianLog), sigma: Math.sqrt(variance), samples: times.length };
}
