/**
 * The spend gate the scheduler consults before every submit (`maySubmit`): committed spend (billed +
 * in flight + possibly charged) plus one more generation at the price must stay within the batch's cap
 * and the daily and monthly caps (shared/economics' `decideSubmit`). A refused batch is paused with
 * the reason ("spend cap reached ($2.00 of $2.00)", code `spend_cap`); it resumes by itself once the
 * cap has room again (a cap raised, a FAILED job that was not billed), so a cap is reached exactly
 * and never passed.
 */
import {
  decideSubmit,
  type SpendCapCheck,
  type SpendDecision,
  spendPeriodStarts,
  sumUsd,
  timesPrice,
} from '@shared/economics';
import type { Journal } from '../db';
import type { EconomicsOptions } from './job-ledger';

export const SPEND_CAP_PAUSE = 'spend_cap';

export interface SpendGate {
  /** Whether one more submit of `batchId` fits every cap; if not, pauses the batch with the reason. */
  admit(batchId: string): boolean;
  /**
   * Re-decides every batch paused at a cap: resumes those with room again, refreshes the figures in
   * the others' reasons. Returns the batches it resumed.
   */
  recheck(): string[];
  /** The decision for one more submit of `batchId`, without side effects. */
  decide(batchId: string): SpendDecision;
}

export interface SpendGateDeps {
  journal: Journal;
  economics: EconomicsOptions;
  now?: () => number;
  /** A batch was paused or resumed by the gate, or its reason changed. */
  batchChanged(batchId: string): void;
}

export function createSpendGate(deps: SpendGateDeps): SpendGate {
  const { journal, economics } = deps;
  const now = deps.now ?? Date.now;

  function caps(batchId: string, priceUsd: number): SpendCapCheck[] {
    const out: SpendCapCheck[] = [];
    const settings = economics.settings();
    const cap = journal.batches.get(batchId)?.maxSpendUsd ?? null;
    if (cap !== null) {
      const c = journal.ledger.batchCounts(batchId);
      out.push({
        scope: 'batch',
        capUsd: cap,
        committedUsd: sumUsd(c.billedUsd, timesPrice(c.inFlight + c.ambiguous + c.unconfirmed, priceUsd)),
      });
    }
    if (settings.dailyCapUsd === null && settings.monthlyCapUsd === null) return out;
    const starts = spendPeriodStarts(now());
    const inFlightUsd = timesPrice(journal.ledger.inFlightJobs(), priceUsd);
    const period = (scope: 'day' | 'month', capUsd: number | null) => {
      if (capUsd === null) return;
      const c = journal.ledger.periodCounts(economics.backend, starts[scope]);
      const uncertainUsd = timesPrice(c.ambiguous + c.unconfirmed, priceUsd);
      out.push({ scope, capUsd, committedUsd: sumUsd(c.billedUsd, uncertainUsd, inFlightUsd) });
    };
    period('day', settings.dailyCapUsd);
    period('month', settings.monthlyCapUsd);
    return out;
  }

  const decide = (batchId: string): SpendDecision => {
    const price = economics.settings().pricePerGenerationUsd;
    return decideSubmit(price, caps(batchId, price));
  };

  return {
    decide,
    admit(batchId) {
      const decision = decide(batchId);
      if (decision.ok) return true;
      if (journal.batches.pauseWithReason(batchId, decision.reason, { code: SPEND_CAP_PAUSE }))
        deps.batchChanged(batchId);
      return false;
    },
    recheck() {
      const resumed: string[] = [];
      for (const batch of journal.batches.list({ states: ['paused'], limit: 1000 })) {
        if (batch.pauseCode !== SPEND_CAP_PAUSE) continue;
        const decision = decide(batch.id);
        if (decision.ok) {
          if (journal.batches.setState(batch.id, 'running')) {
            resumed.push(batch.id);
            deps.batchChanged(batch.id);
          }
        } else if (decision.reason !== batch.pauseReason) {
          journal.batches.pauseWithReason(batch.id, decision.reason, { code: SPEND_CAP_PAUSE });
          deps.batchChanged(batch.id);
        }
      }
      return resumed;
    },
  };
}
