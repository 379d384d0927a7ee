/**
 * Pixel passes of the simulator's renderer over raw interleaved RGB buffers: per-style tone and
 * edge treatments, the seeded geometric pattern blended in by image weight, and the palette tint.
 * Everything is integer/float arithmetic on plain buffers, so the output is identical everywhere.
 */
import { type ColorPalette, PRESET_COLORS, type StyleType } from '@shared/catalogue';

export type Rgb = readonly [number, number, number];

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
const luma = (r: number, g: number, b: number): number => (r * 77 + g * 150 + b * 29) >> 8;

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A colour from hue (degrees), saturation and value in 0..1. */
export function hsvToRgb(hue: number, s: number, v: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = v * s;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] =
    h < 1
      ? [c, x, 0]
      : h < 2
        ? [x, c, 0]
        : h < 3
          ? [0, c, x]
          : h < 4
            ? [0, x, c]
            : h < 5
              ? [x, 0, c]
              : [c, 0, x];
  const m = v - c;
  return [clamp8((r + m) * 255), clamp8((g + m) * 255), clamp8((b + m) * 255)];
}

function lut(fn: (v: number) => number): Uint8Array {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = clamp8(fn(v));
  return table;
}

const posterize = (levels: number) => (v: number) =>
  Math.round((v / 255) * (levels - 1)) * (255 / (levels - 1));

const contrast = (k: number) => (v: number) => (v - 128) * k + 128;

/** Per-channel tone curves of each style (the sharp pipeline already did hue, saturation, sharpen, emboss). */
const STYLE_LUTS: Record<StyleType, readonly [Uint8Array, Uint8Array, Uint8Array]> = {
  GENERAL: [lut((v) => v * 1.04 + 6), lut((v) => v * 1.01 + 2), lut((v) => v * 0.94)],
  REALISTIC: [lut(contrast(1.3)), lut(contrast(1.3)), lut(contrast(1.3))],
  DESIGN: [lut(posterize(3)), lut(posterize(3)), lut(posterize(3))],
  RENDER_3D: [lut((v) => v * 0.9), lut((v) => v * 0.97 + 6), lut((v) => v * 1.05 + 20)],
  ANIME: [lut(posterize(4)), lut(posterize(4)), lut(posterize(4))],
};

/** Applies the style's tone curves, plus ink outlines (ANIME), bevel lighting (RENDER_3D) or a vignette (REALISTIC). */
export function applyStyle(pixels: Buffer, width: number, height: number, style: StyleType): void {
  const edges = style === 'ANIME' ? sobelMask(pixels, width, height, 110) : null;
  if (style === 'RENDER_3D') bevel(pixels, width, height);
  const [lr, lg, lb] = STYLE_LUTS[style];
  for (let p = 0, i = 0; p < width * height; p++, i += 3) {
    if (edges?.[p]) {
      pixels[i] = 24;
      pixels[i + 1] = 16;
      pixels[i + 2] = 36;
      continue;
    }
    pixels[i] = lr[pixels[i]!]!;
    pixels[i + 1] = lg[pixels[i + 1]!]!;
    pixels[i + 2] = lb[pixels[i + 2]!]!;
  }
  if (style === 'REALISTIC') vignette(pixels, width, height);
}

/** Lights every surface from the top left: brightness follows the luminance slope, like an emboss. */
function bevel(pixels: Buffer, width: number, height: number): void {
  const lum = luminance(pixels, width * height);
  const d = Math.max(1, Math.round(Math.min(width, height) / 400));
  for (let y = d; y < height - d; y++) {
    for (let x = d; x < width - d; x++) {
      const p = y * width + x;
      const light = (lum[p - d * width - d]! - lum[p + d * width + d]!) * 1.6;
      const i = p * 3;
      pixels[i] = clamp8(pixels[i]! + light);
      pixels[i + 1] = clamp8(pixels[i + 1]! + light);
      pixels[i + 2] = clamp8(pixels[i + 2]! + light);
    }
  }
}

/** Darkens toward the corners like a camera lens. */
function vignette(pixels: Buffer, width: number, height: number): void {
  const cx = width / 2;
  const cy = height / 2;
  const norm = 1 / (cx * cx + cy * cy);
  for (let y = 0; y < height; y++) {
    const dy = (y - cy) ** 2;
    for (let x = 0; x < width; x++) {
      const k = 1 - 0.55 * ((x - cx) ** 2 + dy) * norm;
      const i = (y * width + x) * 3;
      pixels[i] = pixels[i]! * k;
      pixels[i + 1] = pixels[i + 1]! * k;
      pixels[i + 2] = pixels[i + 2]! * k;
    }
  }
}

function luminance(pixels: Buffer, count: number): Uint8Array {
  const lum = new Uint8Array(count);
  for (let p = 0, i = 0; p < count; p++, i += 3) lum[p] = luma(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!);
  return lum;
}

/** 1 where the luminance gradient (|gx| + |gy|) exceeds `threshold`. */
function sobelMask(pixels: Buffer, width: number, height: number, threshold: number): Uint8Array {
  const lum = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < lum.length; p++, i += 3)
    lum[p] = luma(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!);
  const mask = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const p = row + x;
      const tl = lum[p - width - 1]!;
      const tr = lum[p - width + 1]!;
      const bl = lum[p + width - 1]!;
      const br = lum[p + width + 1]!;
      const gx = tr + 2 * lum[p + 1]! + br - tl - 2 * lum[p - 1]! - bl;
      const gy = bl + 2 * lum[p + width]! + br - tl - 2 * lum[p - width]! - tr;
      if (Math.abs(gx) + Math.abs(gy) > threshold) mask[p] = 1;
    }
  }
  return mask;
}

