/**
 * The simulator's stand-in for Ideogram: turns the uploaded image and the request's parameters into a
 * deterministic PNG at exactly the requested resolution. The source is cover-resized to a small
 * internal image, treated per style (tone, contrast/sharpen, posterise, emboss, ink edges),
 * hue-shifted and overlaid with a pattern per seed, blended by image weight, marked by the prompt
 * (tint and shape), tinted by the palette, enlarged to the requested size, and labelled at full
 * resolution with the prompt's first words, the style and the seed — so a person looking at a sweep
 * can see every axis at work. Same inputs give identical bytes (no system fonts, no randomness, fixed
 * encoder settings).
 */
import { createHash } from 'node:crypto';
import { type IdeogramParams, resolutionSize, SEED_MAX, SEED_MIN, type StyleType } from '@shared/catalogue';
import sharp from 'sharp';
import { drawText, GLYPH_ADVANCE, GLYPH_HEIGHT } from './bitmap-font';
import { ByteLru } from './byte-lru';
import { applyColourMatrix, applyPalette, applyPattern, applyStyle, sharpen } from './render-effects';
import { encodeRgbPng } from './render-png';
import { applyPromptMark } from './render-prompt';
import { scanlineBytes, upscaledScanlines, upscaleRows } from './render-upscale';

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

/** Saturation and brightness of each style, and whether it sharpens; tone curves and edges follow. */
const STYLE_OPS: Record<StyleType, { saturation: number; brightness: number; sharpen?: true }> = {
  GENERAL: { saturation: 1.1, brightness: 1.02 },
  REALISTIC: { saturation: 0.95, brightness: 1.05, sharpen: true },
  DESIGN: { saturation: 1.6, brightness: 1.05 },
  RENDER_3D: { saturation: 0.8, brightness: 1 },
  ANIME: { saturation: 1.9, brightness: 1.06 },
};

/**
 * Long side of the internal image the effects run on. Styling 1024 x 1024 pixels in JS cost ~60 ms of
 * CPU per output; at 256 px it is ~15x less, and the upscaled result still shows every axis plainly.
 */
export const INTERNAL_LONG_SIDE = 256;

/** Size of the internal image for an output size: same aspect, long side `INTERNAL_LONG_SIDE` (never larger). */
export function internalSize(width: number, height: number): { width: number; height: number } {
  const k = Math.min(1, INTERNAL_LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

const RAW_BASE_BUDGET = 32 * 1024 * 1024;
/** Scanline buffers kept for reuse: enough for the renders a busy simulator runs at once. */
const MAX_SPARES = 4;

/**
 * Renders outputs, keeping the cover-resized source per (source, internal size): a sweep renders the
 * same input at the same size for many seeds and styles, and the resize is the costliest step.
 */
export class Renderer {
  private bases = new ByteLru<Promise<Buffer>>(RAW_BASE_BUDGET);
  /** Source hashes by buffer: the simulator hands the same cached buffer for every job of an input. */
  private hashes = new WeakMap<Buffer, string>();
  /** Scanline buffers of finished renders, reused by the next ones (any size; a few at most). */
  private spares: Buffer[] = [];

  /** Renders the output image; resolves to PNG bytes. */
  async render(input: RenderInput): Promise<Buffer> {
    const { params, seed } = input;
    const { width, height } = resolutionSize(params.resolution);
    const small = internalSize(width, height);
    const pixels = Buffer.from(await this.base(input.source, small.width, small.height));
    const ops = STYLE_OPS[params.style_type];
    applyColourMatrix(pixels, colourMatrix(seedHue(seed), ops.saturation, ops.brightness));
    if (ops.sharpen) sharpen(pixels, small.width, small.height);
    applyStyle(pixels, small.width, small.height, params.style_type);
    applyPattern(pixels, small.width, small.height, { seed, imageWeight: params.image_weight });
    applyPromptMark(pixels, small.width, small.height, params.prompt);
    if (params.color_palette) applyPalette(pixels, params.color_palette);
    // Only the label band is built at full resolution; the rest goes straight to filtered scanlines.
    const size = { sw: small.width, sh: small.height, dw: width, dh: height };
    const scale = labelScale(width, height);
    const bandTop = height - Math.min(height, labelBandHeight(scale));
    const band = upscaleRows(pixels, size, bandTop, height);
    drawLabel({ band, width, bandHeight: height - bandTop, scale }, params, seed);
    const scanlines = upscaledScanlines(
      { src: pixels, ...size, band, bandTop },
      this.takeSpare(width, height),
    );
    try {
      return encodeRgbPng(width, height, scanlines);
    } finally {
      if (this.spares.length < MAX_SPARES) this.spares.push(scanlines);
    }
  }

  /** A scanline buffer of the right size from earlier renders: fresh 3 MB buffers cost page faults and GC. */
  private takeSpare(width: number, height: number): Buffer | undefined {
    const bytes = scanlineBytes(width, height);
    const at = this.spares.findIndex((b) => b.length === bytes);
    return at < 0 ? undefined : this.spares.splice(at, 1)[0];
  }

  clear(): void {
    this.bases.clear();
    this.spares = [];
  }

  private base(source: Buffer, width: number, height: number): Promise<Buffer> {
    let hash = this.hashes.get(source);
    if (!hash) {
      hash = createHash('sha1').update(source).digest('hex');
      this.hashes.set(source, hash);
    }
    const key = `${hash}:${width}x${height}`;
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

/** Glyph scale of the label: one font pixel per 256 px of the short side. */
const labelScale = (width: number, height: number): number =>
  Math.max(1, Math.floor(Math.min(width, height) / 256));

/** Height of the label band at a glyph scale: two text lines and three paddings. */
const labelBandHeight = (scale: number): number => 2 * scale * 3 + GLYPH_HEIGHT * scale * 2;

/**
 * Darkens the band (the output's bottom rows at full resolution, `bandHeight` high) and writes two
 * lines on it: prompt head, then style / seed / weight / palette.
 */
function drawLabel(
  target: { band: Buffer; width: number; bandHeight: number; scale: number },
  params: IdeogramParams,
  seed: number,
): void {
  const { band, width, bandHeight, scale } = target;
  const pad = 2 * scale;
  const lineHeight = GLYPH_HEIGHT * scale;
  for (let i = 0; i < band.length; i++) band[i] = band[i]! >> 2;
  const maxChars = Math.max(1, Math.floor((width - 2 * pad) / (GLYPH_ADVANCE * scale)));
  const palette = params.color_palette
    ? 'name' in params.color_palette
      ? ` · ${params.color_palette.name}`
      : ' · CUSTOM PALETTE'
    : '';
  const details = `${params.style_type} · SEED ${seed} · W${params.image_weight}${palette}`;
  const common = { pixels: band, width, height: bandHeight, x: pad, scale };
  drawText({ ...common, y: pad, text: promptHead(params.prompt, maxChars), color: [255, 255, 255] });
  drawText({ ...common, y: pad * 2 + lineHeight, text: details.slice(0, maxChars), color: [255, 214, 102] });
}
