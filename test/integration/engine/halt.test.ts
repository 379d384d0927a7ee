/**
 * Acceptance 4: a 401 (the key stops working mid-run) or a 406 (credits run out) halts ALL submitting:
 * the simulator receives at most `concurrency` requests after the first such answer, jobs not yet
 * submitted stay pending, the batch is 'halted' with a plain-words reason, and after the cause is
 * fixed `reopenAfterHalt()` finishes the sweep without paying for any job twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRow } from '../../../electron/db';
import { countRequests, createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CONCURRENCY = 4;
const API_ENDPOINTS = ['v2.submit', 'v2.status', 'v2.result', 'v1.poll'] as const;

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function countAnswers(harness: Harness, status: string): number {
  const stats = harness.simulator.stats();
  return API_ENDPOINTS.reduce((sum, e) => sum + countRequests(stats, e, [status]), 0);
}

async function runHalting(harness: Harness): Promise<{ batchId: string; jobs: () => JobRow[] }> {
  const created = await harness.engine.createBatch({
    spec: sweepSpec([harness.goodDir], { seeds: '100-103' }),
    outputDir: harness.outDir,
  });
  expect(created.jobCount).toBe(40);
  return {
    batchId: created.batchId,
    jobs: () => harness.engine.pageJobs(created.batchId, { limit: 1000 }).rows,
  };
}

describe('halt on account-wide answers', () => {
  it('401 mid-run: at most `concurrency` requests after the first, resume after fixing the key', async () => {
    h = await createHarness({}, { concurrency: CONCURRENCY });
    const harness = h;
    const { batchId, jobs } = await runHalting(harness);
    await until(() => harness.simulator.stats().completed >= 12);
    harness.simulator.configure({ apiKeys: ['a-different-key'] });
    await idleWithin(harness.engine, 60_000);

    const refused = countAnswers(harness, '401');
    console.log(`[halt 401] requests answered 401 (the first included): ${refused}`);
    expect(refused).toBeGreaterThanOrEqual(1);
    // Every API request after the key changed is answered 401, so these are all the requests spent.
    expect(refused - 1).toBeLessThanOrEqual(CONCURRENCY);
    const summary = harness.engine.summary(batchId)!;
    expect(summary.batch.state).toBe('halted');
    expect(summary.batch.haltReason).toMatch(/API key/);
    expect(harness.engine.halt().state).toBe('halted');
    const rows = jobs();
    const pending = rows.filter((j) => j.state === 'pending');
    expect(pending.length).toBeGreaterThan(10);
    for (const j of pending) expect(j.requestId).toBeNull();
    expect(rows.some((j) => j.state === 'failed')).toBe(false);
    const parked = rows.filter((j) => j.requestId && j.state !== 'completed');
    console.log(`[halt 401] parked with a request id: ${parked.length}, pending: ${pending.length}`);

    harness.simulator.configure({ apiKeys: [harness.simulator.apiKey] });
    harness.engine.reopenAfterHalt();
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(batchId)!.batch.state).toBe('completed');
    expect(jobs().every((j) => j.state === 'completed')).toBe(true);
    const stats = harness.simulator.stats();
    expect(stats.duplicateSubmits).toBe(0);
    expect(stats.acceptedSubmits).toBe(40);
  }, 90_000);

  it('406 credits run out: at most `concurrency` submits after the first, resume after topping up', async () => {
    h = await createHarness({ credits: 2 }, { concurrency: CONCURRENCY }); // 20 generations at $0.10
    const harness = h;
    const { batchId, jobs } = await runHalting(harness);
    await idleWithin(harness.engine, 60_000);

    const refused = countAnswers(harness, '406');
    console.log(`[halt 406] submits answered 406 (the first included): ${refused}`);
    expect(refused).toBeGreaterThanOrEqual(1);
    // Only submits cost credits; polls of already accepted jobs go on and finish them.
    expect(refused - 1).toBeLessThanOrEqual(CONCURRENCY);
    const summary = harness.engine.summary(batchId)!;
    expect(summary.batch.state).toBe('halted');
    expect(summary.batch.haltReason).toMatch(/credits/);
    const rows = jobs();
    expect(rows.filter((j) => j.state === 'completed')).toHaveLength(20);
    const pending = rows.filter((j) => j.state === 'pending');
    expect(pending).toHaveLength(20);
    for (const j of pending) {
      expect(j.requestId).toBeNull();
      expect(j.attempts).toBe(0); // a refused submit is not counted against the job
    }

    harness.simulator.configure({ credits: 1000 });
    harness.engine.reopenAfterHalt();
    await idleWithin(harness.engine, 60_000);
    expect(harness.engine.summary(batchId)!.batch.state).toBe('completed');
    expect(jobs().every((j) => j.state === 'completed')).toBe(true);
    const stats = harness.simulator.stats();
    expect(stats.duplicateSubmits).toBe(0);
    expect(stats.acceptedSubmits).toBe(40);
  }, 90_000);
});
