/**
 * The folder a batch's outputs go under (the naming template's `{batch}`): the batch's name, slugged
 * (lower case, letters and digits of any script kept, everything else one `-`) and made unique with a
 * `-2`, `-3`… suffix, so "crash test" gets `crash-test` instead of its id `20261130-063601-ba1d`.
 */
import { foldCase, safeDirectorySegment, truncateUtf8 } from './path-safety';

/** Longest slug in UTF-8 bytes (room left for a suffix and the rest of the output path). */
export const BATCH_FOLDER_MAX_BYTES = 60;

/** The slug of a batch name; 'batch' when nothing is left of it. */
export function slugBatchName(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = truncateUtf8(slug, BATCH_FOLDER_MAX_BYTES).replace(/-+$/, '');
  return safeDirectorySegment(cut) || 'batch';
}

/**
 * The first of `slug`, `slug-2`, `slug-3`, … that `taken` says is free (compared case-folded, as
 * case-insensitive file systems would). Gives up after 10,000 tries with the last candidate's suffix.
 */
export function uniqueBatchFolder(name: string, taken: (folder: string) => boolean): string {
  const base = slugBatchName(name);
  for (let n = 1; n <= 10_000; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken(foldCase(candidate))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}
