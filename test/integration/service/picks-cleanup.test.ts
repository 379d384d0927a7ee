/**
 * Picks and culling through the contract, on a batch the simulator ran: ratings reach JobView, the
 * `jobs:changed` event and the batch's counts; rating filters select what @shared/ratings says; "Export
 * picks" puts every selected output in the folder, byte for byte with its generation record, plus a
 * CSV and a JSON manifest whose rows are checked file by file; a clean-up deletes exactly the files its
 * plan stated (and refuses when the plan changed), keeps the rows marked deleted, serves no media for
 * them, and a later batch never reuses a deleted output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView, CleanupPlan, JobsChanged, JobView, PicksExport } from '@shared/contract';
import { MANIFEST_COLUMNS, type ManifestEntry, matchesRating, RATING_FILTERS } from '@shared/ratings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPngText } from '../../../electron/images/png-text';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { generateFixtures } from '../../fixtures/generate-fixtures';

let dir: string;
let service: StudioService;
let call: Dispatch;
let inputs: string[];
const events: JobsChanged[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-picks-'));
  const fx = await generateFixtures(join(dir, 'fixtures'));
  inputs = [fx.sunset, fx.portrait];
  service = await startStudioService({
    shell: 'web',
    dataDir: join(dir, 'data'),
    backend: { apiKey: null, simulator: { latencyScale: 0.002 } },
    engine: { feedIntervalMs: 30, retryBaseDelayMs: 20 },
  });
  call = createDispatcher(service.handlers, (err) => console.error(err));
  service.on('jobs:changed', (p) => events.push(p));
  await value('settings:update', { gridAtBatchEnd: false });
});

afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function value<T>(method: string, args: unknown): Promise<T> {
  const outcome = await call(method, args);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value as T;
}

async function failure(method: string, args: unknown): Promise<{ code: string; message: string }> {
  const outcome = await call(method, args);
  if (outcome.ok) throw new Error(`${method} was expected to fail`);
  return outcome.error;
}

// Grid order: the test names jobs by their place in the grid.
const SPEC = {
  prompts: ['a lighthouse at dusk'],
  seeds: '100, 200',
  styles: ['GENERAL', 'ANIME'],
  order: 'grid',
};

async function runBatch(): Promise<{ batch: BatchView; jobs: JobView[] }> {
  const { batchId } = await value<{ batchId: string }>('batch:create', {
    spec: { inputs: { paths: inputs }, ...SPEC },
    outputDir: join(dir, 'out'),
  });
  const deadline = Date.now() + 60_000;
  let batch = await value<BatchView>('batch:get', { batchId });
  while (batch.state !== 'completed') {
    if (Date.now() > deadline) throw new Error(`batch still ${batch.state}`);
    await new Promise((r) => setTimeout(r, 40));
    batch = await value<BatchView>('batch:get', { batchId });
  }
  return { batch, jobs: await jobsOf(batchId) };
}

async function jobsOf(batchId: string, rating?: string): Promise<JobView[]> {
  return (await value<{ rows: JobView[] }>('jobs:page', { batchId, limit: 1000, rating })).rows;
}

/** Reads the manifest CSV into records (the CSV has no line breaks inside these values). */
function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  const columns = head!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [columns[i], v])));
}

