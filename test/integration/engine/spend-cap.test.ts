/**
 * Acceptance 2 of the economics issue: a $2 cap at $0.10 with concurrency 8 never bills more than $2.00
 * (the simulator's own billing), the batch pauses with "spend cap reached ($2.00 of $2.00)", and raising
 * the cap finishes it. With FAILED jobs (not billed) the cap is still reached exactly, never passed. A
 * daily cap from the settings stops every batch the same way.
 */
import { spendPeriodStarts } from '@shared/economics';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpendSettings } from '../../../electron/engine/job-ledger';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const settings: SpendSettings = { pricePerGenerationUsd: 0.1, dailyCapUsd: null, monthlyCapUsd: null };
const economics = { backend: 'simulator' as const, settings: () => settings };

async function capped(harness: Harness, maxSpendUsd: number) {
  const created = await harness.engine.createBatch({
    spec: sweepSpec([harness.goodDir], { seeds: '100-103' }),
    outputDir: harness.outDir,
    maxSpendUsd,
    spend: { priceUsd: 0.1, backend: 'simulator', confirmAboveUsd: 5 },
  });
  expect(created.jobCount).toBe(40);
  expect(created.estimate).toMatchObject({ jobsToPay: 40, liveUsd: 4, chargedUsd: 0 });
  return created.batchId;
}

describe('spend cap', () => {
  it('a $2 cap at $0.10 and concurrency 8 bills exactly $2.00, pauses with the reason, and a raised cap finishes', async () => {
    // Slow enough (median ~127 ms) that 8 jobs are always in flight when the cap comes near.
    h = await createHarness({ latencyScale: 0.01 }, { concurrency: 8, economics });
    const harness = h;
    const batchId = await capped(harness, 2);
    await idleWithin(harness.engine, 60_000);

    const billing = harness.simulator.stats().billing;
    expect(billing.billedUsd).toBe(2);
    expect(billing.billed).toBe(20);
    expect(harness.simulator.stats().acceptedSubmits).toBe(20);
    const summary = harness.engine.summary(batchId)!;
    expect(summary.batch.state).toBe('paused');
    expect(summary.batch.pauseReason).toBe('spend cap reached ($2.00 of $2.00)');
    expect(summary.ledger).toMatchObject({
      billed: 20,
      billedUsd: 2,
      inFlight: 0,
      estimatedUsd: 4,
      maxSpendUsd: 2,
    });
    expect(summary.counts.pending).toBe(20);

    harness.engine.setMaxSpend(batchId, 5);
    await idleWithin(harness.engine, 60_000);
    const done = harness.engine.summary(batchId)!;
    expect(done.batch.state).toBe('completed');
    expect(done.batch.pauseReason).toBeNull();
    expect(done.counts.completed).toBe(40);
    expect(harness.simulator.stats().billing.billedUsd).toBe(4);
    expect(done.ledger).toMatchObject({ billed: 40, billedUsd: 4 });
  }, 90_000);

  it('with FAILED jobs (not billed) the cap is still reached exactly and never passed', async () => {
    h = await createHarness(
      { latencyScale: 0.01, faults: { failed: 0.25 }, faultSeed: 3 },
      { concurrency: 8, economics },
    );
    const harness = h;
    const batchId = await capped(harness, 2);
    await idleWithin(harness.engine, 60_000);
    const billing = harness.simulator.stats().billing;
    expect(billing.notBilled).toBeGreaterThan(0);
    expect(billing.billedUsd).toBe(2);
    const summary = harness.engine.summary(batchId)!;
    expect(summary.batch.state).toBe('paused');
    expect(summary.batch.pauseReason).toBe('spend cap reached ($2.00 of $2.00)');
    expect(summary.ledger).toMatchObject({ billed: 20, billedUsd: 2, notBilled: billing.notBilled });
  }, 90_000);

  it('a daily cap in the settings pauses the batch with its own reason', async () => {
    const daily: SpendSettings = { ...settings, dailyCapUsd: 1 };
    h = await createHarness(
      { latencyScale: 0.01 },
      {
        concurrency: 8,
        economics: { backend: 'simulator', settings: () => daily },
      },
    );
    const harness = h;
    const batchId = await capped(harness, 50);
    await idleWithin(harness.engine, 60_000);
    expect(harness.simulator.stats().billing.billedUsd).toBe(1);
    expect(harness.engine.summary(batchId)!.batch.pauseReason).toBe(
      'daily spend cap reached ($1.00 of $1.00)',
    );
    expect(harness.engine.periodLedger(spendPeriodStarts(Date.now()).day)).toMatchObject({
      billed: 10,
      billedUsd: 1,
    });
    daily.dailyCapUsd = null;
    harness.engine.spendSettingsChanged();
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(batchId)!.batch.state).toBe('completed');
  }, 90_000);
});
