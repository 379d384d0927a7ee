/**
 * The composer's scan-time check of found images: the checks of input-checks.ts on each file's `stat`
 * and header alone (sharp reads the header, never the pixels), so "12 images, 2 unusable" is known
 * before Start and costs about a millisecond per file. What only decoding finds (a file cut short
 * mid-pixels) is still named when the batch is created. Results are cached by path, size and mtime, so
 * the composer's re-scans (every edit of the paths) re-read nothing.
 */
import fsp from 'node:fs/promises';
import sharp from 'sharp';
import { fileProblem, headerProblem } from './input-checks';
import { decodeProblem, type InputProblem, readProblem } from './input-problem';

export interface ProbeOptions {
  /** Files probed at once. Default 4. */
  concurrency?: number;
  /** Results remembered. Default 20,000. */
  capacity?: number;
  /** The pixel and file-size limits of input preparation. Defaults 100,000,000 pixels and 256 MB. */
  maxPixels?: number;
  maxFileBytes?: number;
}

export interface InputProbe {
  /** For each file (in order): why it cannot be used, or null. Never throws for a bad file. */
  probe(files: readonly { path: string; relPath: string }[]): Promise<(InputProblem | null)[]>;
}

export function createInputProbe(options: ProbeOptions = {}): InputProbe {
  const maxPixels = options.maxPixels ?? 100_000_000;
  const maxFileBytes = options.maxFileBytes ?? 256_000_000;
  const capacity = options.capacity ?? 20_000;
  const cache = new Map<string, InputProblem | null>();

  async function probeOne(file: { path: string; relPath: string }): Promise<InputProblem | null> {
    let stamp: string;
    try {
      const info = await fsp.stat(file.path);
      const problem = fileProblem(file.path, file.relPath, info, maxFileBytes);
      if (problem) return problem;
      stamp = `${file.path}\0${file.relPath}\0${info.size}\0${info.mtimeMs}`;
    } catch (error) {
      return readProblem(file.path, file.relPath, error as NodeJS.ErrnoException);
    }
    if (cache.has(stamp)) return cache.get(stamp) ?? null;
    let problem: InputProblem | null;
    try {
      const meta = await sharp(file.path, { limitInputPixels: false }).metadata();
      problem = headerProblem(file.path, file.relPath, meta, maxPixels);
    } catch (error) {
      const errno = error as NodeJS.ErrnoException;
      problem = errno.code
        ? readProblem(file.path, file.relPath, errno)
        : decodeProblem(file.path, file.relPath, errno);
    }
    cache.set(stamp, problem);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return problem;
  }

  return {
    async probe(files) {
      const results: (InputProblem | null)[] = new Array(files.length).fill(null);
      let next = 0;
      const worker = async () => {
        while (next < files.length) {
          const i = next++;
          results[i] = await probeOne(files[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
      return results;
    },
  };
}
