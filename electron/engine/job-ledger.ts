/**
 * What the job runner tells the money ledger, in the runner's terms: a request was accepted (recorded
 * with its request id, in one transaction), Segmind reported COMPLETED (billed at the price, or at the
 * `cost` the result states), or FAILED (not billed). The runner calls these at the moment it learns
 * each fact; the ledger repository stores them. (An ambiguous submit is the runner's note on the job,
 * which the ledger counts: see ledger-repo.ts.)
 */
import { DEFAULT_PRICE_PER_GENERATION_USD } from '@shared/economics';
import type { Journal, LedgerBackend, LedgerOwner } from '../db';
import type { JobReceipt, JobRow } from '../db/job-types';
import type { GeneratedImage } from '../segmind';

/** The money settings the engine reads live (Settings may change them while a batch runs). */
export interface SpendSettings {
  /** Price of one generation in USD when an answer does not state it. Default $0.10. */
  pricePerGenerationUsd: number;
  /** Caps on committed spend per local day / calendar month on this backend; null = none. */
  dailyCapUsd: number | null;
  monthlyCapUsd: number | null;
}

export const DEFAULT_SPEND_SETTINGS: SpendSettings = Object.freeze({
  pricePerGenerationUsd: DEFAULT_PRICE_PER_GENERATION_USD,
  dailyCapUsd: null,
  monthlyCapUsd: null,
});

/** Which API the engine talks to and the live money settings. */
export interface EconomicsOptions {
  /** Simulated dollars are kept apart from real ones. */
  backend: LedgerBackend;
  settings(): SpendSettings;
}

export const DEFAULT_ECONOMICS: EconomicsOptions = {
  backend: 'simulator',
  settings: () => DEFAULT_SPEND_SETTINGS,
};

type JobRef = Pick<JobRow, 'id' | 'batchId'>;

export interface JobLedger {
  /**
   * Stores the receipt on the job and opens its ledger entry, in one transaction; `sentAt` (epoch ms)
   * is when the job took its slot for this submit (the latency history measures from there).
   */
  accepted(job: JobRef, receipt: JobReceipt, sentAt?: number): void;
  /** Segmind reported COMPLETED: the generation is billed (at the price until an answer states a cost). */
  completedSeen(job: JobRef, requestId: string): void;
  /** The result arrived; a stated `cost` replaces the price, `remaining_credits` is kept. */
  resultSeen(job: JobRef, image: Pick<GeneratedImage, 'requestId' | 'billing'>): void;
  /** Segmind reported FAILED: not billed. */
  failedSeen(job: JobRef, requestId: string): void;
  /** The price in use now. */
  priceUsd(): number;
}

export function createJobLedger(
  journal: Journal,
  economics: EconomicsOptions = DEFAULT_ECONOMICS,
): JobLedger {
  const owner = (job: JobRef): LedgerOwner => ({
    jobId: job.id,
    batchId: job.batchId,
    backend: economics.backend,
  });
  const priceUsd = () => economics.settings().pricePerGenerationUsd;
  return {
    accepted(job, receipt, sentAt) {
      journal.transaction(() => {
        journal.jobs.recordRequestId(job.id, receipt);
        journal.ledger.open(receipt.requestId, owner(job), sentAt);
      });
    },
    completedSeen: (job, requestId) =>
      journal.ledger.settleBilled(requestId, owner(job), { costUsd: priceUsd(), source: 'price' }),
    resultSeen(job, image) {
      const billing = image.billing;
      if (!billing || (billing.costUsd === null && billing.remainingCredits === null)) return;
      journal.ledger.settleBilled(image.requestId, owner(job), {
        costUsd: billing.costUsd ?? priceUsd(),
        source: billing.costUsd === null ? 'price' : 'answer',
        remainingCredits: billing.remainingCredits,
      });
    },
    failedSeen: (job, requestId) => journal.ledger.settleNotBilled(requestId, owner(job)),
    priceUsd,
  };
}
