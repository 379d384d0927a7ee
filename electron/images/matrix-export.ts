/**
 * The X/Y plot artists know from other tools, as one PNG: a matrix table (shared/sweep's
 * `buildTable`, the same the matrix view draws) laid out with labelled header bands and the source
 * image in the corner, rendered with sharp into `<dataDir>/exports/<id>.png`. `layoutMatrix` is the
 * pure part (sizes, positions, what each tile shows); `renderMatrix` does the image I/O.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MatrixTable, TableJob } from '@shared/sweep';
import sharp from 'sharp';
import { writeFileAtomic } from './atomic-write';

/** A job the export can draw: a table job with its state and output file. */
export type ExportJob = TableJob & { state: string; outputPath: string | null };

/** One tile of the picture: a text label, or a job's output (its state printed when it has none). */
export type MatrixTile =
  | { kind: 'label'; text: string; left: number; top: number; width: number; height: number }
  | { kind: 'job'; job: ExportJob | null; left: number; top: number; size: number };

export interface MatrixLayout {
  width: number;
  height: number;
  /** Size of the header bands (and of the source image in the corner). */
  head: number;
  tiles: MatrixTile[];
}

/** Background and text colours of exported matrices and grids. */
export const BG = '#16171b';
export const FG = '#e6e7ea';

/** Where matrix exports are written; ids index files named `<id>.png`. */
export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** Places the header labels and one tile per cell, `cellSize` px square, rows = ys, columns = xs. */
export function layoutMatrix(table: MatrixTable<ExportJob>, cellSize: number): MatrixLayout {
  const head = Math.max(160, Math.round(cellSize * 0.75));
  const tiles: MatrixTile[] = [];
  table.xs.forEach((x, col) => {
    tiles.push({
      kind: 'label',
      text: x.label,
      left: head + col * cellSize,
      top: 0,
      width: cellSize,
      height: head,
    });
  });
  table.ys.forEach((y, row) => {
    const top = head + row * cellSize;
    tiles.push({ kind: 'label', text: y.label, left: 0, top, width: head, height: cellSize });
    table.xs.forEach((_, col) => {
      const job = table.cells[row]?.[col] ?? null;
      tiles.push({ kind: 'job', job, left: head + col * cellSize, top, size: cellSize });
    });
  });
  return { width: head + table.xs.length * cellSize, height: head + table.ys.length * cellSize, head, tiles };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A text tile (an SVG sharp rasterises): `text` centred on the background, clipped to fit. */
export function label(text: string, width: number, height: number, size = 15): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="${BG}"/>
<text x="50%" y="50%" fill="${FG}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" text-anchor="middle" dominant-baseline="middle">${escapeXml(clip(text, Math.floor(width / (size * 0.55))))}</text></svg>`;
  return Buffer.from(svg);
}

/** `file` fitted into a `size` square on the background as PNG; null when there is none or it is unreadable. */
export async function fitCell(file: string | null, size: number): Promise<Buffer | null> {
  if (!file) return null;
  try {
    return await sharp(file).resize(size, size, { fit: 'contain', background: BG }).png().toBuffer();
  } catch {
    return null;
  }
}

export interface RenderMatrixOptions {
  cellSize: number;
  /** The source image for the corner (the input's thumbnail or file); none leaves the corner blank. */
  sourceImage: string | null;
  /** Folder the PNG is written to (see `exportsDir`). */
  dir: string;
}

/** Renders the table and writes it atomically as `<dir>/<id>.png`; `id` is the export's media id. */
export async function renderMatrix(
  table: MatrixTable<ExportJob>,
  options: RenderMatrixOptions,
): Promise<{ id: number; path: string; width: number; height: number }> {
  const layout = layoutMatrix(table, options.cellSize);
  const layers: sharp.OverlayOptions[] = [];
  const source = await fitCell(options.sourceImage, layout.head);
  if (source) layers.push({ input: source, left: 0, top: 0 });
  for (const tile of layout.tiles) {
    if (tile.kind === 'label') {
      layers.push({ input: label(tile.text, tile.width, tile.height), left: tile.left, top: tile.top });
      continue;
    }
    const image = await fitCell(tile.job?.outputPath ?? null, tile.size);
    layers.push({
      input: image ?? label(tile.job ? tile.job.state : 'not run', tile.size, tile.size, 13),
      left: tile.left,
      top: tile.top,
    });
  }
  const png = await sharp({
    create: { width: layout.width, height: layout.height, channels: 3, background: BG },
  })
    .composite(layers)
    .png({ compressionLevel: 6 })
    .toBuffer();
  const id = Date.now();
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, `${id}.png`);
  await writeFileAtomic(path, png);
  return { id, path, width: layout.width, height: layout.height };
}
