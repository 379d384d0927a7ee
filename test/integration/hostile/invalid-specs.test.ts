/**
 * Hostile sweep specs: a seed out of range, an unknown style, an empty prompt, zero inputs (an empty
 * folder, a folder of only non-images) and a 1,000,000-job sweep without confirmation are refused by
 * `engine.createBatch` with a `BatchRequestError` whose `issues` name the field and the cause, and
 * through the contract (`batch:create` via the service dispatcher) as `invalid_input` data naming the
 * field, except the large sweep, which is valid but unconfirmed: `needs_confirmation`, the code the
 * composer asks the user on. Nothing is created or paid for. Just over the large-sweep threshold,
 * confirmation is honoured, and through the contract too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '@shared/contract';
import { LARGE_SWEEP_JOBS } from '@shared/sweep';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRequestError, NeedsConfirmationError } from '../../../electron/engine/batch-creator';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';

let h: Harness;
let service: StudioService;
let dispatch: Dispatch;
let emptyDir: string;
let textOnlyDir: string;
let fakeImagesDir: string;
let oneImage: string;

beforeAll(async () => {
  h = await createHarness();
  oneImage = h.fixtures.sunset;
  emptyDir = join(h.dir, 'empty');
  textOnlyDir = join(h.dir, 'text-only');
  fakeImagesDir = join(h.dir, 'fake-images');
  for (const d of [emptyDir, textOnlyDir, fakeImagesDir]) mkdirSync(d);
  writeFileSync(join(textOnlyDir, 'notes.txt'), 'not an image\n');
  writeFileSync(join(textOnlyDir, 'readme.md'), '# nothing to see\n');
  writeFileSync(join(textOnlyDir, 'data.json'), '{}\n');
  writeFileSync(join(fakeImagesDir, 'looks-like.png'), 'text pretending to be a PNG\n');
  writeFileSync(join(fakeImagesDir, 'also-fake.jpg'), '');
  service = await startStudioService({
    shell: 'web',
    dataDir: join(h.dir, 'service'),
    backend: { apiKey: null, simulator: { latencyScale: 0.002 } },
  });
  dispatch = createDispatcher(service.handlers, () => {});
});

afterAll(async () => {
  await service?.close();
  await h?.close();
});

interface Case {
  what: string;
  spec: () => Record<string, unknown>;
  field: string;
  cause: RegExp;
  /** The contract error code; default invalid_input. */
  code?: ErrorCode;
}

const CASES: Case[] = [
  {
    what: 'a seed above the API range',
    spec: () => sweepSpec([oneImage], { seeds: '100, 4294967296' }),
    field: 'seeds',
    cause: /4294967296 is out of range; seeds must be whole numbers from 100 to 999999/,
  },
  {
    what: 'a seed below the API range',
    spec: () => sweepSpec([oneImage], { seeds: '5' }),
    field: 'seeds',
    cause: /5 is out of range/,
  },
  {
    what: 'a negative seed',
    spec: () => sweepSpec([oneImage], { seeds: '-1' }),
    field: 'seeds',
    cause: /'-1'.*not a whole number/,
  },
  {
    what: 'an unknown style',
    spec: () => sweepSpec([oneImage], { styles: ['GENERAL', 'PIXEL_ART'] }),
    field: 'styles[1]',
    cause: /must be one of GENERAL, REALISTIC, DESIGN, RENDER_3D, ANIME/,
  },
  {
    what: 'an empty prompt',
    spec: () => sweepSpec([oneImage], { prompts: [''] }),
    field: 'prompts[0]',
    cause: /prompt must not be empty/,
  },
  {
    what: 'a blank prompt after a good one',
    spec: () => sweepSpec([oneImage], { prompts: ['a coat', '   '] }),
    field: 'prompts[1]',
    cause: /prompt must not be empty/,
  },
  {
    what: 'a prompt whose permutation is blank',
    spec: () => sweepSpec([oneImage], { prompts: ['{|red}'] }),
    field: 'prompts[0]',
    cause: /permutation of this prompt is empty/,
  },
  {
    what: 'no prompts at all',
    spec: () => sweepSpec([oneImage], { prompts: [] }),
    field: 'prompts',
    cause: /at least one prompt/,
  },
  {
    what: 'an empty folder',
    spec: () => sweepSpec([emptyDir]),
    field: 'inputs',
    cause: /no images found in .*empty/,
  },
  {
    what: 'a folder of only non-images',
    spec: () => sweepSpec([textOnlyDir]),
    field: 'inputs',
    cause: /no images found in .*text-only/,
  },
  {
    what: 'a folder that does not exist',
    spec: () => sweepSpec([join(emptyDir, 'nowhere')]),
    field: 'inputs',
    cause: /no images found in .*nowhere.*no such file or folder/,
  },
  {
    what: 'a 1,000,000-job sweep without confirmation',
    // 1 input x 2 styles x 500,000 seeds.
    spec: () =>
      sweepSpec([oneImage], { prompts: ['a coat'], seeds: '100-500099', styles: ['GENERAL', 'ANIME'] }),
    field: 'confirmLarge',
    cause: /this sweep makes 1,000,000 jobs \(over 20,000\); confirm to create it/,
    code: 'needs_confirmation',
  },
];

