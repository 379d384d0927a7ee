/**
 * The matrix PNG shows the cells the screen shows. A batch runs on the simulator; the on-screen table
 * is built from the contract's JobViews exactly as the matrix view does (shared/sweep's axisValues,
 * narrowJobs, buildTable, with every other varied axis held at its first value), and the same choice
 * goes to `matrix:export`. Each tile of the exported PNG is then compared with every output of the
 * input: the closest must be the job the screen put in that cell. Run for a palette-less batch and for
 * one holding "no palette" against a preset (where the two sides once keyed "no palette" differently).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView, JobView, MatrixExport, SweepAxisName } from '@shared/contract';
import { axisValues, buildTable, type FixedAxes, narrowJobs } from '@shared/sweep';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { generateFixtures } from '../../fixtures/generate-fixtures';

const CELL = 96;

let dir: string;
let service: StudioService;
let call: Dispatch;
let sunset: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-matrix-'));
  sunset = (await generateFixtures(join(dir, 'fixtures'))).sunset;
  service = await startStudioService({
    shell: 'web',
    dataDir: join(dir, 'data'),
    backend: { apiKey: null, simulator: { latencyScale: 0.002 } },
    engine: { feedIntervalMs: 50, retryBaseDelayMs: 20 },
  });
  call = createDispatcher(service.handlers, (err) => console.error(err));
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

async function runBatch(spec: Record<string, unknown>): Promise<{ batch: BatchView; jobs: JobView[] }> {
  const { batchId } = await value<{ batchId: string }>('batch:create', {
    spec: { inputs: { paths: [sunset] }, prompts: ['a lighthouse at dusk'], ...spec },
    outputDir: join(dir, 'out'),
  });
  const deadline = Date.now() + 60_000;
  let batch = await value<BatchView>('batch:get', { batchId });
  while (batch.state !== 'completed') {
    if (Date.now() > deadline) throw new Error(`batch still ${batch.state}`);
    await new Promise((r) => setTimeout(r, 50));
    batch = await value<BatchView>('batch:get', { batchId });
  }
  const page = await value<{ rows: JobView[] }>('jobs:page', { batchId, limit: 1000 });
  expect(page.rows.every((j) => j.state === 'completed')).toBe(true);
  return { batch, jobs: page.rows };
}

/** The output resized as the export draws a tile, as raw RGB. */
async function tile(file: string): Promise<Buffer> {
  return sharp(file)
    .resize(CELL, CELL, { fit: 'contain', background: '#16171b' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

const distance = (a: Buffer, b: Buffer) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

async function expectSameCells(
  batch: BatchView,
  jobs: JobView[],
  x: SweepAxisName,
  y: SweepAxisName,
  picked: FixedAxes,
) {
  const inputId = jobs[0]!.inputId;
  // What MatrixView does: every other varied axis held at the value picked, else its first value.
  const fixed: FixedAxes = {};
  for (const axis of batch.variedAxes.filter((a) => a !== 'input' && a !== x && a !== y))
    fixed[axis] = picked[axis] ?? axisValues(jobs, axis)[0]!.key;
  // Holding a later value matters: the lowest-ordinal job of each cell is then not the one shown.
  expect(Object.keys(fixed)).toEqual(Object.keys(picked));
  const screen = buildTable(narrowJobs(jobs, inputId, fixed), x, y);
  expect(screen.cells.flat().every((c) => c !== null)).toBe(true);

  const exported = await value<MatrixExport>('matrix:export', {
    batchId: batch.id,
    inputId,
    xAxis: x,
    yAxis: y,
    fixed,
    cellSize: CELL,
  });
  const head = exported.width - screen.xs.length * CELL;
  expect(exported.height).toBe(head + screen.ys.length * CELL);
  const tiles = new Map<number, Buffer>();
  for (const job of jobs) tiles.set(job.id, await tile(job.outputPath!));
  for (const [row, cells] of screen.cells.entries()) {
    for (const [col, job] of cells.entries()) {
      const region = { left: head + col * CELL, top: head + row * CELL, width: CELL, height: CELL };
      const drawn = await sharp(exported.path).extract(region).removeAlpha().raw().toBuffer();
      const closest = [...tiles.entries()].sort((a, b) => distance(drawn, a[1]) - distance(drawn, b[1]))[0]!;
      expect(closest[0], `cell ${screen.ys[row]!.label} / ${screen.xs[col]!.label}`).toBe(job!.id);
      expect(distance(drawn, closest[1])).toBeLessThan(2);
    }
  }
}

describe('matrix export and the on-screen matrix', () => {
  it('pick the same cells for a palette-less batch', async () => {
    const { batch, jobs } = await runBatch({
      seeds: '100, 200',
      styles: ['GENERAL', 'ANIME'],
      imageWeights: [20, 80],
    });
    expect(jobs.every((j) => j.palette === null)).toBe(true);
    expect(batch.variedAxes).toEqual(['style', 'seed', 'imageWeight']);
    await expectSameCells(batch, jobs, 'seed', 'style', { imageWeight: '80' });
  });

  it('pick the same cells with "no palette" held against a preset', async () => {
    const { batch, jobs } = await runBatch({
      seeds: '100, 200',
      styles: ['GENERAL', 'ANIME'],
      palettes: [{ name: 'EMBER' }, null],
    });
    expect(axisValues(jobs, 'palette')[1]).toEqual({ key: 'null', label: 'no palette' });
    await expectSameCells(batch, jobs, 'seed', 'style', { palette: 'null' });
  });
});
