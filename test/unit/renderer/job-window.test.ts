/**
 * The batch store's window onto a batch's jobs, pure parts: segments per query, which pages hold a range,
 * merging deltas into held pages (only what changed gets a new object; stale rows never undo a final
 * state), eviction that keeps what is on screen, and identity kept across re-reads.
 */
import { describe, expect, it } from 'vitest';
import {
  changesById,
  evictPages,
  isNarrowed,
  jobAt,
  keepIdentity,
  membershipMayChange,
  mergeIntoPages,
  PAGE_SIZE,
  pageKey,
  pagesCovering,
  parsePageKey,
  replaceChanged,
  segmentsFor,
} from '../../../renderer/src/stores/job-window';
import { makeJob, makeJobs } from './job-fixture';

const counts = {
  total: 10,
  byState: {} as never,
  byInput: [
    { inputId: 3, count: 4 },
    { inputId: 1, count: 6 },
  ],
};

describe('segments', () => {
  it('is one segment for the whole list, or one per input (in main order) carrying the input filter', () => {
    expect(segmentsFor({ style: 'ANIME' }, false, counts)).toEqual([
      { key: 'all', filter: { style: 'ANIME' }, total: 10, inputId: null },
    ]);
    expect(segmentsFor({ style: 'ANIME' }, true, counts)).toEqual([
      { key: 'i3', filter: { style: 'ANIME', inputId: 3 }, total: 4, inputId: 3 },
      { key: 'i1', filter: { style: 'ANIME', inputId: 1 }, total: 6, inputId: 1 },
    ]);
  });

  it('names pages and reads them back', () => {
    expect(parsePageKey(pageKey('i12', 7))).toEqual({ segment: 'i12', page: 7 });
  });

  it('lists the pages that hold a range, clipped to the segment', () => {
    const seg = { key: 'all', total: 3 * PAGE_SIZE + 5 };
    expect(pagesCovering(seg, 0, 1)).toEqual(['all#0']);
    expect(pagesCovering(seg, PAGE_SIZE - 1, PAGE_SIZE + 1)).toEqual(['all#0', 'all#1']);
    expect(pagesCovering(seg, -50, 10)).toEqual(['all#0']);
    expect(pagesCovering(seg, 3 * PAGE_SIZE, 10 * PAGE_SIZE)).toEqual(['all#3']);
    expect(pagesCovering(seg, 20, 20)).toEqual([]);
  });

  it('finds a job by position when its page is held', () => {
    const page = makeJobs(PAGE_SIZE);
    const pages = new Map([[pageKey('all', 2), page]]);
    expect(jobAt(pages, 'all', 2 * PAGE_SIZE + 5)).toBe(page[5]);
    expect(jobAt(pages, 'all', 5)).toBeUndefined();
  });
});

describe('merging deltas into what is held', () => {
  const held = makeJobs(4, () => ({ state: 'pending' }));

  it('returns the same list when the delta holds nothing for it, ignoring other batches', () => {
    expect(replaceChanged(held, changesById([], 'b1'))).toBe(held);
    const other = changesById([makeJob({ id: 2, batchId: 'other', state: 'failed' })], 'b1');
    expect(replaceChanged(held, other)).toBe(held);
  });

  it('replaces a changed job in place and keeps the identity of untouched jobs', () => {
    const fresh = makeJob({ id: 3, ordinal: 2, state: 'processing' });
    const next = replaceChanged(held, changesById([fresh], 'b1'));
    expect(next).not.toBe(held);
    expect(next[2]).toBe(fresh);
    for (const i of [0, 1, 3]) expect(next[i]).toBe(held[i]);
    expect(held[2]?.state).toBe('pending');
  });

  it('keeps the last version when one delta carries a job twice', () => {
    const older = makeJob({ id: 2, ordinal: 1, state: 'processing' });
    const newer = makeJob({ id: 2, ordinal: 1, state: 'completed' });
    expect(replaceChanged(held, changesById([older, newer], 'b1'))[1]).toBe(newer);
  });

  // The change feed reads rows at flush time, so a row merged after a fresher read can be older.
  // `completed` and `skipped_duplicate` are final, so a row leaving them can only be stale.
  it('refuses a stale row that would move a job out of a final state, and lets a retry move a failed job', () => {
    const done = [makeJob({ id: 1, state: 'completed', hasOutput: true })];
    expect(replaceChanged(done, changesById([makeJob({ id: 1, state: 'processing' })], 'b1'))).toBe(done);
    const failed = [makeJob({ id: 1, state: 'failed' })];
    expect(replaceChanged(failed, changesById([makeJob({ id: 1, state: 'pending' })], 'b1'))[0]?.state).toBe(
      'pending',
    );
  });

  it('gives a new page only to the pages that hold a changed job', () => {
    const a = makeJobs(3);
    const b = makeJobs(3, (i) => ({ id: 10 + i, state: 'processing' }));
    const pages = new Map([
      ['all#0', a],
      ['all#1', b],
    ]);
    const next = mergeIntoPages(pages, changesById([makeJob({ id: 11, state: 'failed' })], 'b1'));
    expect(next).not.toBe(pages);
    expect(next.get('all#0')).toBe(a);
    expect(next.get('all#1')?.[1]?.state).toBe('failed');
    expect(mergeIntoPages(pages, changesById([makeJob({ id: 99 })], 'b1'))).toBe(pages);
  });
});

describe('eviction and identity', () => {
  const page = makeJobs(1);
  const pages = new Map(['p0', 'p1', 'p2', 'p3', 'p4'].map((k) => [k, page]));

  it('keeps every page on screen and the most recently shown others, up to the limit', () => {
    const kept = evictPages(pages, new Set(['p0']), ['p1', 'p2', 'p3', 'p4'], 3);
    expect([...kept.keys()].sort()).toEqual(['p0', 'p3', 'p4']);
    expect(evictPages(pages, new Set(), [], 10)).toBe(pages);
  });

  it('keeps the objects of jobs that did not change across a re-read, and the same list when none did', () => {
    const before = makeJobs(3);
    const reread = makeJobs(3);
    expect(keepIdentity(before, reread)).toBe(before);
    const changed = [...makeJobs(2), makeJob({ id: 3, ordinal: 2, state: 'failed' })];
    const next = keepIdentity(before, changed);
    expect(next[0]).toBe(before[0]);
    expect(next[2]).toBe(changed[2]);
    expect(keepIdentity(undefined, reread)).toBe(reread);
  });

  it('knows which filters can move jobs in or out as they run', () => {
    expect(membershipMayChange({ states: ['failed'] })).toBe(true);
    expect(membershipMayChange({ style: 'ANIME', inputId: 1 })).toBe(false);
    expect(isNarrowed({})).toBe(false);
    expect(isNarrowed({ states: [] })).toBe(false);
    expect(isNarrowed({ seed: 100 })).toBe(true);
  });
});
