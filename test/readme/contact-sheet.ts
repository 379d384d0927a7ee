/**
 * Builds the README's contact sheet from the example's outputs for one input: one row per style x
 * prompt, one column per seed, the input itself on the left, labels drawn with the simulator's bitmap
 * font (no system fonts, so the sheet looks the same on every machine). Thumbnails keep it well under
 * 1 MB.
 */
import sharp from 'sharp';
import { drawText, GLYPH_ADVANCE, GLYPH_HEIGHT } from '../../electron/simulator/bitmap-font';
import type { ExampleOutput } from './run-readme-example';

export interface ContactSheetOptions {
  /** The example's outputs (all inputs; only `input`'s are used). */
  outputs: ExampleOutput[];
  input: string;
  /** The input image file, shown in the first column. */
  inputPath: string;
  /** Thumbnail side in px. Default 192. */
  thumb?: number;
  /** Row order: styles first, then prompts, in these orders. Default: alphabetical. */
  styleOrder?: string[];
  promptOrder?: string[];
}

const GAP = 6;
const SCALE = 2;
const HEADER = GLYPH_HEIGHT * SCALE + 2 * GAP;
const BACKGROUND = { r: 24, g: 24, b: 28 };
const TEXT: [number, number, number] = [235, 235, 235];
const ACCENT: [number, number, number] = [255, 214, 102];

const unique = <T>(values: T[]) => [...new Set(values)];

/** Sorts by position in `order` (unknown values last), then alphabetically. */
function byOrder(order: string[] = []) {
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  return (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
}

async function tile(path: string, side: number): Promise<Buffer> {
  return sharp(path).resize(side, side, { fit: 'cover' }).removeAlpha().png().toBuffer();
}

/** Renders the sheet and returns PNG bytes; rows and columns are listed in `layout`. */
export async function buildContactSheet(options: ContactSheetOptions): Promise<{
  png: Buffer;
  layout: { rows: { style: string; prompt: string }[]; seeds: number[] };
}> {
  const side = options.thumb ?? 192;
  const mine = options.outputs.filter((o) => o.input === options.input);
  const seeds = unique(mine.map((o) => o.seed)).sort((a, b) => a - b);
  const styles = unique(mine.map((o) => o.style)).sort(byOrder(options.styleOrder));
  const prompts = unique(mine.map((o) => o.prompt)).sort(byOrder(options.promptOrder));
  const rows = styles.flatMap((style) => prompts.map((prompt) => ({ style, prompt })));
  const labelWidth =
    Math.max(...rows.map((r) => Math.max(r.style.length, r.prompt.length))) * GLYPH_ADVANCE * SCALE + 2 * GAP;
  const cell = side + GAP;
  const width = labelWidth + cell * (seeds.length + 1) + GAP;
  const height = HEADER + cell * rows.length + GAP;
  const x0 = labelWidth + cell; // first seed column (the input's column comes before it)

  const composites: sharp.OverlayOptions[] = [
    { input: await tile(options.inputPath, side), left: labelWidth, top: HEADER },
  ];
  for (const [r, row] of rows.entries()) {
    for (const [c, seed] of seeds.entries()) {
      const output = mine.find((o) => o.style === row.style && o.prompt === row.prompt && o.seed === seed);
      if (!output) throw new Error(`no output for ${row.style} / ${row.prompt} / seed ${seed}`);
      composites.push({ input: await tile(output.path, side), left: x0 + c * cell, top: HEADER + r * cell });
    }
  }
  const base = await sharp({ create: { width, height, channels: 3, background: BACKGROUND } })
    .composite(composites)
    .removeAlpha()
    .raw()
    .toBuffer();
  if (base.length !== width * height * 3) throw new Error('contact sheet: unexpected raw layout');
  const text = (t: string, x: number, y: number, color = TEXT) =>
    drawText({ pixels: base, width, height, text: t, x, y, scale: SCALE, color });
  text('INPUT', labelWidth, GAP);
  for (const [c, seed] of seeds.entries()) text(`SEED ${seed}`, x0 + c * cell, GAP, ACCENT);
  for (const [r, row] of rows.entries()) {
    const y = HEADER + r * cell + side / 2 - GLYPH_HEIGHT * SCALE;
    text(row.style, GAP, y, ACCENT);
    text(row.prompt, GAP, y + GLYPH_HEIGHT * SCALE + GAP);
  }
  const png = await sharp(base, { raw: { width, height, channels: 3 } })
    .png({ palette: true, quality: 90, compressionLevel: 9 })
    .toBuffer();
  return { png, layout: { rows, seeds } };
}
