/**
 * The grid's window onto a batch's jobs, as pure functions: the renderer never holds a whole batch (a
 * 100,000-job sweep would cost ~150 MB of heap and a full re-layout per delta), only pages of the list
 * main filters. The list is one or more *segments* — the whole filtered list, or one per input when the
 * grid groups by input — each paged by `jobs:page`; a page is an immutable array, replaced when one of
 * its jobs changes, so a row re-renders only when its own page did. The batch store owns the state.
 */
import type { JobCounts, JobFilterArgs, JobView } from '@shared/contract';

/** Jobs per page fetched from main. */
export const PAGE_SIZE = 100;

/** One list main can page through: the whole filtered list, or one input's part of it. */
export interface Segment {
  key: string;
  /** What main filters by for this segment: the grid's filter, plus the input when grouping. */
  filter: JobFilterArgs;
  total: number;
  inputId: number | null;
}

export type Pages = ReadonlyMap<string, readonly JobView[]>;

/** The segments of a query: one for the whole list, or one per input that has jobs under the filter. */
export function segmentsFor(filter: JobFilterArgs, grouped: boolean, counts: JobCounts): Segment[] {
  if (!grouped) return [{ key: 'all', filter, total: counts.total, inputId: null }];
  return counts.byInput.map(({ inputId, count }) => ({
    key: `i${inputId}`,
    filter: { ...filter, inputId },
    total: count,
    inputId,
  }));
}

/** The cache key of page `page` of segment `segment`. */
export function pageKey(segment: string, page: number): string {
  return `${segment}#${page}`;
}

/** Splits a page key back into its segment and page number. */
export function parsePageKey(key: string): { segment: string; page: number } {
  const at = key.lastIndexOf('#');
  return { segment: key.slice(0, at), page: Number(key.slice(at + 1)) };
}

/** The keys of the pages that hold items [start, end) of `segment`. */
export function pagesCovering(segment: Pick<Segment, 'key' | 'total'>, start: number, end: number): string[] {
  const from = Math.max(0, start);
  const to = Math.min(segment.total, end);
  if (to <= from) return [];
  const keys: string[] = [];
  for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor((to - 1) / PAGE_SIZE); p += 1)
    keys.push(pageKey(segment.key, p));
  return keys;
}

/** The job at `index` of a segment, when its page is held. */
export function jobAt(pages: Pages, segment: string, index: number): JobView | undefined {
  return pages.get(pageKey(segment, Math.floor(index / PAGE_SIZE)))?.[index % PAGE_SIZE];
}

/** A job never leaves these states, so a row that would move it out is stale (read before a newer delta). */
const FINAL_STATES: ReadonlySet<string> = new Set(['completed', 'skipped_duplicate']);

/** The fresher of a held job and a changed row for it. */
export function newer(held: JobView, fresh: JobView): JobView {
  return FINAL_STATES.has(held.state) && fresh.state !== held.state ? held : fresh;
}

/** Changed rows of `batchId`, by id. */
export function changesById(changed: readonly JobView[], batchId: string): Map<number, JobView> {
  const byId = new Map<number, JobView>();
  for (const job of changed) if (job.batchId === batchId) byId.set(job.id, job);
  return byId;
}

/** `list` with every job that has a changed row replaced; the same array when none has. */
export function replaceChanged<T extends readonly JobView[]>(list: T, byId: ReadonlyMap<number, JobView>): T {
  let out: JobView[] | null = null;
  for (let i = 0; i < list.length; i += 1) {
    const fresh = byId.get(list[i]!.id);
    if (!fresh) continue;
    const next = newer(list[i]!, fresh);
    if (next === list[i]) continue;
    out ??= [...list];
    out[i] = next;
  }
  return (out ?? list) as T;
}

/** Pages with changed rows merged in; the same map when no held job changed. */
export function mergeIntoPages(pages: Pages, byId: ReadonlyMap<number, JobView>): Pages {
  if (byId.size === 0) return pages;
  let out: Map<string, readonly JobView[]> | null = null;
  for (const [key, page] of pages) {
    const next = replaceChanged(page, byId);
    if (next === page) continue;
    out ??= new Map(pages);
    out.set(key, next);
  }
  return out ?? pages;
}

/** Keeps every page in `wanted` and the most recently used others, up to `max` pages in all. */
export function evictPages(
  pages: Pages,
  wanted: ReadonlySet<string>,
  recent: readonly string[],
  max: number,
): Pages {
  if (pages.size <= max) return pages;
  const keep = new Set(wanted);
  for (let i = recent.length - 1; i >= 0 && keep.size < max; i -= 1) keep.add(recent[i]!);
  const out = new Map<string, readonly JobView[]>();
  for (const [key, page] of pages) if (keep.has(key)) out.set(key, page);
  return out;
}

/** True when two rows of the same job show the same thing. */
export function sameJob(a: JobView, b: JobView): boolean {
  for (const key of Object.keys(a) as (keyof JobView)[]) {
    if (key === 'palette') {
      if (JSON.stringify(a.palette) !== JSON.stringify(b.palette)) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return true;
}

/** `next` with each job equal to the one held before replaced by that object, so its card does not re-render. */
export function keepIdentity(
  prev: readonly JobView[] | undefined,
  next: readonly JobView[],
): readonly JobView[] {
  if (!prev) return next;
  const held = new Map(prev.map((j) => [j.id, j]));
  let same = prev.length === next.length;
  const out = next.map((job, i) => {
    const old = held.get(job.id);
    const kept = old && sameJob(old, job) ? old : job;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? prev : out;
}

/** True when a job's change can move it into or out of the filter (so positions in the list shift). */
export function membershipMayChange(filter: JobFilterArgs): boolean {
  // A job's state moves it in or out of a status filter; its rating, in or out of a rating filter.
  return (filter.states?.length ?? 0) > 0 || filter.rating !== undefined;
}

/** True when the filter narrows the list at all. */
export function isNarrowed(filter: JobFilterArgs): boolean {
  return Object.values(filter).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}
