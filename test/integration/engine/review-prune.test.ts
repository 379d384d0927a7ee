/**
 * The engine's review checkpoint and prune (issue 10 §4) against the simulator: a progressive sweep with
 * `reviewAfterCoverage` sends only its first max(axis size) jobs (every value of every axis has a
 * result), pauses with the reason and sends nothing more; a prune then cancels a style's pending jobs;
 * a restart does not stop at the checkpoint again; resuming finishes the rest, the pruned style never
 * sent past the checkpoint; undo queues it again and the batch completes, nothing sent twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REVIEW_PAUSE_REASON } from '../../../electron/engine/review-checkpoint';
import { createHarness, type Harness, idleWithin } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine: review checkpoint and prune', () => {
  it('pauses once every value has a result, prunes a style, resumes past a restart, undoes the prune', async () => {
    h = await createHarness({}, { concurrency: 4 });
    const created = await h.engine.createBatch({
      spec: {
        inputs: { paths: [h.fixtures.sunset, h.fixtures.portrait] },
        prompts: ['a {fox|owl}'],
        seeds: '100-102',
        styles: ['GENERAL', 'REALISTIC', 'DESIGN', 'RENDER_3D', 'ANIME'],
        reviewAfterCoverage: true,
      },
      outputDir: h.outDir,
    });
    expect(created.jobCount).toBe(2 * 2 * 3 * 5);
    await idleWithin(h.engine, 60_000);
    const batchId = created.batchId;
    const paused = h.journal.batches.get(batchId)!;
    expect(paused).toMatchObject({ state: 'paused', pauseReason: REVIEW_PAUSE_REASON });
    const jobs = () => h!.journal.jobs.page(batchId, { limit: 1000 }).rows;
    const sent = jobs().filter((j) => j.requestId !== null);
    // The first max(axis size) = 5 jobs, and nothing else, were sent; every value has a result.
    expect(sent.map((j) => j.ordinal).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(h.simulator.stats().acceptedSubmits).toBe(5);
    const done = jobs().filter((j) => j.state === 'completed');
    expect(new Set(done.map((j) => j.style)).size).toBe(5);
    expect(new Set(done.map((j) => j.seed)).size).toBe(3);
    expect(new Set(done.map((j) => j.inputId)).size).toBe(2);
    expect(new Set(done.map((j) => j.promptIndex)).size).toBe(2);

    expect(h.engine.prune(batchId, { axis: 'style', value: 'ANIME' }, 'style ANIME')).toBe(11);
    expect(h.engine.summary(batchId)!.ledger).toMatchObject({ pruned: 11 });

    // A restart does not stop at the checkpoint again.
    await h.restart({ concurrency: 4 });
    h.engine.resume(batchId);
    await idleWithin(h.engine, 60_000);
    expect(h.journal.batches.get(batchId)?.state).toBe('completed');
    const anime = jobs().filter((j) => j.style === 'ANIME');
    expect(anime.filter((j) => j.requestId !== null)).toHaveLength(1);
    expect(h.simulator.stats().acceptedSubmits).toBe(60 - 11);

    expect(h.engine.unprune(batchId, { axis: 'style', value: 'ANIME' })).toBe(11);
    await idleWithin(h.engine, 60_000);
    expect(h.journal.batches.get(batchId)?.state).toBe('completed');
    expect(jobs().every((j) => j.state === 'completed')).toBe(true);
    expect(h.simulator.stats()).toMatchObject({ acceptedSubmits: 60, duplicateSubmits: 0 });
  }, 120_000);
});