describe('picks, export and clean-up', () => {
  let batch: BatchView;
  let jobs: JobView[];
  let byOrdinal: (n: number) => JobView;

  it('rates results and says so in JobView, jobs:changed and the batch counts', async () => {
    ({ batch, jobs } = await runBatch());
    expect(jobs).toHaveLength(8);
    expect(jobs.every((j) => j.state === 'completed' && j.flag === 'none' && j.stars === 0)).toBe(true);
    byOrdinal = (n) => jobs.find((j) => j.ordinal === n)!;
    const rate = (ordinals: number[], patch: object) =>
      value<{ jobs: JobView[] }>('ratings:set', { jobIds: ordinals.map((n) => byOrdinal(n).id), ...patch });
    // 0, 1 picks (1 with 3 stars); 2 four stars; 3, 4 rejects (4 with 2 stars); 5, 6, 7 unrated.
    expect((await rate([0, 1], { flag: 'pick' })).jobs).toHaveLength(2);
    await rate([1], { stars: 3 });
    await rate([2], { stars: 4 });
    await rate([3, 4], { flag: 'reject' });
    const changed = await rate([4], { stars: 2 });
    expect(changed.jobs[0]).toMatchObject({ flag: 'reject', stars: 2, ordinal: 4 });
    expect((await failure('ratings:set', { jobIds: [byOrdinal(0).id] })).code).toBe('invalid_input');
    expect((await failure('ratings:set', { jobIds: [byOrdinal(0).id], stars: 6 })).code).toBe(
      'invalid_input',
    );

    await expect
      .poll(() => events.flatMap((e) => e.jobs).find((j) => j.id === byOrdinal(4).id && j.stars === 2))
      .toBeDefined();
    await expect
      .poll(async () => (await value<BatchView>('batch:get', { batchId: batch.id })).ratings)
      .toEqual({ picks: 2, rejects: 2, starred: 2, deleted: 0 });
    // History's thumbnails show the picks first.
    const view = await value<BatchView>('batch:get', { batchId: batch.id });
    expect(view.previewJobIds.slice(0, 2)).toEqual([byOrdinal(0).id, byOrdinal(1).id]);
    expect(batch.previewJobIds.slice(0, 2)).not.toEqual(view.previewJobIds.slice(0, 2));
    const fresh = await jobsOf(batch.id);
    for (const filter of RATING_FILTERS) {
      const expected = fresh.filter((j) => matchesRating(j, filter)).map((j) => j.ordinal);
      expect(
        (await jobsOf(batch.id, filter)).map((j) => j.ordinal),
        filter,
      ).toEqual(expected);
    }
    expect((await jobsOf(batch.id, 'stars-3')).map((j) => j.ordinal)).toEqual([1, 2]);
    jobs = fresh;
  });

  it('exports the picks byte for byte with a CSV and a JSON manifest, every row checked', async () => {
    const target = join(dir, 'picks');
    const done = await value<PicksExport>('ratings:exportPicks', { batchId: batch.id, dir: target });
    const picks = jobs.filter((j) => j.flag === 'pick');
    expect(done).toMatchObject({ dir: target, selection: 'pick', files: 2, problems: [] });
    expect(done.linked + done.copied).toBe(2);
    const json = JSON.parse(readFileSync(done.manifestJson, 'utf8')) as { entries: ManifestEntry[] };
    const csv = readCsv(done.manifestCsv);
    expect(json.entries.map((e) => e.jobId)).toEqual(picks.map((j) => j.id));
    expect(csv.map((r) => Number(r.jobId))).toEqual(picks.map((j) => j.id));
    let bytes = 0;
    for (const [i, job] of picks.entries()) {
      const entry = json.entries[i]!;
      const row = csv[i]!;
      expect(entry).toMatchObject({
        batchId: batch.id,
        prompt: job.prompt,
        seed: job.seed,
        style: job.style,
        resolution: job.resolution,
        imageWeight: job.imageWeight,
        magicPrompt: job.magicPrompt,
        negativePrompt: job.negativePrompt,
        palette: 'null',
        flag: 'pick',
        stars: job.stars,
        sourcePath: job.outputPath,
        inputPath: inputs[job.inputId === jobs[0]!.inputId ? 0 : 1],
      });
      for (const column of MANIFEST_COLUMNS) expect(row[column], column).toBe(String(entry[column] ?? ''));
      const exported = readFileSync(entry.exportedPath);
      const source = readFileSync(job.outputPath!);
      expect(exported.equals(source), `${entry.exportedPath} is the output's bytes`).toBe(true);
      expect(readPngText(exported)).toEqual(readPngText(source));
      if (entry.transfer === 'link')
        expect(statSync(entry.exportedPath).ino).toBe(statSync(job.outputPath!).ino);
      bytes += source.length;
    }
    expect(done.bytes).toBe(bytes);

    // Again into the same folder: the files already there are recognised, nothing doubles.
    const again = await value<PicksExport>('ratings:exportPicks', { batchId: batch.id, dir: target });
    expect(json.entries.map((e) => e.exportedPath)).toEqual(
      (JSON.parse(readFileSync(again.manifestJson, 'utf8')) as { entries: ManifestEntry[] }).entries.map(
        (e) => e.exportedPath,
      ),
    );
  });

  it('exports N stars or more without rejects, and names around a foreign file in the way', async () => {
    const target = join(dir, 'stars');
    mkdirSync(target, { recursive: true });
    const second = byOrdinal(2);
    const name = second.outputPath!.split('/').pop()!;
    writeFileSync(join(target, name), 'not the image');
    const done = await value<PicksExport>('ratings:exportPicks', {
      batchId: batch.id,
      dir: target,
      selection: 'stars-2',
    });
    expect(done.files).toBe(2);
    const { entries } = JSON.parse(readFileSync(done.manifestJson, 'utf8')) as { entries: ManifestEntry[] };
    expect(entries.map((e) => e.jobId)).toEqual([byOrdinal(1).id, second.id]);
    expect(entries[1]!.exportedPath).toBe(join(target, name.replace(/\.png$/, `-job${second.id}.png`)));
    expect(readFileSync(join(target, name), 'utf8')).toBe('not the image');
  });

  it('cleans up only what the plan stated, keeps the rows, serves no media for them', async () => {
    const rejects = jobs.filter((j) => j.flag === 'reject');
    const plan = await value<CleanupPlan>('ratings:cleanupPlan', { batchId: batch.id, scope: 'rejected' });
    const sizes = rejects.map((j) => statSync(j.outputPath!).size);
    expect(plan).toEqual({
      scope: 'rejected',
      files: 2,
      bytes: sizes[0]! + sizes[1]!,
      results: 2,
      shared: 0,
    });
    const wrong = await failure('ratings:cleanup', {
      batchId: batch.id,
      scope: 'rejected',
      expectFiles: 3,
      expectBytes: plan.bytes,
    });
    expect(wrong.code).toBe('conflict');
    expect(rejects.every((j) => existsSync(j.outputPath!))).toBe(true);

    const result = await value('ratings:cleanup', {
      batchId: batch.id,
      scope: 'rejected',
      expectFiles: plan.files,
      expectBytes: plan.bytes,
    });
    expect(result).toEqual({ filesDeleted: 2, bytesFreed: plan.bytes, resultsMarked: 2 });
    const after = await jobsOf(batch.id);
    for (const job of after) {
      const rejected = job.flag === 'reject';
      expect(existsSync(job.outputPath!), `ordinal ${job.ordinal}`).toBe(!rejected);
      expect(job.hasOutput).toBe(!rejected);
      expect(job.outputDeletedAt !== null).toBe(rejected);
      expect(await service.resolveMedia({ kind: 'output', id: job.id })).toBe(
        rejected ? null : job.outputPath,
      );
    }
    expect(after).toHaveLength(8);
    expect((await value<BatchView>('batch:get', { batchId: batch.id })).ratings.deleted).toBe(2);
  });

  it('refuses a clean-up whose scope changed after the confirmation, then deletes the new plan only', async () => {
    const scope = 'rejected-and-unrated';
    const plan = await value<CleanupPlan>('ratings:cleanupPlan', { batchId: batch.id, scope });
    expect(plan.files).toBe(3);
    // The artist picks one of the unrated between the confirmation and the clean-up.
    await value('ratings:set', { jobIds: [byOrdinal(5).id], flag: 'pick' });
    const stale = await failure('ratings:cleanup', {
      batchId: batch.id,
      scope,
      expectFiles: plan.files,
      expectBytes: plan.bytes,
    });
    expect(stale.code).toBe('conflict');
    expect(existsSync(byOrdinal(6).outputPath!)).toBe(true);
    const now = await value<CleanupPlan>('ratings:cleanupPlan', { batchId: batch.id, scope });
    expect(now.files).toBe(2);
    await value('ratings:cleanup', { batchId: batch.id, scope, expectFiles: 2, expectBytes: now.bytes });
    expect(existsSync(byOrdinal(5).outputPath!)).toBe(true);
    expect(existsSync(byOrdinal(6).outputPath!)).toBe(false);
    expect(existsSync(byOrdinal(7).outputPath!)).toBe(false);
  });

  let rerunBatchId: string;

  it('never reuses a deleted output: a re-run generates those and reuses the kept ones', async () => {
    // Before it runs, the estimate prices the deleted outputs as jobs to pay, not as reused.
    const estimate = await value<{ ok: true; reused: number; jobsToPay: number }>('sweep:estimate', {
      spec: { inputs: { paths: inputs }, ...SPEC },
    });
    expect(estimate).toMatchObject({ ok: true, reused: 4, jobsToPay: 4 });
    const { batch: second, jobs: rerun } = await runBatch();
    rerunBatchId = second.id;
    // So does the estimate batch creation keeps on the batch (4 jobs to pay at the default $0.10).
    expect(second.ledger.estimatedUsd).toBeCloseTo(0.4, 6);
    expect(second.ledger.reused).toBe(4);
    const before = new Map(jobs.map((j) => [`${j.inputId === jobs[0]!.inputId}-${j.seed}-${j.style}`, j]));
    const deleted = new Set(
      (await jobsOf(batch.id)).filter((j) => j.outputDeletedAt !== null).map((j) => j.id),
    );
    expect(deleted.size).toBe(4);
    for (const job of rerun) {
      const old = before.get(`${job.inputId === rerun[0]!.inputId}-${job.seed}-${job.style}`)!;
      if (deleted.has(old.id))
        expect(job, `ordinal ${job.ordinal}`).toMatchObject({ state: 'completed', reusedFromJobId: null });
      else
        expect(job, `ordinal ${job.ordinal}`).toMatchObject({
          state: 'skipped_duplicate',
          reusedFromJobId: old.id,
        });
    }
  });

  it("deleting the re-run with its files keeps the thumbnails the first batch's results still show", async () => {
    const rerun = await jobsOf(rerunBatchId);
    const shared = rerun.filter((j) => j.state === 'skipped_duplicate');
    expect(shared.length).toBe(4);
    const firstThumbs = (await jobsOf(batch.id))
      .filter((j) => j.outputDeletedAt === null)
      .map((j) => service.resolveMedia({ kind: 'output-thumb', id: j.id }));
    const before = await Promise.all(firstThumbs);
    expect(before.every((p) => p !== null)).toBe(true);
    await value('batch:delete', { batchId: rerunBatchId, deleteFiles: true });
    for (const job of rerun) expect(existsSync(job.outputPath!), job.outputPath!).toBe(false);
    for (const file of before) expect(existsSync(file!), file!).toBe(true);
  });
});
