/**
 * The labelled grid PNG of one input (issue 12 §6): a title band (batch name, input, prompt, which axis
 * runs where), then one block per section of shared/sweep's `gridSections` — a band naming the values
 * held on the other axes and the section's matrix laid out as `layoutMatrix` lays out the matrix
 * export (source image in the corner, X labels across, Y labels down, a tile per cell). The PNG carries
 * its description as text chunks (axes, labels in order, batch, input, prompt), so a reader knows what
 * it shows without looking. `layoutGrid` is the pure part; `renderGrid` does the image I/O.
 */
import type { MatrixTable } from '@shared/sweep';
import sharp from 'sharp';
import { writeFileAtomic } from './atomic-write';
import { BG, type ExportJob, FG, fitCell, label, layoutMatrix, type MatrixLayout } from './matrix-export';
import { insertPngText } from './png-text';

export interface GridPictureSection {
  /** The held values, e.g. `weight 80 · magic ON`; '' when nothing is held. */
  title: string;
  table: MatrixTable<ExportJob>;
}

export interface GridPicture {
  batchName: string;
  inputName: string;
  /** The prompt (or prompts) of the input's jobs, for the title band. */
  prompt: string;
  /** Axis titles as people read them, e.g. 'Seed', 'Style'. */
  xTitle: string;
  yTitle: string;
  sections: GridPictureSection[];
  /** The input's thumbnail or file for each section's corner; null leaves the corners blank. */
  sourceImage: string | null;
  /** Extra PNG text chunks (keyword -> text) describing the grid. */
  text: Record<string, string>;
}

export interface GridLayout {
  width: number;
  height: number;
  cellSize: number;
  /** Height of the title band at the top. */
  titleHeight: number;
  blocks: {
    /** The section's band (absent when the grid has one section holding nothing). */
    band: { text: string; top: number; height: number } | null;
    /** Where the section's matrix starts. */
    top: number;
    matrix: MatrixLayout;
  }[];
}

const TITLE_HEIGHT = 104;
const BAND_HEIGHT = 40;
/** Widest grid before cells shrink, px. */
const TARGET_WIDTH = 8192;
const MIN_CELL = 64;
const MAX_CELL = 256;
/** Most pixels one grid may have (about 400 MB of RGB while composing). */
export const MAX_GRID_PIXELS = 120_000_000;

/** Thrown when even the smallest cells would make a picture too large to compose. */
export class GridTooLargeError extends Error {
  override readonly name = 'GridTooLargeError';
}

/**
 * Lays out `picture`: cells as large as fit `TARGET_WIDTH` (64-256 px), sections stacked top to bottom.
 * @throws GridTooLargeError above MAX_GRID_PIXELS.
 */
export function layoutGrid(picture: Pick<GridPicture, 'sections'>, cellSize = MAX_CELL): GridLayout {
  const columns = Math.max(1, ...picture.sections.map((s) => s.table.xs.length));
  const probe = layoutMatrix({ xs: [], ys: [], cells: [] }, cellSize).head;
  const fitted = Math.max(MIN_CELL, Math.min(cellSize, Math.floor((TARGET_WIDTH - probe) / columns)));
  const banded = picture.sections.length > 1 || (picture.sections[0]?.title ?? '') !== '';
  let top = TITLE_HEIGHT;
  let width = 0;
  const blocks: GridLayout['blocks'] = [];
  for (const section of picture.sections) {
    const band = banded ? { text: section.title, top, height: BAND_HEIGHT } : null;
    if (band) top += BAND_HEIGHT;
    const matrix = layoutMatrix(section.table, fitted);
    blocks.push({ band, top, matrix });
    top += matrix.height;
    width = Math.max(width, matrix.width);
  }
  const layout = {
    width: Math.max(width, 640),
    height: top,
    cellSize: fitted,
    titleHeight: TITLE_HEIGHT,
    blocks,
  };
  if (layout.width * layout.height > MAX_GRID_PIXELS) {
    throw new GridTooLargeError(
      `a grid of ${layout.width}×${layout.height} px is too large for one PNG; pick other axes`,
    );
  }
  return layout;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Left-aligned lines on the background: the first large, the rest smaller and dimmer. */
function textBand(lines: string[], width: number, height: number): Buffer {
  const perLine = Math.floor(width / 8.5);
  const rows = lines.map((line, i) => {
    const size = i === 0 ? 22 : 15;
    const y = i === 0 ? 32 : 32 + 24 * i;
    const fill = i === 0 ? FG : '#a9acb4';
    return `<text x="16" y="${y}" fill="${fill}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}">${escapeXml(clip(line, perLine))}</text>`;
  });
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${BG}"/>${rows.join('')}</svg>`,
  );
}

/** Renders `picture` and writes it atomically to `target`; returns its size in px. */
export async function renderGrid(
  picture: GridPicture,
  target: string,
): Promise<{ width: number; height: number }> {
  const layout = layoutGrid(picture);
  const layers: sharp.OverlayOptions[] = [
    {
      input: textBand(
        [
          `${picture.batchName} — ${picture.inputName}`,
          picture.prompt,
          `X: ${picture.xTitle} →   Y: ${picture.yTitle} ↓`,
        ],
        layout.width,
        layout.titleHeight,
      ),
      left: 0,
      top: 0,
    },
  ];
  const source = await fitCell(picture.sourceImage, layout.blocks[0]?.matrix.head ?? MIN_CELL);
  for (const block of layout.blocks) {
    if (block.band)
      layers.push({
        input: label(block.band.text, layout.width, block.band.height),
        left: 0,
        top: block.band.top,
      });
    if (source) layers.push({ input: source, left: 0, top: block.top });
    for (const tile of block.matrix.tiles) {
      if (tile.kind === 'label') {
        layers.push({
          input: label(tile.text, tile.width, tile.height),
          left: tile.left,
          top: block.top + tile.top,
        });
        continue;
      }
      const image = await fitCell(tile.job?.outputPath ?? null, tile.size);
      layers.push({
        input: image ?? label(tile.job ? tile.job.state : 'not run', tile.size, tile.size, 13),
        left: tile.left,
        top: block.top + tile.top,
      });
    }
  }
  const png = await sharp({
    create: { width: layout.width, height: layout.height, channels: 3, background: BG },
  })
    .composite(layers)
    .png({ compressionLevel: 6 })
    .toBuffer();
  await writeFileAtomic(target, insertPngText(png, picture.text));
  return { width: layout.width, height: layout.height };
}
