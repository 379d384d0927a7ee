/**
 * The spend-cap rule: a submit goes out only if, once it is paid, committed spend (billed + in flight +
 * possibly charged) stays within every cap that applies — the batch's own, today's and this month's.
 * So a cap is never exceeded, whatever the concurrency: the check runs before each submit, counting
 * the submits already in flight at the price.
 */
import { formatUsd, toMicros } from './money';

export type SpendScope = 'batch' | 'day' | 'month';

export interface SpendCapCheck {
  scope: SpendScope;
  capUsd: number;
  /** Billed + in flight + possibly charged, within the scope, before this submit. */
  committedUsd: number;
}

export type SpendDecision =
  | { ok: true }
  | { ok: false; scope: SpendScope; capUsd: number; committedUsd: number; reason: string };

const SCOPE_WORDS: Record<SpendScope, string> = {
  batch: 'spend cap reached',
  day: 'daily spend cap reached',
  month: 'monthly spend cap reached',
};

/** "spend cap reached ($2.00 of $2.00)", "daily spend cap reached ($9.90 of $10.00)". */
export function spendCapReason(scope: SpendScope, committedUsd: number, capUsd: number): string {
  return `${SCOPE_WORDS[scope]} (${formatUsd(committedUsd)} of ${formatUsd(capUsd)})`;
}

/** Whether one more submit at `priceUsd` fits every cap; the first cap it would pass is named. */
export function decideSubmit(priceUsd: number, caps: readonly SpendCapCheck[]): SpendDecision {
  for (const cap of caps) {
    if (toMicros(cap.committedUsd) + toMicros(priceUsd) > toMicros(cap.capUsd)) {
      return {
        ok: false,
        scope: cap.scope,
        capUsd: cap.capUsd,
        committedUsd: cap.committedUsd,
        reason: spendCapReason(cap.scope, cap.committedUsd, cap.capUsd),
      };
    }
  }
  return { ok: true };
}

/** Start of the local calendar day and month of `nowMs`, for the daily and monthly caps. */
export function spendPeriodStarts(nowMs: number): { day: number; month: number } {
  const d = new Date(nowMs);
  return {
    day: new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime(),
    month: new Date(d.getFullYear(), d.getMonth(), 1).getTime(),
  };
}
