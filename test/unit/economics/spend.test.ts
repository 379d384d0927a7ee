import {
  buildLedger,
  confirmationCovers,
  decideSubmit,
  describeLedger,
  emptyLedger,
  estimateSpend,
  spendPeriodStarts,
} from '@shared/economics';
import { describe, expect, it } from 'vitest';

describe('decideSubmit', () => {
  it('allows a submit that lands exactly on the cap and refuses the one after', () => {
    expect(decideSubmit(0.1, [{ scope: 'batch', capUsd: 2, committedUsd: 1.9 }])).toEqual({ ok: true });
    expect(decideSubmit(0.1, [{ scope: 'batch', capUsd: 2, committedUsd: 2 }])).toEqual({
      ok: false,
      scope: 'batch',
      capUsd: 2,
      committedUsd: 2,
      reason: 'spend cap reached ($2.00 of $2.00)',
    });
  });

  it('names the first cap a submit would pass', () => {
    const decision = decideSubmit(0.1, [
      { scope: 'batch', capUsd: 50, committedUsd: 3 },
      { scope: 'day', capUsd: 10, committedUsd: 9.95 },
      { scope: 'month', capUsd: 5, committedUsd: 9.95 },
    ]);
    expect(decision.ok === false && decision.reason).toBe('daily spend cap reached ($9.95 of $10.00)');
    expect(decideSubmit(0.1, [])).toEqual({ ok: true });
  });

  it('starts periods at local midnight and the first of the month', () => {
    const at = new Date(2026, 10, 17, 15, 30).getTime();
    expect(spendPeriodStarts(at)).toEqual({
      day: new Date(2026, 10, 17).getTime(),
      month: new Date(2026, 10, 1).getTime(),
    });
  });
});

describe('estimateSpend', () => {
  const input = {
    jobCount: 420,
    reused: 288,
    unusable: 2,
    priceUsd: 0.1,
    backend: 'segmind' as const,
    confirmAboveUsd: 5,
  };

  it('excludes reuse and unusable inputs from the jobs to pay', () => {
    const e = estimateSpend(input);
    expect(e.jobsToPay).toBe(130);
    expect(e.liveUsd).toBe(13);
    expect(e.chargedUsd).toBe(13);
    expect(e.text).toBe('$13.00');
    expect(e.needsConfirmation).toBe(true);
  });

  it('charges nothing on the simulator and says what it would cost live', () => {
    const e = estimateSpend({ ...input, backend: 'simulator' });
    expect(e.chargedUsd).toBe(0);
    expect(e.text).toBe('$0 (simulator) — $13.00 if live');
    expect(e.needsConfirmation).toBe(false);
  });

  it('needs confirmation only above the threshold', () => {
    expect(estimateSpend({ ...input, reused: 368 }).needsConfirmation).toBe(false); // $5.00 exactly
    expect(estimateSpend({ ...input, reused: 367 }).needsConfirmation).toBe(true);
    expect(estimateSpend({ ...input, reused: 420, unusable: 0 }).jobsToPay).toBe(0);
  });

  it('takes a confirmation only for at least the estimated dollars', () => {
    expect(confirmationCovers(13, 13)).toBe(true);
    expect(confirmationCovers(12.9, 13)).toBe(false);
    expect(confirmationCovers(undefined, 0.1)).toBe(false);
  });
});

describe('buildLedger', () => {
  it('prices in-flight, pruned and uncertain jobs and totals committed spend', () => {
    const ledger = buildLedger({
      ...emptyLedger(0.1),
      billed: 18,
      billedUsd: 1.8,
      notBilled: 2,
      reused: 4,
      cancelled: 7,
      pruned: 6,
      ambiguous: 1,
      unconfirmed: 1,
      inFlight: 3,
      estimatedUsd: 3,
    });
    expect(ledger.prunedUsd).toBe(0.6);
    expect(ledger.cancelledOnly).toBe(1);
    expect(ledger.inFlightUsd).toBe(0.3);
    expect(ledger.uncertainUsd).toBe(0.2);
    expect(ledger.committedUsd).toBe(2.3);
    expect(ledger.actualUsd).toBe(1.8);
    expect(describeLedger(ledger)).toBe(
      'billed 18 · $1.80 · FAILED, not billed 2 · reused 4 · $0 · pruned 6 · $0.60 not spent · cancelled 1 · ' +
        'ambiguous 1 (answer lost: may be charged) · unconfirmed 1 (outcome never seen) · in flight 3 · estimated $3.00',
    );
  });

  it('reads as one short line for a clean run, marking simulated dollars', () => {
    const ledger = buildLedger({ ...emptyLedger(0.1), billed: 20, billedUsd: 2, maxSpendUsd: 2 });
    expect(describeLedger(ledger, { simulated: true })).toBe('billed 20 · $2.00 simulated · cap $2.00');
  });
});
