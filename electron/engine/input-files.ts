/**
 * Supplies each job's `image_file` value: the base64 of its input's prepared upload. A small LRU keeps
 * the strings of recently used inputs, because a sweep sends the same image dozens of times in a row
 * (every prompt x seed x style of one input) and re-reading and re-encoding it each time is waste.
 * An input that has no usable prepared upload fails with an `InputFileError`: nothing is sent, and the
 * job fails as an input error with that reason, never as an answer from Segmind.
 */
import type { Journal } from '../db';
import { imageFileValue } from '../images/prepare-input';

/** The job's input cannot be sent: its own reason, naming the file. Not retryable as it stands. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

export interface InputFiles {
  imageFileFor(inputId: number): Promise<string>;
  /** Drops what is cached for an input (it was prepared again). */
  forget(inputId: number): void;
}

/** @param capacity inputs kept in memory; default 8 (a 10 MB upload is ~13 MB of base64). */
export function createInputFiles(journal: Journal, capacity = 8): InputFiles {
  const cache = new Map<number, Promise<string>>();
  return {
    imageFileFor(inputId) {
      const hit = cache.get(inputId);
      if (hit) {
        cache.delete(inputId);
        cache.set(inputId, hit);
        return hit;
      }
      const input = journal.inputs.get(inputId);
      if (!input) return Promise.reject(new InputFileError(`input ${inputId} is not in the journal`));
      if (input.errorMessage || !input.preparedPath) {
        return Promise.reject(
          new InputFileError(input.errorMessage ?? `"${input.relPath}" has no prepared image`),
        );
      }
      const mime = input.preparedPath.endsWith('.png')
        ? 'image/png'
        : input.preparedPath.endsWith('.webp')
          ? 'image/webp'
          : 'image/jpeg';
      const value = imageFileValue({ preparedPath: input.preparedPath, preparedMime: mime }).catch(
        (error: NodeJS.ErrnoException) => {
          // The data folder's copy is gone or unreadable (cleaned up, disk trouble): the input's fault,
          // not Segmind's; a retry prepares it again from the original file.
          throw new InputFileError(
            `the prepared copy of "${input.relPath}" cannot be read (${error.code ?? error.message}); retry prepares it again`,
          );
        },
      );
      // Not swallowed: the caller awaits `value` and handles its rejection; this only evicts it, so the
      // next job of this input reads the file again.
      value.catch(() => cache.delete(inputId));
      cache.set(inputId, value);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as number);
      return value;
    },
    forget: (inputId) => void cache.delete(inputId),
  };
}
