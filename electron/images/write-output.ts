/**
 * Puts one generated image on disk as a labelled PNG: verifies the API's bytes decode, converts JPEG or
 * WebP answers to PNG, embeds the generation record as text chunks, writes it atomically under the
 * output folder, checks the renamed file, and writes a WebP thumbnail for the grid. A job may be
 * marked completed once this resolves. Writing the same result twice (crash recovery) is a no-op;
 * writing different bytes over an existing file is refused, never done silently.
 */
import path from 'node:path';
import sharp from 'sharp';
import { nodeWriteFs, type WriteFs, writeFileAtomic } from './atomic-write';
import { insertPngText } from './png-text';

export { cleanupStaleTemps } from './atomic-write';

export type OutputWriteErrorCode =
  | 'disk_full'
  | 'read_only'
  | 'exists'
  | 'invalid_image'
  | 'invalid_path'
  | 'io';

/**
 * Why an output could not be written. `disk_full` and `read_only` mean the folder, not the job, is at
 * fault (the engine pauses the batch); `invalid_image` means the API's bytes are unusable.
 */
export class OutputWriteError extends Error {
  override readonly name = 'OutputWriteError';
  constructor(
    readonly code: OutputWriteErrorCode,
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WriteOutputOptions {
  /** The image as received from the API (PNG, JPEG or WebP). */
  bytes: Buffer;
  /** Output folder chosen by the user. */
  outputRoot: string;
  /** Target relative to `outputRoot`, '/'-separated (from the naming template); '.png' is appended if missing. */
  relPath: string;
  /** Text chunks to embed (e.g. `generationTextChunks(record)`); keys must be valid PNG keywords. */
  metadata: Record<string, string>;
  /** Embedded as the A1111-style `parameters` chunk (e.g. `formatA1111Parameters(record)`). */
  parametersText: string;
  /** Where thumbnails go, mirroring relPath with '.webp'. Default `<outputRoot>/.thumbnails`. */
  thumbnailDir?: string;
  /** Thumbnail long side. Default 256. */
  thumbnailSize?: number;
  /** File-system layer; tests inject ENOSPC / EROFS here. Default real `node:fs`. */
  fs?: WriteFs;
}

export interface WrittenOutput {
  outputPath: string;
  thumbnailPath: string;
  /** Decoded size of the written image. */
  width: number;
  height: number;
}

function classify(error: unknown, target: string): OutputWriteError {
  if (error instanceof OutputWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = path.dirname(target);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new OutputWriteError(
      'disk_full',
      `Disk full: cannot write ${target}; free space in ${where}`,
      target,
      {
        cause: error,
      },
    );
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new OutputWriteError(
      'read_only',
      `Output folder ${where} is read-only or not writable (${code})`,
      target,
      {
        cause: error,
      },
    );
  }
  const detail = (error as Error).message ?? String(error);
  return new OutputWriteError('io', `Cannot write ${target}: ${detail}`, target, { cause: error });
}

/** Resolves `relPath` under `outputRoot`, refusing anything that would escape it. */
function resolveTarget(outputRoot: string, relPath: string): string {
  const withExt = /\.png$/i.test(relPath) ? relPath : `${relPath}.png`;
  const root = path.resolve(outputRoot);
  const target = path.resolve(root, ...withExt.split('/'));
  if (path.isAbsolute(relPath) || !target.startsWith(root + path.sep)) {
    throw new OutputWriteError(
      'invalid_path',
      `Output path ${JSON.stringify(relPath)} is outside ${root}`,
      target,
    );
  }
  return target;
}

/**
 * Decodes fully (so a truncated answer is caught now, not by the user) and returns PNG bytes, size and
 * the decoded pixels, from which the thumbnail is made without decoding a second time.
 */
async function toVerifiedPng(bytes: Buffer, target: string) {
  try {
    const image = sharp(bytes, { failOn: 'truncated' });
    const meta = await image.metadata();
    if (!['png', 'jpeg', 'webp'].includes(meta.format ?? ''))
      throw new Error(`unexpected format ${meta.format}`);
    const { data: pixels, info } = await image.clone().raw().toBuffer({ resolveWithObject: true });
    const raw = { pixels, width: info.width, height: info.height, channels: info.channels };
    // A PNG is kept byte for byte (the full decode above proves it intact); others become PNG.
    const png = meta.format === 'png' ? bytes : await image.png().toBuffer();
    return { png, width: info.width, height: info.height, raw };
  } catch (error) {
    throw new OutputWriteError(
      'invalid_image',
      `Generated image for ${target} does not decode: ${(error as Error).message}`,
      target,
      { cause: error },
    );
  }
}

async function readIfExists(io: WriteFs, file: string): Promise<Buffer | null> {
  try {
    return await io.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes one output (see file comment) and resolves once the PNG is renamed into place, read back
 * byte-identical to bytes that fully decoded, and its thumbnail written. Rejects with an
 * `OutputWriteError` whose code says what went wrong; no temp file is left behind on failure.
 */
export async function writeOutput(options: WriteOutputOptions): Promise<WrittenOutput> {
  const io = options.fs ?? nodeWriteFs;
  const target = resolveTarget(options.outputRoot, options.relPath);
  const { png, width, height, raw } = await toVerifiedPng(options.bytes, target);
  let labelled: Buffer;
  try {
    labelled = insertPngText(png, { ...options.metadata, parameters: options.parametersText });
  } catch (error) {
    throw new OutputWriteError(
      'invalid_image',
      `Cannot label ${target}: ${(error as Error).message}`,
      target,
      {
        cause: error,
      },
    );
  }
  const thumbRoot = options.thumbnailDir ?? path.join(options.outputRoot, '.thumbnails');
  const thumbnailPath = path
    .resolve(thumbRoot, ...path.relative(options.outputRoot, target).split(path.sep))
    .replace(/\.png$/i, '.webp');

  try {
    const existing = await readIfExists(io, target);
    if (existing && !existing.equals(labelled)) {
      throw new OutputWriteError(
        'exists',
        `${target} already exists with different content; not overwriting`,
        target,
      );
    }
    // The thumbnail goes first: a job is done only when both exist, and a failure here must not leave
    // a finished-looking PNG that a retry (with new bytes) could then never replace.
    // effort 0: a grid thumbnail needs speed (this runs once per job), not the last few percent of size.
    const thumbnail = await sharp(raw.pixels, {
      raw: { width: raw.width, height: raw.height, channels: raw.channels },
    })
      .resize(options.thumbnailSize ?? 256, options.thumbnailSize ?? 256, { fit: 'inside' })
      .webp({ quality: 80, effort: 0 })
      .toBuffer();
    await writeFileAtomic(thumbnailPath, thumbnail, io);
    if (!existing) {
      await writeFileAtomic(target, labelled, io);
      const check = await io.readFile(target);
      if (!check.equals(labelled)) {
        throw new OutputWriteError('io', `${target} reads back different from what was written`, target);
      }
    }
  } catch (error) {
    throw classify(error, target);
  }
  return { outputPath: target, thumbnailPath, width, height };
}
