/**
 * The batch store's reads of jobs from main, kept apart from the store's shape: pages of the grid's
 * list, jobs watched by id, whole inputs for the matrix and compare, and the counts of the grid's query.
 * Every read notes the delta sequence number it started at; when it lands, the deltas that arrived
 * meanwhile are applied to it first, so a read can never undo a newer change. Reads for a batch or query
 * that is no longer shown are dropped.
 */
import type { BatchView, JobView, StudioClient } from '@shared/contract';
import type { StoreApi } from 'zustand';
import type { BatchStoreState } from './batch-store';
import {
  evictPages,
  isNarrowed,
  keepIdentity,
  membershipMayChange,
  mergeIntoPages,
  newer,
  PAGE_SIZE,
  parsePageKey,
  replaceChanged,
  segmentsFor,
} from './job-window';

/** Most pages held at once (the ones on screen always stay). 40 pages = 4,000 jobs, ~4 MB. */
const MAX_PAGES = 40;
/** At most one re-read of counts (and pages) per this many ms while deltas stream in. */
const REFRESH_MS = 500;
/** A page read that failed is tried again after this long if it is still on screen (ms). */
const RETRY_MS = 1000;
/** Jobs per read when loading an input's jobs (the contract's maximum). */
const INPUT_READ = 1000;

export interface JobReaderDeps {
  get: StoreApi<BatchStoreState>['getState'];
  set: StoreApi<BatchStoreState>['setState'];
  studio: Pick<StudioClient, 'jobs:page' | 'jobs:counts' | 'jobs:byIds'>;
}

export interface RefreshOptions {
  /** Also re-read the pages on screen (their jobs may have moved). */
  pages: boolean;
}

