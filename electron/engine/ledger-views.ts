/**
 * The ledgers the views show, assembled from the journal: a batch's (its ledger entries plus its jobs'
 * states: reused, cancelled, pruned) and a period's on one backend (Settings: this month). Pricing and
 * totals are shared/economics' `buildLedger`, so every view shows the same figures. Also the latency
 * history the duration estimate reads from the same entries.
 */
import { buildLedger, type Ledger } from '@shared/economics';
import { type SlotHistory, summariseSlotTimes } from '@shared/scheduling';
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
 * The latency history the duration estimate reads, from the latest billed requests on `backend`
 * (shared/scheduling's `summariseSlotTimes`). Null below `minSamples` (default 5).
 */
export function slotTimeHistory(
  journal: Journal,
  backend: LedgerBackend,
  opts: { limit?: number; minSamples?: number } = {},
): SlotHistory | null {
  return summariseSlotTimes(journal.ledger.recentSlotTimes(backend, opts.limit ?? 200), opts.minSamples);
}
