/**
 * Money through the contract, on a studio whose backend presents as live (a key and a base URL pointing
 * at a simulator): `sweep:estimate` prices a sweep and, after it ran, finds every job reused ($0);
 * `batch:create` refuses a live run above the threshold with its own code `needs_spend_confirmation`
 * stating the dollars, sends and creates nothing, refuses a confirmation for fewer dollars, and accepts
 * one covering them; the batch view carries the ledger; `batch:setMaxSpend` and `ledger:month` work;
 * the money settings round-trip and are validated.
 */
import { join } from 'node:path';
import type { BatchView, MonthLedgerView, SettingsView, SweepEstimateView } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { createHarness, type Harness, sweepSpec } from '../engine/engine-harness';

let h: Harness;
let service: StudioService;
let dispatch: Dispatch;

beforeAll(async () => {
  h = await createHarness();
  service = await startStudioService({
    shell: 'web',
    dataDir: join(h.dir, 'service'),
    backend: { apiKey: h.simulator.apiKey, baseUrl: h.simulator.baseUrl },
    // The simulator has no request budget; discovering one (the live default) would only slow this down.
    engine: { requestsPerMinute: undefined },
  });
  dispatch = createDispatcher(service.handlers, () => {});
});
afterAll(async () => {
  await service?.close();
  await h?.close();
});

async function call<T>(method: string, args: unknown): Promise<T> {
  const outcome = await dispatch(method, args);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value as T;
}

// 5 images x 2 prompts x 6 seeds = 60 jobs = $6.00, above the $5 default threshold.
const spec = () => sweepSpec([h.goodDir], { seeds: '100-105' });

describe('money through the contract (live backend)', () => {
  it('estimates, refuses an unconfirmed live run with needs_spend_confirmation, runs a confirmed one', async () => {
    expect(service.backend().kind).toBe('segmind');
    const estimate = await call<SweepEstimateView>('sweep:estimate', { spec: spec(), concurrency: 8 });
    expect(estimate).toMatchObject({
      ok: true,
      images: 5,
      jobCount: 60,
      jobsToPay: 60,
      reused: 0,
      liveUsd: 6,
      chargedUsd: 6,
      text: '$6.00',
      needsConfirmation: true,
    });

    const outputDir = join(h.dir, 'out');
    const refused = await dispatch('batch:create', { spec: spec(), outputDir });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_spend_confirmation' } });
    expect(!refused.ok && refused.error.message).toContain('costs up to $6.00 (60 jobs to pay at $0.10)');
    const short = await dispatch('batch:create', { spec: spec(), outputDir, confirmSpendUsd: 5.9 });
    expect(short).toMatchObject({ ok: false, error: { code: 'needs_spend_confirmation' } });
    expect(service.engine().listBatches()).toHaveLength(0);
    expect(h.simulator.stats().totalRequests).toBe(0);

    // A cap at or under the threshold needs no more than the cap's dollars confirmed.
    const created = await call<{ batchId: string }>('batch:create', {
      spec: spec(),
      outputDir,
      maxSpendUsd: 0.5,
      confirmSpendUsd: 0.5,
    });
    await expect
      .poll(async () => (await call<BatchView>('batch:get', { batchId: created.batchId })).pauseReason, {
        timeout: 30_000,
      })
      .toBe('spend cap reached ($0.50 of $0.50)');
    // Paused as soon as billed + in flight reached the cap; the last ones in flight then complete.
    await expect
      .poll(async () => (await call<BatchView>('batch:get', { batchId: created.batchId })).ledger.inFlight, {
        timeout: 30_000,
      })
      .toBe(0);
    let view = await call<BatchView>('batch:get', { batchId: created.batchId });
    expect(view.state).toBe('paused');
    expect(view.ledger).toMatchObject({ billed: 5, billedUsd: 0.5, estimatedUsd: 6, maxSpendUsd: 0.5 });

    view = await call<BatchView>('batch:setMaxSpend', { batchId: created.batchId, maxSpendUsd: 6 });
    expect(view.ledger.maxSpendUsd).toBe(6);
    await expect
      .poll(async () => (await call<BatchView>('batch:get', { batchId: created.batchId })).state, {
        timeout: 30_000,
      })
      .toBe('completed');
    expect(h.simulator.stats().billing.billedUsd).toBe(6);

    const again = await call<SweepEstimateView>('sweep:estimate', { spec: spec() });
    expect(again).toMatchObject({ ok: true, jobsToPay: 0, reused: 60, liveUsd: 0, needsConfirmation: false });
    const month = await call<MonthLedgerView>('ledger:month', {});
    expect(month).toMatchObject({ backend: 'segmind', todayUsd: 6, ledger: { billed: 60, billedUsd: 6 } });
  });

  it('round-trips the money settings and refuses nonsense', async () => {
    const saved = await call<SettingsView>('settings:update', {
      pricePerGenerationUsd: 0.08,
      confirmAboveUsd: 20,
      dailyCapUsd: 10,
      monthlyCapUsd: null,
    });
    expect(saved).toMatchObject({
      pricePerGenerationUsd: 0.08,
      confirmAboveUsd: 20,
      dailyCapUsd: 10,
      monthlyCapUsd: null,
    });
    const estimate = await call<SweepEstimateView>('sweep:estimate', {
      spec: sweepSpec([h.goodDir], { seeds: '200-209' }),
    });
    expect(estimate).toMatchObject({ ok: true, jobsToPay: 100, liveUsd: 8, needsConfirmation: false });
    for (const bad of [{ pricePerGenerationUsd: 0 }, { dailyCapUsd: -1 }, { confirmAboveUsd: 'lots' }]) {
      expect(await dispatch('settings:update', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});