export interface PatternInput {
  seed: number;
  /** Image weight 1..100: 100 keeps the source nearly untouched, 1 is nearly all pattern. */
  imageWeight: number;
}

/** Blends a seeded geometric pattern (stripes, rings or diamonds in two seeded colours) into the image. */
export function applyPattern(pixels: Buffer, width: number, height: number, input: PatternInput): void {
  const { seed } = input;
  // Quadratic: mid weights keep the source (and the style) readable, low weights hand over to the pattern.
  const alpha = 0.08 + 0.87 * ((100 - input.imageWeight) / 99) ** 2;
  const kind = seed % 3;
  const hue = (seed * 137.508) % 360;
  const c1 = hsvToRgb(hue, 0.75, 0.95);
  const c2 = hsvToRgb(hue + 150, 0.6, 0.35);
  const unit = Math.min(width, height) / 1024;
  const period = (28 + (seed % 61)) * unit;
  const angle = ((seed * 0.7919) % Math.PI) - Math.PI / 2;
  const cos = Math.cos(angle) / period;
  const sin = Math.sin(angle) / period;
  const cx = width * (0.2 + 0.6 * ((seed % 97) / 96));
  const cy = height * (0.2 + 0.6 * ((seed % 89) / 88));
  const keep = 1 - alpha;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let phase: number;
      if (kind === 0) phase = x * cos + y * sin;
      else if (kind === 1) phase = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) / period;
      else phase = (Math.abs(x - cx) + Math.abs(y - cy)) / period;
      // Triangle wave 0..1..0 keeps the pattern soft instead of aliased hard edges.
      const f = phase - Math.floor(phase);
      const t = f < 0.5 ? f * 2 : 2 - f * 2;
      const i = (y * width + x) * 3;
      pixels[i] = pixels[i]! * keep + (c1[0] + (c2[0] - c1[0]) * t) * alpha;
      pixels[i + 1] = pixels[i + 1]! * keep + (c1[1] + (c2[1] - c1[1]) * t) * alpha;
      pixels[i + 2] = pixels[i + 2]! * keep + (c1[2] + (c2[2] - c1[2]) * t) * alpha;
    }
  }
}

/** Maps each pixel's luminance onto the palette's colour ramp and tints toward it. */
export function applyPalette(pixels: Buffer, palette: ColorPalette): void {
  const stops =
    'name' in palette
      ? PRESET_COLORS[palette.name].map(hexToRgb)
      : [...palette.members]
          .map((m) => hexToRgb(m.color_hex))
          .sort((a, b) => luma(a[0], a[1], a[2]) - luma(b[0], b[1], b[2]));
  const strength =
    'name' in palette ? 0.4 : 0.25 + 0.3 * Math.max(...palette.members.map((m) => m.color_weight));
  const ramp = new Float32Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const pos = stops.length === 1 ? 0 : (v / 255) * (stops.length - 1);
    const lo = stops[Math.floor(pos)]!;
    const hi = stops[Math.min(stops.length - 1, Math.floor(pos) + 1)]!;
    const f = pos - Math.floor(pos);
    for (let c = 0; c < 3; c++) ramp[v * 3 + c] = (lo[c]! + (hi[c]! - lo[c]!) * f) * strength;
  }
  const keep = 1 - strength;
  for (let i = 0; i < pixels.length; i += 3) {
    const l = luma(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) * 3;
    pixels[i] = pixels[i]! * keep + ramp[l]!;
    pixels[i + 1] = pixels[i + 1]! * keep + ramp[l + 1]!;
    pixels[i + 2] = pixels[i + 2]! * keep + ramp[l + 2]!;
  }
}

/**
 * Multiplies every pixel by a 3x3 colour matrix (hue, saturation, brightness; see `colourMatrix`).
 * Each product is a 16.16 fixed-point table lookup (the first table carries the rounding half), so the
 * pass is integer-only and exact everywhere.
 */
export function applyColourMatrix(pixels: Buffer, m: readonly (readonly number[])[]): void {
  const table = (row: number, col: number): Int32Array => {
    const t = new Int32Array(256);
    const factor = m[row]![col]! * 65536;
    for (let v = 0; v < 256; v++) t[v] = Math.round(v * factor + (col === 0 ? 32768 : 0));
    return t;
  };
  const [rr, rg, rb] = [table(0, 0), table(0, 1), table(0, 2)];
  const [gr, gg, gb] = [table(1, 0), table(1, 1), table(1, 2)];
  const [br, bg, bb] = [table(2, 0), table(2, 1), table(2, 2)];
  // A clamped view of the same memory: out-of-range results saturate at 0 / 255.
  const out = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    out[i] = (rr[r]! + rg[g]! + rb[b]!) >> 16;
    out[i + 1] = (gr[r]! + gg[g]! + gb[b]!) >> 16;
    out[i + 2] = (br[r]! + bg[g]! + bb[b]!) >> 16;
  }
}

/** Sharpens with the 3x3 kernel [0,-1,0,-1,5,-1,0,-1,0]; the one-pixel border is left as it is. */
export function sharpen(pixels: Buffer, width: number, height: number): void {
  const src = Buffer.from(pixels);
  const stride = width * 3;
  for (let y = 1; y < height - 1; y++) {
    for (let i = y * stride + 3, end = (y + 1) * stride - 3; i < end; i++) {
      pixels[i] = clamp8(5 * src[i]! - src[i - 3]! - src[i + 3]! - src[i - stride]! - src[i + stride]!);
    }
  }
}