async function refusal(spec: Record<string, unknown>): Promise<BatchRequestError> {
  const error = await h.engine.createBatch({ spec, outputDir: h.outDir }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BatchRequestError)) throw new Error(`expected a BatchRequestError, got ${error}`);
  return error;
}

describe('hostile specs through engine.createBatch', () => {
  it.each(CASES)('refuses $what, naming $field', async ({ spec, field, cause }) => {
    const error = await refusal(spec());
    const issue = error.issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(cause);
    expect(error.message).toContain(`${field}: `);
    console.log(`[invalid spec] ${error.message}`);
    expect(h.journal.batches.list({ limit: 10 })).toHaveLength(0);
    expect(h.simulator.stats().acceptedSubmits).toBe(0);
  });

  it('refuses just over the threshold unconfirmed, accepts it confirmed (not started)', async () => {
    const over = sweepSpec([oneImage], { seeds: `100-${100 + LARGE_SWEEP_JOBS}`, prompts: ['a coat'] });
    const error = await refusal(over);
    expect(error).toBeInstanceOf(NeedsConfirmationError);
    expect(error.issues[0]).toMatchObject({ field: 'confirmLarge' });
    expect(error.message).toContain('20,001 jobs');

    const created = await h.engine.createBatch({
      spec: over,
      outputDir: h.outDir,
      confirmLarge: true,
      start: false,
    });
    expect(created.jobCount).toBe(LARGE_SWEEP_JOBS + 1);
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.batch.state).toBe('draft');
    expect(summary.total).toBe(LARGE_SWEEP_JOBS + 1);
    expect(summary.counts.pending).toBe(LARGE_SWEEP_JOBS + 1);
    expect(h.simulator.stats().acceptedSubmits).toBe(0);
    h.journal.batches.remove(created.batchId);
  });

  it('a folder of only broken image files makes a batch whose every job fails naming its file', async () => {
    const created = await h.engine.createBatch({
      spec: sweepSpec([fakeImagesDir], { prompts: ['a coat'] }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 20_000);
    expect(created.inputProblems.map((p) => p.code).sort()).toEqual(['empty', 'not_an_image']);
    const jobs = h.engine.pageJobs(created.batchId, { limit: 100 }).rows;
    expect(jobs).toHaveLength(4);
    for (const job of jobs) {
      expect(job.state).toBe('failed');
      expect(job.errorCode).toBe('input_error');
      expect(job.errorMessage).toMatch(/"(looks-like\.png|also-fake\.jpg)" is (not an image|empty)/);
    }
    expect(h.engine.summary(created.batchId)!.batch.state).toBe('completed');
    expect(h.simulator.stats().acceptedSubmits).toBe(0);
    h.journal.batches.remove(created.batchId);
  });
});

describe('hostile specs through the contract (batch:create)', () => {
  it.each(CASES)('answers $what with its code naming $field', async ({ spec, field, cause, code }) => {
    const outcome = await dispatch('batch:create', { spec: spec(), outputDir: join(h.dir, 'contract-out') });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(code ?? 'invalid_input');
    expect(outcome.error.message).toContain(`${field}: `);
    expect(outcome.error.message).toMatch(cause);
    expect(service.engine().listBatches()).toHaveLength(0);
  });

  it('previews, refuses with needs_confirmation, then creates a just-too-large sweep once confirmed', async () => {
    const over = sweepSpec([oneImage], { seeds: `100-${100 + LARGE_SWEEP_JOBS}`, prompts: ['a coat'] });
    const outputDir = join(h.dir, 'contract-large');
    const preview = await dispatch('sweep:preview', { spec: over, imageCount: 1 });
    expect(preview).toMatchObject({
      ok: true,
      value: { jobCount: LARGE_SWEEP_JOBS + 1, needsConfirmation: true },
    });
    const refused = await dispatch('batch:create', { spec: over, outputDir });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(service.engine().listBatches()).toHaveLength(0);

    const created = await dispatch('batch:create', { spec: over, outputDir, confirmLarge: true });
    expect(created).toMatchObject({ ok: true, value: { jobCount: LARGE_SWEEP_JOBS + 1 } });
    if (!created.ok) return;
    const { batchId } = created.value as { batchId: string };
    expect(await dispatch('batch:pause', { batchId })).toMatchObject({ ok: true });
    expect(await dispatch('batch:delete', { batchId, deleteFiles: true })).toMatchObject({
      ok: true,
      value: { deleted: true },
    });
    expect(service.engine().listBatches()).toHaveLength(0);
  });

  it('refuses a spec that is not an object, and unknown spec fields, as invalid_input', async () => {
    const notObject = await dispatch('batch:create', { spec: 'seeds=1-1000000' });
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!notObject.ok) expect(notObject.error.message).toMatch(/^batch:create: spec: /);
    const unknown = await dispatch('batch:create', {
      spec: { ...sweepSpec([oneImage]), steps: 50 },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!unknown.ok) expect(unknown.error.message).toMatch(/unknown field\(s\): steps/);
  });
});
