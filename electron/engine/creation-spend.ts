/**
 * The money check of batch creation, run inside its transaction once the jobs are inserted: how many
 * of them Segmind will bill (pending, minus those whose key an earlier completion has when dedupe is
 * on; an unusable input's jobs are already failed), what that costs, and whether a live run above the
 * confirmation threshold was confirmed with at least those dollars (batch-creator throws when not,
 * which rolls the whole batch back; a confirmed one keeps its estimate on the batch for the ledger).
 */
import { confirmationCovers, estimateSpend, type SpendBackend, type SpendEstimate } from '@shared/economics';
import type { Journal } from '../db';

/** What batch creation needs to price a sweep and to know whether it was confirmed. */
export interface CreationSpend {
  priceUsd: number;
  backend: SpendBackend;
  /** Live runs estimated above this need `confirmedUsd` covering the estimate. */
  confirmAboveUsd: number;
  /**
   * The dollars the user agreed to (the dialog stated them; the CLI's `--yes` is Infinity and
   * `--max-spend X` is X). With a spend cap, confirming the cap's amount is enough.
   */
  confirmedUsd?: number;
}

/** The estimate of a batch whose jobs were just inserted (see the module comment). */
export function estimateInsertedBatch(
  journal: Journal,
  batchId: string,
  opts: { dedupe: boolean; spend: CreationSpend },
): SpendEstimate {
  const counts = journal.jobs.countsByState(batchId);
  const jobCount = Object.values(counts).reduce((a, n) => a + n, 0);
  // Keys are looked up only for inputs that have been generated from before: a fresh folder costs nothing.
  const hashes = journal.inputs
    .listByBatch(batchId)
    .map((i) => i.contentHash)
    .filter((h): h is string => h !== null);
  const history = opts.dedupe && hashes.some((h) => journal.jobs.hasCompletedForContent(h));
  return estimateSpend({
    jobCount,
    reused: history ? journal.jobs.countReusablePending(batchId) : 0,
    unusable: jobCount - counts.pending,
    priceUsd: opts.spend.priceUsd,
    backend: opts.spend.backend,
    confirmAboveUsd: opts.spend.confirmAboveUsd,
  });
}

/**
 * Whether a live run above the threshold still lacks a confirmation covering what it can cost (the
 * estimate, or the spend cap when that is lower).
 */
export function lacksSpendConfirmation(
  estimate: SpendEstimate,
  spend: CreationSpend,
  maxSpendUsd: number | null,
): boolean {
  if (!estimate.needsConfirmation) return false;
  const atMost = maxSpendUsd === null ? estimate.liveUsd : Math.min(estimate.liveUsd, maxSpendUsd);
  return !confirmationCovers(spend.confirmedUsd, atMost);
}
