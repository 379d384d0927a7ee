/**
 * Turns one discovered input file into what a sweep needs: a content hash, its true (EXIF-rotated)
 * dimensions, an upload-ready file within the API's limits, and a grid thumbnail — or a clear
 * per-input problem. The file is read once into memory; everything else works on that buffer, so a
 * file changing mid-scan cannot make the hash and the pixels disagree. Results are cached in
 * `cacheDir` by content hash, so re-scanning 300 photos re-encodes nothing.
 *
 * The hash is sha256 of the ORIGINAL bytes: it identifies the user's file, so job keys (and dedupe)
 * stay stable even if a later version of this module converts differently.
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { inputShapeProblem } from '@shared/catalogue';
import sharp from 'sharp';
import { writeFileAtomic } from './atomic-write';
import { encodeThumbnail, encodeUpload, type RawImage } from './encode-upload';
import { fileProblem, headerProblem, mb, OPEN_FLAGS, orientedSize } from './input-checks';
import { decodeProblem, type InputProblem, inputProblem, readProblem } from './input-problem';

export type { InputProblem, InputProblemCode } from './input-problem';

export interface PrepareOptions {
  /** Folder for prepared uploads and thumbnails, named by content hash. Created if missing. */
  cacheDir: string;
  /** Refuse images with more pixels than this before decoding (decompression bombs). Default 100,000,000. */
  maxPixels?: number;
  /** Largest upload file. Default 10 MB (Ideogram's limit is 25 MB; base64 adds a third). */
  maxUploadBytes?: number;
  /**
   * Long side of the upload. Default 2048: Ideogram's largest output side is 1536 px, so more source
   * detail buys nothing but upload time and credits-free bandwidth.
   */
  maxLongSide?: number;
  /** Refuse files bigger than this without reading them. Default 256 MB. */
  maxFileBytes?: number;
  /** Thumbnail long side. Default 256. */
  thumbnailSize?: number;
}

export interface PreparedInput {
  ok: true;
  path: string;
  /** sha256 hex of the original file bytes. */
  contentHash: string;
  /** Original size after EXIF rotation (what the user sees). */
  width: number;
  height: number;
  /** Original encoding as sharp names it: 'jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'. */
  format: string;
  /** Original file size. */
  sizeBytes: number;
  preparedPath: string;
  preparedMime: 'image/jpeg' | 'image/png' | 'image/webp';
  preparedWidth: number;
  preparedHeight: number;
  preparedBytes: number;
  thumbnailPath: string;
}

export type PrepareResult = PreparedInput | InputProblem;

/** Bumped whenever the conversion recipe changes, so stale cache entries are rebuilt. */
const RECIPE_VERSION = 1;

interface CacheEntry {
  recipe: string;
  result: PreparedInput;
}

async function readWholeFile(
  file: string,
  label: string,
  maxFileBytes: number,
): Promise<Buffer | InputProblem> {
  let handle: fsp.FileHandle | undefined;
  try {
    // Look before opening: a pipe, socket or device is named from its stat and never opened.
    const before = fileProblem(file, label, await fsp.stat(file), maxFileBytes);
    if (before) return before;
    handle = await fsp.open(file, OPEN_FLAGS);
    const problem = fileProblem(file, label, await handle.stat(), maxFileBytes);
    if (problem) return problem;
    const bytes = await handle.readFile();
    return bytes.length === 0 ? inputProblem(file, label, 'empty', 'is empty (0 bytes)') : bytes;
  } catch (error) {
    return readProblem(file, label, error as NodeJS.ErrnoException);
  } finally {
    await handle?.close();
  }
}

async function readCache(sidecar: string, recipe: string): Promise<PreparedInput | null> {
  try {
    const entry = JSON.parse(await fsp.readFile(sidecar, 'utf8')) as CacheEntry;
    if (entry.recipe !== recipe) return null;
    await Promise.all([fsp.access(entry.result.preparedPath), fsp.access(entry.result.thumbnailPath)]);
    return entry.result;
  } catch {
    return null; // no entry, a torn one, or its files gone: a cache miss, so the input is prepared again
  }
}

/**
 * Prepares one input (see file comment). Never throws for a bad input: it returns an `InputProblem`
 * with a code and a message naming the file (`relPath` when given, else the base name). Throws only
 * when the cache folder itself cannot be written.
 */
