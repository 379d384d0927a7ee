/**
 * Labelled grids per input (issue 12 §6): after a batch completes, `<batch>/grids/<input>__seed-by-style.png`
 * exists for every input; it is labelled (title band and header pixels are not background; its text
 * chunks name the axes and the labels in order); and each tile holds the output the on-screen matrix
 * shows in that cell (built as the matrix view builds it, with every other varied axis held at each of
 * its values in turn). On demand, other axes give another file; the setting turns the automatic
 * grids off.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView, GridsWritten, GridView, JobView } from '@shared/contract';
import { axisValues, buildTable, type MatrixTable, narrowJobs } from '@shared/sweep';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutGrid } from '../../../electron/images/grid-render';
import type { ExportJob } from '../../../electron/images/matrix-export';
import { readPngText } from '../../../electron/images/png-text';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { generateFixtures } from '../../fixtures/generate-fixtures';

let dir: string;
let service: StudioService;
let call: Dispatch;
let inputs: string[];
/** Batches a jobs:changed event has announced as completed. */
const completions = new Set<string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-grids-'));
  const fx = await generateFixtures(join(dir, 'fixtures'));
  inputs = [fx.sunset, fx.portrait];
  service = await startStudioService({
    shell: 'web',
    dataDir: join(dir, 'data'),
    backend: { apiKey: null, simulator: { latencyScale: 0.002 } },
    engine: { feedIntervalMs: 30, retryBaseDelayMs: 20 },
  });
  call = createDispatcher(service.handlers, (err) => console.error(err));
  service.on('jobs:changed', ({ batches }) => {
    for (const b of batches) if (b.state === 'completed') completions.add(b.id);
  });
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

async function runBatch(spec: object, name: string): Promise<{ batch: BatchView; jobs: JobView[] }> {
  const { batchId } = await value<{ batchId: string }>('batch:create', {
    spec: { inputs: { paths: inputs }, prompts: ['a lighthouse at dusk'], ...spec },
    outputDir: join(dir, 'out'),
    name,
  });
  const deadline = Date.now() + 60_000;
  let batch = await value<BatchView>('batch:get', { batchId });
  while (batch.state !== 'completed') {
    if (Date.now() > deadline) throw new Error(`batch still ${batch.state}`);
    await new Promise((r) => setTimeout(r, 40));
    batch = await value<BatchView>('batch:get', { batchId });
  }
  return { batch, jobs: (await value<{ rows: JobView[] }>('jobs:page', { batchId, limit: 1000 })).rows };
}

async function gridsOf(batchId: string, count: number): Promise<GridView[]> {
  await expect
    .poll(async () => (await value<GridView[]>('grids:list', { batchId })).length, { timeout: 60_000 })
    .toBe(count);
  return value<GridView[]>('grids:list', { batchId });
}

const BG = [0x16, 0x17, 0x1b];

/** Share of pixels in a region that differ from the background. */
async function inkIn(file: string, region: { left: number; top: number; width: number; height: number }) {
  const raw = await sharp(file).extract(region).removeAlpha().raw().toBuffer();
  let ink = 0;
  for (let i = 0; i < raw.length; i += 3)
    if (Math.abs(raw[i]! - BG[0]!) + Math.abs(raw[i + 1]! - BG[1]!) + Math.abs(raw[i + 2]! - BG[2]!) > 60)
      ink++;
  return ink / (raw.length / 3);
}

