/**
 * Supplies each job's `image_file` value: the base64 of its input's prepared upload. A small LRU keeps
 * the strings of recently used inputs, because a sweep sends the same image dozens of times in a row
 * (every prompt x seed x style of one input) and re-reading and re-encoding it each time is waste.
 */
import type { Journal } from '../db';
import { imageFileValue } from '../images/prepare-input';

export interface InputFiles {
  imageFileFor(inputId: number): Promise<string>;
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
      if (!input?.preparedPath) {
        return Promise.reject(
          new Error(`input ${inputId} has no prepared image (${input?.errorMessage ?? 'missing'})`),
        );
      }
      const mime = input.preparedPath.endsWith('.png')
        ? 'image/png'
        : input.preparedPath.endsWith('.webp')
          ? 'image/webp'
          : 'image/jpeg';
      const value = imageFileValue({ preparedPath: input.preparedPath, preparedMime: mime });
      // Not swallowed: the caller awaits `value` and handles its rejection; this only evicts it, so the
      // next job of this input reads the file again.
      value.catch(() => cache.delete(inputId));
      cache.set(inputId, value);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as number);
      return value;
    },
  };
}
