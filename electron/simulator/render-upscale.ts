/**
 * Nearest-neighbour enlargement for the simulator's renderer, which styles a small internal image and
 * delivers it at the requested resolution. Two forms: `upscaleRows` builds full-resolution raw RGB rows
 * (the label band, which is drawn at full size), and `upscaledScanlines` builds the PNG scanlines of the
 * enlargement directly, already filtered: a repeated row is PNG filter Up (all zeros) and a new row is
 * filter Sub (zero except where the source pixel changes). That skips writing ~3 MB of raw pixels per
 * 1024 x 1024 output and hands the deflater a buffer that is nearly all zeros, which it packs fast.
 */

/** Output column -> byte offset of its source pixel within a small row. */
function columnMap(sw: number, dw: number): Uint32Array {
  const columns = new Uint32Array(dw);
  for (let x = 0; x < dw; x++) columns[x] = Math.floor((x * sw) / dw) * 3;
  return columns;
}

/** Source row of output row `y`. */
const sourceRow = (y: number, sh: number, dh: number): number => Math.floor((y * sh) / dh);

/**
 * Rows `y0` (inclusive) to `y1` (exclusive) of `src` (`sw` x `sh`, RGB) enlarged to `dw` x `dh`, as raw
 * RGB. Each distinct row is built once; repeats are block copies.
 */
export function upscaleRows(
  src: Buffer,
  size: { sw: number; sh: number; dw: number; dh: number },
  y0 = 0,
  y1 = size.dh,
): Buffer {
  const { sw, sh, dw, dh } = size;
  const stride = dw * 3;
  const out = Buffer.allocUnsafe((y1 - y0) * stride);
  const columns = columnMap(sw, dw);
  let builtFrom = -1;
  for (let y = y0; y < y1; y++) {
    const sy = sourceRow(y, sh, dh);
    const rowStart = (y - y0) * stride;
    if (sy === builtFrom) {
      out.copyWithin(rowStart, rowStart - stride, rowStart);
      continue;
    }
    const srcRow = sy * sw * 3;
    for (let x = 0, o = rowStart; x < dw; x++, o += 3) {
      const s = srcRow + columns[x]!;
      out[o] = src[s]!;
      out[o + 1] = src[s + 1]!;
      out[o + 2] = src[s + 2]!;
    }
    builtFrom = sy;
  }
  return out;
}

export interface ScanlineInput {
  /** The small image, raw RGB. */
  src: Buffer;
  sw: number;
  sh: number;
  /** Output size. */
  dw: number;
  dh: number;
  /** Full-resolution RGB rows that replace the bottom of the enlargement (the label band). */
  band: Buffer;
  /** First output row covered by `band`; `dh` when there is none. */
  bandTop: number;
}

const FILTER_SUB = 1;
const FILTER_UP = 2;

/** Bytes of the scanlines of a `width` x `height` RGB image. */
export const scanlineBytes = (width: number, height: number): number => (width * 3 + 1) * height;

/**
 * The filtered PNG scanlines (one filter byte + RGB per row) of the enlarged image with its band, in
 * `into` when given (a reused buffer of `scanlineBytes` length; it is zeroed first), else a new buffer.
 */
export function upscaledScanlines(input: ScanlineInput, into?: Buffer): Buffer {
  const { src, sw, sh, dw, dh, band, bandTop } = input;
  const stride = dw * 3;
  const line = stride + 1;
  // Zero-filled: every byte not written below is a zero difference.
  const out = into ? into.fill(0) : Buffer.alloc(line * dh);
  if (out.length !== line * dh) throw new Error(`upscaledScanlines: buffer of ${out.length} bytes`);
  const columns = columnMap(sw, dw);
  let previous = -1;
  for (let y = 0; y < bandTop; y++) {
    const o = y * line;
    const sy = sourceRow(y, sh, dh);
    if (sy === previous) {
      out[o] = FILTER_UP;
      continue;
    }
    previous = sy;
    out[o] = FILTER_SUB;
    const srcRow = sy * sw * 3;
    out[o + 1] = src[srcRow]!;
    out[o + 2] = src[srcRow + 1]!;
    out[o + 3] = src[srcRow + 2]!;
    for (let x = 1; x < dw; x++) {
      const c = columns[x]!;
      const p = columns[x - 1]!;
      if (c === p) continue;
      const at = o + 1 + x * 3;
      out[at] = src[srcRow + c]! - src[srcRow + p]!;
      out[at + 1] = src[srcRow + c + 1]! - src[srcRow + p + 1]!;
      out[at + 2] = src[srcRow + c + 2]! - src[srcRow + p + 2]!;
    }
  }
  for (let y = bandTop; y < dh; y++) {
    const o = y * line;
    const r = (y - bandTop) * stride;
    if (y > bandTop && band.compare(band, r - stride, r, r, r + stride) === 0) {
      out[o] = FILTER_UP;
      continue;
    }
    out[o] = FILTER_SUB;
    band.copy(out, o + 1, r, r + 3);
    for (let i = 3; i < stride; i++) out[o + 1 + i] = band[r + i]! - band[r + i - 3]!;
  }
  return out;
}