async function tileOf(file: string, size: number): Promise<Buffer> {
  return sharp(file)
    .resize(size, size, { fit: 'contain', background: '#16171b' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

const distance = (a: Buffer, b: Buffer) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

describe('labelled grids per input', () => {
  let batch: BatchView;
  let jobs: JobView[];
  let grids: GridView[];

  it('are written at batch end beside the outputs, one per input, named by input and axes', async () => {
    ({ batch, jobs } = await runBatch(
      { seeds: '100, 200', styles: ['GENERAL', 'ANIME'], imageWeights: [20, 80] },
      'Harbour studies',
    ));
    expect(batch.variedAxes).toEqual(['input', 'style', 'seed', 'imageWeight']);
    grids = await gridsOf(batch.id, 2);
    // The batch's folder is its name, slugged and unique ('Harbour studies' -> harbour-studies).
    expect(batch.folder).toBe('harbour-studies');
    const folder = join(dir, 'out', batch.folder!, 'grids');
    expect(grids.map((g) => g.path).sort()).toEqual(
      [
        join(folder, 'portrait-rings__seed-by-style.png'),
        join(folder, 'sunset-gradient__seed-by-style.png'),
      ].sort(),
    );
    // Beside the outputs: the batch's outputs live under the same batch folder.
    expect(jobs.every((j) => j.outputPath!.startsWith(join(dir, 'out', batch.folder!)))).toBe(true);
    for (const g of grids) {
      expect(existsSync(g.path)).toBe(true);
      expect(await service.resolveMedia(g.media)).toBe(g.path);
    }
  });

  it('are labelled: title and header bands carry text, the text chunks name the axes and labels', async () => {
    const grid = grids.find((g) => g.inputName === 'sunset-gradient')!;
    const meta = await sharp(grid.path).metadata();
    expect([meta.width, meta.height]).toEqual([grid.width, grid.height]);
    const text = readPngText(readFileSync(grid.path));
    expect(text['X axis']).toBe('Seed');
    expect(text['Y axis']).toBe('Style');
    expect(text.Title).toBe('Harbour studies - sunset-gradient');
    expect(text.Description).toBe('a lighthouse at dusk');
    const described = JSON.parse(text['sweep-grid']!);
    expect(described).toMatchObject({
      batchId: batch.id,
      xAxis: 'seed',
      yAxis: 'style',
      input: 'sunset-gradient.jpg',
    });
    expect(described.sections).toEqual([
      { held: 'weight 20', xs: ['seed 100', 'seed 200'], ys: ['GENERAL', 'ANIME'] },
      { held: 'weight 80', xs: ['seed 100', 'seed 200'], ys: ['GENERAL', 'ANIME'] },
    ]);
    const layout = layoutGrid({
      sections: described.sections.map(() => ({
        title: 'x',
        table: { xs: [{}, {}], ys: [{}, {}], cells: [] },
      })),
    });
    expect(
      await inkIn(grid.path, { left: 0, top: 0, width: grid.width, height: layout.titleHeight }),
    ).toBeGreaterThan(0.005);
    const block = layout.blocks[0]!;
    expect(block.band).not.toBeNull();
    expect(
      await inkIn(grid.path, {
        left: 0,
        top: block.band!.top,
        width: grid.width,
        height: block.band!.height,
      }),
    ).toBeGreaterThan(0.002);
    const xHeader = {
      left: block.matrix.head,
      top: block.top,
      width: 2 * layout.cellSize,
      height: block.matrix.head,
    };
    expect(await inkIn(grid.path, xHeader)).toBeGreaterThan(0.002);
  });

  it("hold in every tile the output the screen's matrix shows there, section by section", async () => {
    for (const grid of grids) {
      const inputId = grid.inputId;
      // The matrix view: seed across, style down, image weight held at each of its values in turn.
      const own = jobs.filter((j) => j.inputId === inputId);
      const screens: MatrixTable<JobView>[] = axisValues(own, 'imageWeight').map((w) =>
        buildTable(narrowJobs(jobs, inputId, { imageWeight: w.key }), 'seed', 'style'),
      );
      const layout = layoutGrid({
        sections: screens.map((table) => ({
          title: 'held',
          table: table as unknown as MatrixTable<ExportJob>,
        })),
      });
      const size = layout.cellSize;
      const tiles = new Map<number, Buffer>();
      for (const job of own) tiles.set(job.id, await tileOf(job.outputPath!, size));
      for (const [s, screen] of screens.entries()) {
        const block = layout.blocks[s]!;
        for (const [row, cells] of screen.cells.entries()) {
          for (const [col, job] of cells.entries()) {
            const region = {
              left: block.matrix.head + col * size,
              top: block.top + block.matrix.head + row * size,
              width: size,
              height: size,
            };
            const drawn = await sharp(grid.path).extract(region).removeAlpha().raw().toBuffer();
            const closest = [...tiles.entries()].sort(
              (a, b) => distance(drawn, a[1]) - distance(drawn, b[1]),
            )[0]!;
            expect(closest[0], `${grid.inputName} section ${s} cell ${row}/${col}`).toBe(job!.id);
            expect(distance(drawn, closest[1])).toBeLessThan(2);
          }
        }
      }
    }
  });

  it('are written on demand for other axes, and not at batch end when the setting is off', async () => {
    const written = await value<GridsWritten>('grids:write', {
      batchId: batch.id,
      xAxis: 'style',
      yAxis: 'imageWeight',
    });
    expect(written.problems).toEqual([]);
    expect(written.grids.map((g) => g.path.split('/').pop()).sort()).toEqual([
      'portrait-rings__style-by-imageWeight.png',
      'sunset-gradient__style-by-imageWeight.png',
    ]);
    expect((await value<GridView[]>('grids:list', { batchId: batch.id })).length).toBe(4);
    const bad = await call('grids:write', { batchId: batch.id, xAxis: 'seed', yAxis: 'seed' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');

    await value('settings:update', { gridAtBatchEnd: false });
    const off = await runBatch({ seeds: '300, 400', styles: ['GENERAL', 'ANIME'] }, 'No grids');
    // The setting counts when the completion is announced (the jobs:changed event), which may follow
    // the journal by a feed interval: turn it back on only after that.
    await expect.poll(() => completions.has(off.batch.id)).toBe(true);
    await value('settings:update', { gridAtBatchEnd: true });
    const on = await runBatch({ seeds: '500, 600', styles: ['GENERAL', 'ANIME'] }, 'Grids again');
    // Grids are written one batch at a time, in order: once the later batch has its grids, the
    // earlier one would have had its own.
    await gridsOf(on.batch.id, 2);
    expect(await value<GridView[]>('grids:list', { batchId: off.batch.id })).toEqual([]);
    expect(existsSync(join(dir, 'out', off.batch.folder!, 'grids'))).toBe(false);
  });

  it('go with their batch when it is deleted with its files', async () => {
    const paths = (await value<GridView[]>('grids:list', { batchId: batch.id })).map((g) => g.path);
    expect(paths.length).toBe(4);
    await value('batch:delete', { batchId: batch.id, deleteFiles: true });
    for (const file of paths) expect(existsSync(file), file).toBe(false);
  });
});
