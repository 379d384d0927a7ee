/**
 * Issue 11 §4, first bullet: an input error is not retryable. "Retry failed" looks at the input again
 * first: a file still broken keeps the true reason (now the current one), is not retried and sends
 * nothing — never "Segmind kept sending an unreadable answer"; a file fixed since runs for real, keyed
 * by its new content; a prepared copy lost from the data folder fails as an input error (not as an API
 * answer) and is prepared again by the retry. Driven through the contract, as the grid's buttons do.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATCH_INPUT } from '@shared/catalogue';
import type { InputView } from '@shared/contract';
import { INPUT_ERROR_CODE } from '@shared/scheduling';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
let service: StudioService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
  await h?.close();
  h = undefined;
});

// biome-ignore lint/suspicious/noExplicitAny: outcomes are read loosely.
const value = (outcome: any) => {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return outcome.value;
};

async function studio(dataDir: string): Promise<{ service: StudioService; call: Dispatch }> {
  service = await startStudioService({
    shell: 'web',
    dataDir,
    backend: { apiKey: null, simulator: { latencyScale: 0.002 } },
    engine: { feedIntervalMs: 50, retryBaseDelayMs: 20 },
  });
  return { service, call: createDispatcher(service.handlers, () => {}) };
}

describe('retrying a job whose input failed', () => {
  it('re-checks the input: still broken keeps its reason and sends nothing; fixed runs', async () => {
    h = await createHarness(); // only for its fixtures; the studio below has its own simulator
    const inputs = join(h.dir, 'inputs');
    mkdirSync(inputs);
    copyFileSync(h.fixtures.sunset!, join(inputs, 'good.jpg'));
    writeFileSync(join(inputs, 'empty.png'), '');
    writeFileSync(join(inputs, 'later.png'), '');
    writeFileSync(join(inputs, 'notes.png'), 'not a picture\n');
    const { service, call } = await studio(join(h.dir, 'studio'));
    const sim = service.backend().simulator!;

    const { batchId } = value(
      await call('batch:create', { spec: sweepSpec([inputs], { seeds: '100' }), outputDir: h.outDir }),
    );
    await idleWithin(service.engine(), 60_000);
    const byName = new Map<string, number>();
    for (const i of value(await call('batch:inputs', { batchId })) as InputView[]) byName.set(i.name, i.id);
    const jobsOf = (name: string) =>
      service.engine().pageJobs(batchId, { inputId: byName.get(name), limit: 100 }).rows;

    for (const name of ['empty', 'later']) {
      for (const job of jobsOf(name)) {
        expect(job.state).toBe('failed');
        expect(job.errorCode).toBe(INPUT_ERROR_CODE);
        expect(job.errorMessage).toBe(`"${name}.png" is empty (0 bytes)`);
      }
    }
    const submitsBefore = sim.stats().acceptedSubmits;
    expect(submitsBefore).toBe(2); // good.jpg's two jobs

    // Retry failed, nothing changed on disk: nothing runs, nothing is sent, the reasons stay true.
    expect(value(await call('batch:retryFailed', { batchId })).count).toBe(0);
    await idleWithin(service.engine(), 60_000);
    for (const job of [...jobsOf('empty'), ...jobsOf('notes')]) {
      expect(job.state).toBe('failed');
      expect(job.errorCode).toBe(INPUT_ERROR_CODE);
      expect(job.errorMessage).not.toMatch(/Segmind/);
    }
    expect(jobsOf('notes')[0]?.errorMessage).toContain('"notes.png" is not an image');
    const single = await call('job:retry', { jobId: jobsOf('empty')[0]!.id });
    expect(single).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!single.ok && single.error.message).toBe('not retried: "empty.png" is empty (0 bytes)');

    // The cause changes (the file is deleted): the reason follows. One file is fixed: it runs.
    rmSync(join(inputs, 'empty.png'));
    copyFileSync(h.fixtures.portrait!, join(inputs, 'later.png'));
    const keysBefore = jobsOf('later').map((j) => j.key);
    expect(value(await call('batch:retryFailed', { batchId })).count).toBe(2);
    await idleWithin(service.engine(), 60_000);
    for (const job of jobsOf('empty')) {
      expect(job.state).toBe('failed');
      expect(job.errorMessage).toBe('"empty.png" does not exist (moved, deleted, or a dangling link)');
    }
    const later = jobsOf('later');
    for (const job of later) expect(job.state, job.errorMessage ?? '').toBe('completed');
    expect(later.map((j) => j.key)).not.toEqual(keysBefore);
    const input = (value(await call('batch:inputs', { batchId })) as InputView[]).find(
      (i) => i.name === 'later',
    );
    expect(input?.errorCode).toBeNull();
    expect(sim.stats().acceptedSubmits).toBe(submitsBefore + 2);
  }, 90_000);

  it('a fixed input of a `match` sweep takes the size nearest its shape when retried', async () => {
    h = await createHarness();
    const inputs = join(h.dir, 'inputs');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'later.png'), '');
    const created = await h.engine.createBatch({
      spec: sweepSpec([inputs], { seeds: '100', resolutions: [MATCH_INPUT] }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 60_000);
    expect(h.engine.pageJobs(created.batchId).rows.every((j) => j.state === 'failed')).toBe(true);
    copyFileSync(h.fixtures.panorama!, join(inputs, 'later.png')); // 2400 x 800
    expect(await h.engine.retryFailed(created.batchId)).toBe(2);
    await idleWithin(h.engine, 60_000);
    for (const job of h.engine.pageJobs(created.batchId).rows) {
      expect(job.state, job.errorMessage ?? '').toBe('completed');
      expect(job.resolution).toBe('RESOLUTION_1536_512');
    }
  }, 90_000);

  it('a prepared copy lost from the data folder fails as an input error, and a retry prepares it again', async () => {
    h = await createHarness();
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.fixtures.sunset!], { seeds: '100' }),
      outputDir: h.outDir,
      start: false,
    });
    rmSync(join(h.dataDir, 'cache', 'inputs'), { recursive: true, force: true });
    h.engine.start(created.batchId);
    await idleWithin(h.engine, 60_000);
    const failed = h.engine.pageJobs(created.batchId).rows;
    for (const job of failed) {
      expect(job.state).toBe('failed');
      expect(job.errorCode).toBe(INPUT_ERROR_CODE);
      expect(job.errorMessage).toMatch(
        /^the prepared copy of "sunset-gradient.jpg" cannot be read \(ENOENT\)/,
      );
      expect(job.attempts).toBeLessThanOrEqual(1);
    }
    expect(h.simulator.stats().totalRequests).toBe(0);

    expect(await h.engine.retryFailed(created.batchId)).toBe(2);
    await idleWithin(h.engine, 60_000);
    for (const job of h.engine.pageJobs(created.batchId).rows) expect(job.state).toBe('completed');
    expect(h.simulator.stats().acceptedSubmits).toBe(2);
  }, 90_000);
});