export async function prepareInput(
  file: { path: string; relPath?: string },
  options: PrepareOptions,
): Promise<PrepareResult> {
  const maxPixels = options.maxPixels ?? 100_000_000;
  const maxUploadBytes = options.maxUploadBytes ?? 10_000_000;
  const maxLongSide = options.maxLongSide ?? 2048;
  const thumbnailSize = options.thumbnailSize ?? 256;
  const label = file.relPath ?? path.basename(file.path);

  const bytes = await readWholeFile(file.path, label, options.maxFileBytes ?? 256_000_000);
  if (!Buffer.isBuffer(bytes)) return bytes;
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const recipe = `${RECIPE_VERSION}:${maxLongSide}:${maxUploadBytes}:${thumbnailSize}`;
  const sidecar = path.join(options.cacheDir, `${contentHash}.json`);
  const cached = await readCache(sidecar, recipe);
  if (cached) {
    // Entries cached before the shape limits existed must not slip past them.
    const shape = inputShapeProblem(cached.width, cached.height);
    if (shape) return inputProblem(file.path, label, shape.code, shape.cause);
    return { ...cached, path: file.path, sizeBytes: bytes.length };
  }

  let meta: sharp.Metadata;
  try {
    // Header only, so no pixel limit here: the check below can then name the dimensions.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return decodeProblem(file.path, label, error as Error);
  }
  const problem = headerProblem(file.path, label, meta, maxPixels);
  if (problem) return problem;
  const format = meta.format ?? 'unknown';
  const { width, height } = orientedSize(meta);

  let raw: RawImage;
  try {
    const { data, info } = await sharp(bytes, {
      limitInputPixels: maxPixels,
      failOn: 'truncated',
      autoOrient: true,
    })
      .resize(maxLongSide, maxLongSide, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    raw = { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
    if (info.channels !== 3 && info.channels !== 4)
      throw new Error(`unexpected ${info.channels}-channel decode`);
  } catch (error) {
    // libvips' message is sometimes just "Unknown error" (its error buffer is shared between threads),
    // so a file that visibly stops before its end marker is called truncated from its own bytes.
    if (endsEarly(bytes, format)) {
      return inputProblem(
        file.path,
        label,
        'corrupt',
        'is truncated or damaged (the file ends before the image does)',
      );
    }
    return decodeProblem(file.path, label, error as Error);
  }

  const upload = await encodeUpload(raw, maxUploadBytes);
  if (!upload) {
    return inputProblem(
      file.path,
      label,
      'too_large',
      `cannot be encoded under the ${mb(maxUploadBytes)} upload limit`,
    );
  }
  const preparedPath = path.join(options.cacheDir, `${contentHash}.${upload.extension}`);
  const thumbnailPath = path.join(options.cacheDir, `${contentHash}.thumb.webp`);
  await writeFileAtomic(preparedPath, upload.bytes);
  await writeFileAtomic(thumbnailPath, await encodeThumbnail(raw, thumbnailSize));
  const result: PreparedInput = {
    ok: true,
    path: file.path,
    contentHash,
    width,
    height,
    format,
    sizeBytes: bytes.length,
    preparedPath,
    preparedMime: upload.mime,
    preparedWidth: upload.width,
    preparedHeight: upload.height,
    preparedBytes: upload.bytes.length,
    thumbnailPath,
  };
  // The sidecar goes last: its presence means both files above are complete.
  await writeFileAtomic(sidecar, Buffer.from(JSON.stringify({ recipe, result } satisfies CacheEntry)));
  return result;
}

/**
 * Reads a prepared upload as the API's `image_file` value: plain base64 by default (Segmind's
 * convention for image fields, accepted by `imageFileSchema`), or a `data:` URL with `{ dataUrl: true }`.
 */
export async function imageFileValue(
  prepared: Pick<PreparedInput, 'preparedPath' | 'preparedMime'>,
  options: { dataUrl?: boolean } = {},
): Promise<string> {
  const base64 = (await fsp.readFile(prepared.preparedPath)).toString('base64');
  return options.dataUrl ? `data:${prepared.preparedMime};base64,${base64}` : base64;
}

/** True when a PNG lacks its IEND chunk or a JPEG its end-of-image marker: the file was cut short. */
export function endsEarly(bytes: Buffer, format: string): boolean {
  if (format === 'png') return bytes.lastIndexOf('IEND', bytes.length - 8, 'latin1') < bytes.length - 64;
  if (format === 'jpeg') {
    const tail = bytes.subarray(Math.max(0, bytes.length - 64));
    return !tail.includes(Buffer.from([0xff, 0xd9]));
  }
  return false;
}
