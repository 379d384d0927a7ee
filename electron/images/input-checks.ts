/**
 * The checks that decide an input is unusable without decoding its pixels: what its `stat` says (a
 * folder, a pipe/socket/device, empty, too big) and what its header says (format, HEVC-coded HEIF,
 * frames, pixel count, a shape no output can use). Input preparation runs them before it decodes, and
 * the composer's scan runs them alone (header-probe.ts), so both name a bad file the same way.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs';
import { inputShapeProblem } from '@shared/catalogue';
import type sharp from 'sharp';
import { notRegularCause, specialFileKind } from './file-kind';
import { type InputProblem, inputProblem } from './input-problem';

/** Encodings sharp decodes here (HEIF only when AV1-coded, i.e. AVIF). */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

/**
 * Flags for opening an input: reading never blocks, so a path that turned into a FIFO after its stat
 * returns at once (and is then refused by `fileProblem` on the handle's own stat).
 */
export const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What a `stat` alone rules out; null for a non-empty regular file within `maxFileBytes`. */
export function fileProblem(
  file: string,
  label: string,
  info: Pick<
    Stats,
    'size' | 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'
  >,
  maxFileBytes: number,
): InputProblem | null {
  if (info.isDirectory()) return inputProblem(file, label, 'unreadable', 'is a folder, not an image file');
  if (!info.isFile()) {
    const kind = specialFileKind(info) ?? 'an unknown kind of entry';
    return inputProblem(file, label, 'not_regular_file', notRegularCause(kind));
  }
  if (info.size === 0) return inputProblem(file, label, 'empty', 'is empty (0 bytes)');
  if (info.size > maxFileBytes) {
    return inputProblem(
      file,
      label,
      'too_large',
      `is ${mb(info.size)}, over the ${mb(maxFileBytes)} input limit`,
    );
  }
  return null;
}

/** Width and height as the user sees them (after EXIF rotation). */
export function orientedSize(meta: sharp.Metadata): { width: number; height: number } {
  return {
    width: meta.autoOrient?.width ?? meta.width ?? 0,
    height: meta.autoOrient?.height ?? meta.height ?? 0,
  };
}

/** What the header rules out; null when the pixels are worth decoding. */
export function headerProblem(
  file: string,
  label: string,
  meta: sharp.Metadata,
  maxPixels: number,
): InputProblem | null {
  const format = meta.format ?? 'unknown';
  if (!ACCEPTED_FORMATS.has(format)) {
    return inputProblem(
      file,
      label,
      'unsupported',
      `is a ${format.toUpperCase()} file; use JPEG, PNG or WebP`,
    );
  }
  // sharp's prebuilt libvips reads HEIF containers but has no HEVC decoder (AVIF, i.e. AV1, works).
  // Decided from the header: the decode error libvips gives for it is not stable across runs.
  if (format === 'heif' && meta.compression === 'hevc') {
    return inputProblem(
      file,
      label,
      'unsupported',
      'uses an image encoding this build cannot decode (HEIC: HEVC-coded HEIF); convert it to JPEG or PNG',
    );
  }
  if ((meta.pages ?? 1) > 1) {
    return inputProblem(
      file,
      label,
      'animated',
      `is animated or multi-page (${meta.pages} frames); use a still image`,
    );
  }
  const { width, height } = orientedSize(meta);
  const shape = inputShapeProblem(width, height);
  if (shape) return inputProblem(file, label, shape.code, shape.cause);
  if (width * height > maxPixels) {
    const limit = `${Math.round(maxPixels / 1e6)} megapixel`;
    return inputProblem(file, label, 'too_large', `is ${width} x ${height} pixels, over the ${limit} limit`);
  }
  return null;
}
