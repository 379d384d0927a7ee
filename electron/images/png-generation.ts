/**
 * Reads how a PNG was made, from a path or from uploaded bytes: the file is checked to be a PNG of a
 * sane size, its text chunks are read leniently (a truncated or partly damaged file still gives what
 * it holds) and shared/provenance turns them into parameters. Every way this can fail is a
 * `PngReadError` whose message names the file and says why in words.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type GenerationReading, readGeneration } from '@shared/provenance';
import { readPngTextLenient } from './png-text';

/** Largest PNG read (a 1536 px output is a few MB; this leaves room for big foreign ones). */
export const MAX_PNG_BYTES = 64_000_000;

/** Why a PNG cannot be read for its parameters; the message names the file. */
export class PngReadError extends Error {
  override readonly name = 'PngReadError';
}

export interface PngGeneration {
  fileName: string;
  reading: Extract<GenerationReading, { ok: true }>;
  /** What was wrong with the file besides (truncated, a damaged chunk), in words. */
  problems: string[];
}

async function readBytes(file: string): Promise<Buffer> {
  const name = path.basename(file);
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new PngReadError(`${name} is a folder, not a PNG file`);
    size = info.size;
  } catch (error) {
    if (error instanceof PngReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PngReadError(code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code})`);
  }
  if (size > MAX_PNG_BYTES)
    throw new PngReadError(`${name} is ${size} bytes, over the ${MAX_PNG_BYTES} byte limit`);
  try {
    return await readFile(file);
  } catch (error) {
    throw new PngReadError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}

/** Reads the generation record of a PNG given by path or as bytes (with its name, for messages). */
export async function readPngGeneration(
  source: { path: string } | { bytes: Buffer; name: string },
): Promise<PngGeneration> {
  const fileName = 'path' in source ? path.basename(source.path) : source.name;
  const bytes = 'path' in source ? await readBytes(source.path) : source.bytes;
  if (bytes.length > MAX_PNG_BYTES)
    throw new PngReadError(`${fileName} is over the ${MAX_PNG_BYTES} byte limit`);
  if (bytes.length === 0) throw new PngReadError(`${fileName} is empty (0 bytes)`);
  let text: ReturnType<typeof readPngTextLenient>;
  try {
    text = readPngTextLenient(bytes);
  } catch (error) {
    throw new PngReadError(`${fileName} is ${(error as Error).message}`);
  }
  const reading = readGeneration(text.text);
  if (!reading.ok) {
    const why = text.problems.length ? ` (${text.problems.join('; ')})` : '';
    throw new PngReadError(`${fileName}: ${reading.message}${why}`);
  }
  return { fileName, reading, problems: text.problems };
}
