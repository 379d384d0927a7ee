/**
 * The simulator's stand-in for Ideogram: turns the uploaded image and the request's parameters into a
 * deterministic PNG at exactly the requested resolution. The source is cover-resized, treated per
 * style (tone, contrast/sharpen, posterise, emboss, ink edges), hue-shifted and overlaid with a
 * pattern per seed, blended by image weight, tinted by the palette, and labelled with the prompt's
 * first words, the style and the seed — so a person looking at a sweep can see every axis at work.
 * Same inputs give identical bytes (no system fonts, no randomness, fixed encoder settings).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import {
  type IdeogramParams,
  resolutionSize,
  SEED_MAX,
  SEED_MIN,
  type StyleType,
} from '../../shared/catalogue';
import { drawText, GLYPH_ADVANCE, GLYPH_HEIGHT } from './bitmap-font';
import { ByteLru } from './byte-lru';
import { applyPalette, applyPattern, applyStyle } from './render-effects';

export interface RenderInput {
  /** Source image bytes (JPEG, PNG, WebP...). */
  source: Buffer;
  params: IdeogramParams;
  /** Seed to draw with; the request's own seed when it has one (see `effectiveSeed`). */
  seed: number;
}

/** The seed a request renders with: its own, or one derived from its fingerprint (the API picks one at random). */
export function effectiveSeed(params: IdeogramParams, fingerprint: string): number {
  if (params.seed !== undefined) return params.seed;
  const bits = Number.parseInt(fingerprint.slice(0, 8), 16);
  return SEED_MIN + (bits % (SEED_MAX - SEED_MIN + 1));
}

/** Seeded hue shift in degrees, -40..40: visible per seed while the source stays recognisable. */
function seedHue(seed: number): number {
  return ((Math.imul(seed, 2654435761) >>> 0) % 81) - 40;
}

/** Hue rotation combined with saturation and brightness as one 3x3 matrix (the CSS filter formulas). */
export function colourMatrix(hueDeg: number, saturation: number, brightness: number): number[][] {
  const a = Math.cos((hueDeg * Math.PI) / 180);
  const b = Math.sin((hueDeg * Math.PI) / 180);
  const hue = [
    [0.213 + a * 0.787 - b * 0.213, 0.715 - a * 0.715 - b * 0.715, 0.072 - a * 0.072 + b * 0.928],
    [0.213 - a * 0.213 + b * 0.143, 0.715 + a * 0.285 + b * 0.14, 0.072 - a * 0.072 - b * 0.283],
    [0.213 - a * 0.213 - b * 0.787, 0.715 - a * 0.715 + b * 0.715, 0.072 + a * 0.928 + b * 0.072],
  ];
  const s = saturation;
  const sat = [
    [0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s],
    [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s],
    [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s],
  ];
  return sat.map((row) =>
    [0, 1, 2].map((col) => brightness * row.reduce((sum, v, k) => sum + v * hue[k]![col]!, 0)),
  );
}

/** Saturation, brightness and 3x3 kernel of each style; tone curves and edges follow in JS. */
const STYLE_OPS: Record<StyleType, { saturation: number; brightness: number; kernel?: number[] }> = {
  GENERAL: { saturation: 1.1, brightness: 1.02 },
  REALISTIC: { saturation: 0.95, brightness: 1.05, kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  DESIGN: { saturation: 1.6, brightness: 1.05 },
  RENDER_3D: { saturation: 0.8, brightness: 1 },
  ANIME: { saturation: 1.9, brightness: 1.06 },
};

const RAW_BASE_BUDGET = 96 * 1024 * 1024;

/**
 * Renders outputs, keeping the cover-resized source per (source, resolution): a sweep renders the
 * same input at the same size for many seeds and styles, and the resize is the costliest step.
 */
export class Renderer {
  private bases = new ByteLru<Promise<Buffer>>(RAW_BASE_BUDGET);

  /** Renders the output image; resolves to PNG bytes. */
  async render(input: RenderInput): Promise<Buffer> {
    const { params, seed } = input;
    const { width, height } = resolutionSize(params.resolution);
    const base = await this.base(input.source, width, height);
    const ops = STYLE_OPS[params.style_type];
    let pipeline = sharp(base, { raw: { width, height, channels: 3 } }).recomb(
      colourMatrix(seedHue(seed), ops.saturation, ops.brightness) as sharp.Matrix3x3,
    );
    if (ops.kernel) pipeline = pipeline.convolve({ width: 3, height: 3, kernel: ops.kernel });
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || info.width !== width || info.height !== height) {
      throw new Error(`render: unexpected raw layout ${info.width}x${info.height}x${info.channels}`);
    }
    applyStyle(data, width, height, params.style_type);
    applyPattern(data, width, height, { seed, imageWeight: params.image_weight });
    if (params.color_palette) applyPalette(data, params.color_palette);
    drawLabel(data, width, height, params, seed);
    return sharp(data, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 2, adaptiveFiltering: false })
      .toBuffer();
  }

  clear(): void {
    this.bases.clear();
  }

  private base(source: Buffer, width: number, height: number): Promise<Buffer> {
    const key = `${createHash('sha1').update(source).digest('hex')}:${width}x${height}`;
    const cached = this.bases.get(key);
    if (cached) return cached;
    const pending = sharp(source)
      .rotate()
      .resize(width, height, { fit: 'cover', position: 'centre' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    this.bases.set(key, pending, width * height * 3);
    pending.catch(() => this.bases.delete(key));
    return pending;
  }
}

/** Renders one output without a shared cache (tests, one-off use). */
export function renderImage(input: RenderInput): Promise<Buffer> {
  return new Renderer().render(input);
}

/** First words of the prompt that fit in `maxChars`, upper-cased like the font draws them. */
export function promptHead(prompt: string, maxChars: number): string {
  let line = '';
  for (const word of prompt.trim().split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > maxChars) return line || word.slice(0, maxChars);
    line = next;
  }
  return line;
}

/** A dark band along the bottom with two lines: prompt head, then style / seed / weight / palette. */
function drawLabel(
  pixels: Buffer,
  width: number,
  height: number,
  params: IdeogramParams,
  seed: number,
): void {
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 256));
  const pad = 2 * scale;
  const lineHeight = GLYPH_HEIGHT * scale;
  const bandHeight = pad * 3 + lineHeight * 2;
  const top = height - bandHeight;
  for (let i = top * width * 3; i < pixels.length; i++) pixels[i] = pixels[i]! >> 2;
  const maxChars = Math.max(1, Math.floor((width - 2 * pad) / (GLYPH_ADVANCE * scale)));
  const palette = params.color_palette
    ? 'name' in params.color_palette
      ? ` · ${params.color_palette.name}`
      : ' · CUSTOM PALETTE'
    : '';
  const details = `${params.style_type} · SEED ${seed} · W${params.image_weight}${palette}`;
  const common = { pixels, width, height, x: pad, scale };
  drawText({ ...common, y: top + pad, text: promptHead(params.prompt, maxChars), color: [255, 255, 255] });
  drawText({
    ...common,
    y: top + pad * 2 + lineHeight,
    text: details.slice(0, maxChars),
    color: [255, 214, 102],
  });
}