export function createJobReader({ get, set, studio }: JobReaderDeps) {
  let gen = 0;
  let queryGen = 0;
  let lastDeltaAt = 0;
  let seq = 0;
  /** Deltas kept while a read is in flight, with the sequence number each got. */
  let log: { seq: number; byId: ReadonlyMap<number, JobView> }[] = [];
  const reads = new Set<{ start: number }>();
  const inFlight = new Set<string>();
  let wanted = new Set<string>();
  /** Page keys in the order they were last shown (most recent last), for eviction. */
  let recent: string[] = [];
  const pinGroups = new Map<string, readonly number[]>();
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let refreshWanted: RefreshOptions | null = null;
  let refreshing: Promise<void> | null = null;

  const beginRead = () => {
    const read = { start: seq };
    reads.add(read);
    return read;
  };
  /** The changes logged since `read` began, and the read's end. */
  const endRead = (read: { start: number }): Map<number, JobView> => {
    const since = new Map<number, JobView>();
    for (const entry of log)
      if (entry.seq > read.start) for (const [id, job] of entry.byId) since.set(id, job);
    reads.delete(read);
    const oldest = Math.min(...[...reads].map((r) => r.start));
    log = reads.size === 0 ? [] : log.filter((e) => e.seq > oldest);
    return since;
  };
  const current = (g: number, qg: number) => g === gen && qg === queryGen;

  async function readPage(key: string): Promise<void> {
    const { batchId, segments } = get();
    const { segment, page } = parsePageKey(key);
    const seg = segments.find((s) => s.key === segment);
    if (!batchId || !seg || inFlight.has(key)) return;
    inFlight.add(key);
    const read = beginRead();
    const g = gen;
    const qg = queryGen;
    try {
      const res = await studio['jobs:page']({
        batchId,
        ...seg.filter,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const since = endRead(read);
      if (!current(g, qg)) return;
      const rows = keepIdentity(get().pages.get(key), replaceChanged(res.rows, since));
      const pages = new Map(get().pages);
      pages.set(key, rows);
      set({ pages: evictPages(pages, wanted, recent, MAX_PAGES) });
    } catch {
      endRead(read);
      if (current(g, qg))
        setTimeout(() => wanted.has(key) && !get().pages.has(key) && void readPage(key), RETRY_MS);
    } finally {
      inFlight.delete(key);
    }
  }

  async function readCountsAndPages(opts: RefreshOptions): Promise<void> {
    const { batchId, query } = get();
    if (!batchId) return;
    const g = gen;
    const qg = queryGen;
    const counts = await studio['jobs:counts']({ batchId, ...query.filter });
    if (!current(g, qg)) return;
    const before = get().segments;
    const segments = segmentsFor(query.filter, query.grouped, counts);
    const moved =
      before.length !== segments.length ||
      segments.some((s, i) => s.total !== before[i]?.total || s.key !== before[i]?.key);
    // Unmoved segments keep their identity: the grid's layout (and every row on screen) stays as it is.
    set(moved ? { counts, segments } : { counts });
    if (!opts.pages && !moved) return;
    // The list may have shifted under the held pages: keep only those on screen, read them again.
    const held = get().pages;
    set({ pages: new Map([...held].filter(([key]) => wanted.has(key))) });
    await Promise.all(
      [...wanted].map(async (key) => {
        inFlight.delete(key);
        await readPage(key);
      }),
    );
  }

  /** Re-reads counts (and pages), one at a time; a request made meanwhile runs once after. */
  async function refresh(opts: RefreshOptions): Promise<void> {
    if (refreshing) {
      refreshWanted = { pages: opts.pages || (refreshWanted?.pages ?? false) };
      return refreshing;
    }
    refreshing = readCountsAndPages(opts).finally(() => {
      refreshing = null;
      const next = refreshWanted;
      refreshWanted = null;
      if (next) void refresh(next);
    });
    return refreshing;
  }

  function scheduleRefresh(opts: RefreshOptions): void {
    refreshWanted = { pages: opts.pages || (refreshWanted?.pages ?? false) };
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      const next = refreshWanted ?? opts;
      refreshWanted = null;
      void refresh(next).catch(() => undefined);
    }, REFRESH_MS);
  }

  async function readPinned(): Promise<void> {
    const ids = [...new Set([...pinGroups.values()].flat())];
    const { pinned, batchId } = get();
    const kept: Record<number, JobView> = {};
    for (const id of ids) if (pinned[id]) kept[id] = pinned[id];
    const missing = ids.filter((id) => !kept[id]);
    set({ pinned: kept });
    if (missing.length === 0 || !batchId) return;
    const read = beginRead();
    const g = gen;
    try {
      const rows = await studio['jobs:byIds']({ ids: missing });
      const since = endRead(read);
      if (g !== gen) return;
      const fresh = replaceChanged(
        rows.filter((j) => j.batchId === batchId),
        since,
      );
      const still = new Set([...pinGroups.values()].flat());
      const next = { ...get().pinned };
      for (const job of fresh) if (still.has(job.id)) next[job.id] = job;
      set({ pinned: next });
    } catch (error) {
      endRead(read);
      throw error;
    }
  }

  async function readInput(batchId: string, inputId: number): Promise<readonly JobView[]> {
    let rows: JobView[] = [];
    for (let offset = 0; ; offset += INPUT_READ) {
      const page = await studio['jobs:page']({ batchId, inputId, offset, limit: INPUT_READ });
      rows = rows.concat(page.rows);
      if (page.rows.length < INPUT_READ || rows.length >= page.total) return rows;
    }
  }

  return {
    generation: () => gen,
    lastDeltaAt: () => lastDeltaAt,
    /** A new batch: everything in flight is dropped. */
    reset() {
      gen += 1;
      queryGen += 1;
      log = [];
      reads.clear();
      inFlight.clear();
      wanted = new Set();
      recent = [];
      pinGroups.clear();
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      refreshWanted = null;
    },
    /** A new query on the same batch: pages in flight are dropped. */
    newQuery() {
      queryGen += 1;
      inFlight.clear();
      wanted = new Set();
      recent = [];
    },
    refresh,
    showPages(keys: readonly string[]) {
      wanted = new Set(keys);
      recent = [...recent.filter((k) => !wanted.has(k)), ...keys];
      if (recent.length > MAX_PAGES * 2) recent = recent.slice(-MAX_PAGES * 2);
      for (const key of keys) if (!get().pages.has(key)) void readPage(key);
      const pages = get().pages;
      const kept = evictPages(pages, wanted, recent, MAX_PAGES);
      if (kept !== pages) set({ pages: kept });
    },
    pin(group: string, ids: readonly number[]) {
      if (ids.length === 0) pinGroups.delete(group);
      else pinGroups.set(group, [...ids]);
      void readPinned().catch(() => undefined);
    },
    async loadInputJobs(inputIds: readonly number[]) {
      const { batchId, inputJobs } = get();
      if (!batchId) return;
      const kept: Record<number, readonly JobView[]> = {};
      for (const id of inputIds) if (inputJobs[id]) kept[id] = inputJobs[id];
      set({ inputJobs: kept });
      const g = gen;
      for (const inputId of inputIds.filter((id) => !kept[id])) {
        const read = beginRead();
        const rows = await readInput(batchId, inputId).finally(() => reads.delete(read));
        reads.add(read);
        const since = endRead(read);
        if (g !== gen) return;
        set({ inputJobs: { ...get().inputJobs, [inputId]: replaceChanged(rows, since) } });
      }
    },
    /** Applies one delta's jobs (by id) wherever they are held, and keeps the counts in step. */
    applyDelta(byId: ReadonlyMap<number, JobView>, batch: BatchView | null) {
      lastDeltaAt = Date.now();
      if (byId.size > 0 && reads.size > 0) log.push({ seq: ++seq, byId });
      else if (byId.size > 0) seq += 1;
      const s = get();
      const patch: Partial<BatchStoreState> = {};
      const pages = mergeIntoPages(s.pages, byId);
      if (pages !== s.pages) patch.pages = pages;
      const pinnedIds = Object.keys(s.pinned)
        .map(Number)
        .filter((id) => byId.has(id));
      if (pinnedIds.length > 0) {
        const pinned = { ...s.pinned };
        for (const id of pinnedIds) pinned[id] = newer(pinned[id]!, byId.get(id)!);
        patch.pinned = pinned;
      }
      const sets = { ...s.inputJobs };
      let setsChanged = false;
      for (const [inputId, list] of Object.entries(s.inputJobs)) {
        const next = replaceChanged(list, byId);
        if (next === list) continue;
        sets[Number(inputId)] = next;
        setsChanged = true;
      }
      if (setsChanged) patch.inputJobs = sets;
      const filter = s.query.filter;
      if (!isNarrowed(filter)) {
        // Unfiltered, the batch's own counts are the list's (per input they never change): no re-read.
        if (s.counts && batch && batch.counts !== s.counts.byState)
          patch.counts = { ...s.counts, total: batch.total, byState: batch.counts };
      } else if (byId.size > 0) {
        scheduleRefresh({ pages: membershipMayChange(filter) });
      }
      if (Object.keys(patch).length > 0) set(patch);
    },
  };
}
