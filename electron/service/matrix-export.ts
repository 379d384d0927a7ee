/**
 * The X/Y plot artists know from other tools: one input's results laid out with one parameter across
 * and another down, labelled, with the source image in the corner, rendered in main with sharp into a
 * single PNG under `<dataDir>/exports/<id>.png`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolutionLabel } from '@shared/catalogue';
import type { MatrixExport, SweepAxisName } from '@shared/contract';
import { paletteLabel } from '@shared/sweep';
import sharp from 'sharp';
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';
import { writeFileAtomic } from '../images/atomic-write';
import { ServiceError } from './dispatcher';
import { exportsDir } from './media-resolver';

export interface MatrixRequest {
  batchId: string;
  inputId: number;
  promptIndex?: number;
  xAxis: SweepAxisName;
  yAxis: SweepAxisName;
  fixed: {
    resolution?: string;
    imageWeight?: number;
    magicPrompt?: string;
    negativePrompt?: string;
    style?: string;
    seed?: number;
    palette?: string;
  };
  cellSize: number;
}

const BG = '#16171b';
const FG = '#e6e7ea';

/** The value a job has on an axis: a key to group by and a label to print. */
export function axisValue(job: JobRow, axis: SweepAxisName): { key: string; label: string } {
  switch (axis) {
    case 'input':
      return { key: String(job.inputId), label: `input ${job.inputId}` };
    case 'prompt':
      return { key: String(job.promptIndex), label: job.prompt };
    case 'negative':
      return {
        key: job.negativePrompt,
        label: job.negativePrompt ? `not ${job.negativePrompt}` : 'no negative',
      };
    case 'style':
      return { key: job.style, label: job.style };
    case 'seed':
      return { key: String(job.seed), label: `seed ${job.seed}` };
    case 'resolution':
      return { key: job.resolution, label: resolutionLabel(job.resolution) };
    case 'imageWeight':
      return { key: String(job.imageWeight), label: `weight ${job.imageWeight}` };
    case 'magicPrompt':
      return { key: job.magicPrompt, label: `magic ${job.magicPrompt}` };
    case 'palette':
      return { key: JSON.stringify(job.palette), label: paletteLabel(job.palette) };
  }
}

function matchesFixed(job: JobRow, request: MatrixRequest): boolean {
  const f = request.fixed;
  return (
    (request.promptIndex === undefined || job.promptIndex === request.promptIndex) &&
    (f.resolution === undefined || job.resolution === f.resolution) &&
    (f.imageWeight === undefined || job.imageWeight === f.imageWeight) &&
    (f.magicPrompt === undefined || job.magicPrompt === f.magicPrompt) &&
    (f.negativePrompt === undefined || job.negativePrompt === f.negativePrompt) &&
    (f.style === undefined || job.style === f.style) &&
    (f.seed === undefined || job.seed === f.seed) &&
    (f.palette === undefined || JSON.stringify(job.palette) === f.palette)
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function label(text: string, width: number, height: number, size = 15): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="${BG}"/>
<text x="50%" y="50%" fill="${FG}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" text-anchor="middle" dominant-baseline="middle">${escapeXml(clip(text, Math.floor(width / (size * 0.55))))}</text></svg>`;
  return Buffer.from(svg);
}

async function fitCell(file: string | null, size: number): Promise<Buffer | null> {
  if (!file) return null;
  try {
    return await sharp(file).resize(size, size, { fit: 'contain', background: BG }).png().toBuffer();
  } catch {
    return null;
  }
}

/** Renders and writes the matrix; throws not_found when the input has no results on these axes. */
export async function exportMatrix(
  journal: Journal,
  dataDir: string,
  request: MatrixRequest,
): Promise<MatrixExport> {
  const jobs: JobRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = journal.jobs.page(request.batchId, { inputId: request.inputId, offset, limit: 1000 });
    jobs.push(...page.rows.filter((j) => matchesFixed(j, request)));
    if (offset + 1000 >= page.total) break;
  }
  const xs = new Map<string, string>();
  const ys = new Map<string, string>();
  const cells = new Map<string, JobRow>();
  for (const job of jobs) {
    const x = axisValue(job, request.xAxis);
    const y = axisValue(job, request.yAxis);
    if (!xs.has(x.key)) xs.set(x.key, x.label);
    if (!ys.has(y.key)) ys.set(y.key, y.label);
    const cellKey = `${x.key}\u0000${y.key}`;
    if (!cells.has(cellKey) && job.outputPath) cells.set(cellKey, job);
  }
  if (xs.size === 0 || ys.size === 0)
    throw new ServiceError('not_found', 'no jobs of this input match the chosen axes');

  const cell = request.cellSize;
  const head = Math.max(160, Math.round(cell * 0.75));
  const width = head + xs.size * cell;
  const height = head + ys.size * cell;
  const input = journal.inputs.get(request.inputId);
  const layers: sharp.OverlayOptions[] = [];
  const source = await fitCell(input?.thumbnailPath ?? input?.path ?? null, head);
  if (source) layers.push({ input: source, left: 0, top: 0 });
  [...xs.values()].forEach((text, i) => {
    layers.push({ input: label(text, cell, head), left: head + i * cell, top: 0 });
  });
  const yKeys = [...ys.keys()];
  const xKeys = [...xs.keys()];
  for (const [row, yKey] of yKeys.entries()) {
    layers.push({ input: label(ys.get(yKey)!, head, cell), left: 0, top: head + row * cell });
    for (const [col, xKey] of xKeys.entries()) {
      const job = cells.get(`${xKey}\u0000${yKey}`);
      const image = await fitCell(job?.outputPath ?? null, cell);
      layers.push({
        input: image ?? label(job ? job.state : 'not run', cell, cell, 13),
        left: head + col * cell,
        top: head + row * cell,
      });
    }
  }
  const png = await sharp({ create: { width, height, channels: 3, background: BG } })
    .composite(layers)
    .png({ compressionLevel: 6 })
    .toBuffer();
  const id = Date.now();
  const dir = exportsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.png`);
  await writeFileAtomic(path, png);
  return { media: { kind: 'export', id }, path, width, height };
}
