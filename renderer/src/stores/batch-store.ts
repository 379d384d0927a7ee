/**
 * The open batch, shared by the grid, the matrix and compare: the batch view, its inputs, and *windows*
 * onto its jobs rather than every job (see job-window.ts): the pages of the grid's filtered list that are
 * on screen, the jobs views watch by id (detail, picks, compare), and every job of the inputs the matrix
 * or compare look at. Main applies the filters and counts (`jobs:page`, `jobs:counts`).
 *
 * Snapshot, then subscribe: `jobs:changed` is listened to before anything is read, and each page read is
 * followed by the deltas that arrived while it was in flight, so a page can never undo a newer change.
 * A delta replaces the jobs it carries wherever they are held; when it may move jobs into or out of the
 * filter (a status filter), the counts and held pages are read again, at most every REFRESH_MS. A missed
 * event never leaves the grid stale for long: a cheap `batch:get` every few seconds while work is open,
 * and on focus / coming back online, re-reads what is held when the counts disagree. The actions on a
 * batch and its jobs live here too; their effects come back as deltas.
 */

import type {
  BatchView,
  InputView,
  JobCounts,
  JobDetail,
  JobFilterArgs,
  JobsChanged,
  JobView,
  MatrixExport,
  MethodArgs,
  RevealResult,
} from '@shared/contract';
import { JOB_STATES } from '@shared/scheduling';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { createJobReader } from './job-reader';
import { changesById, type Pages, type Segment } from './job-window';

/** How often an open, unfinished batch is checked against main (ms). */
const HEAL_INTERVAL_MS = 4000;
/** A check only re-reads when no delta came for this long, so a live run does not re-read needlessly (ms). */
const QUIET_MS = 2000;

export type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; message: string };

/** What the grid lists: main's filter, and whether the list is split per input. */
export interface JobQuery {
  filter: JobFilterArgs;
  grouped: boolean;
}

export interface BatchStoreState {
  batchId: string | null;
  batch: BatchView | null;
  inputs: InputView[];
  load: LoadState;
  query: JobQuery;
  /** Main's counts for `query` (null until read). */
  counts: JobCounts | null;
  /** The query's segments (see job-window.ts), with their totals. */
  segments: Segment[];
  /** Held pages of the segments, by page key. */
  pages: Pages;
  /** Jobs watched by id (detail, picks, compare), kept live. */
  pinned: Readonly<Record<number, JobView>>;
  /** Every job of the inputs the matrix and compare asked for, in ordinal order, kept live. */
  inputJobs: Readonly<Record<number, readonly JobView[]>>;
  /** Opens (or with null, closes) a batch: snapshot, then live deltas. Idempotent for the same id. */
  open(batchId: string | null): void;
  /** Changes what the grid lists; reads the new counts, drops the pages held for the old query. */
  setQuery(query: JobQuery): void;
  /** The pages on screen (keys from job-window's pagesCovering): reads those missing, forgets far ones. */
  showPages(keys: readonly string[]): void;
  /** Watches `ids` under `group` (replacing that group's ids); reads those not held. */
  pin(group: string, ids: readonly number[]): void;
  /** Reads every job of these inputs for the matrix / compare (and forgets other inputs' jobs). */
  loadInputJobs(inputIds: readonly number[]): Promise<void>;
  /** A held job (page, pin or input set), or undefined. */
  findJob(id: number): JobView | undefined;
  /** Re-reads the batch and everything held (reconnect, drift). */
  resnapshot(): Promise<void>;
  /** Merges one `jobs:changed` payload; exported so tests and the renderer benchmark feed the real path. */
  applyChanges(payload: JobsChanged): void;
  /** Batch controls; each rejects with main's error, and its effect arrives as a delta. */
  pause(batchId: string): Promise<void>;
  resume(batchId: string): Promise<void>;
  cancel(batchId: string): Promise<void>;
  retryFailed(batchId: string): Promise<void>;
  /** Puts the batch's cancelled jobs back in the queue. */
  requeueCancelled(batchId: string): Promise<void>;
  /** Sets (or with null removes) the batch's spend cap; a batch paused at its cap resumes once it has room. */
  setMaxSpend(batchId: string, maxSpendUsd: number | null): Promise<void>;
  /** Puts a failed or cancelled job back in the queue. */
  retryJob(jobId: number): Promise<void>;
  /** Opens the job's output file (`open`) or shows it in its folder; main says why when it cannot. */
  revealJob(jobId: number, open: boolean): Promise<RevealResult>;
  /** One job with its input and event log, read fresh (the drawer re-reads it as the job changes). */
  readJob(jobId: number): Promise<JobDetail>;
  /** Has main render an X/Y matrix of the batch to a PNG. */
  exportMatrix(args: MethodArgs<'matrix:export'>): Promise<MatrixExport>;
}

const EMPTY_QUERY: JobQuery = { filter: {}, grouped: false };

let unsubscribe: (() => void) | null = null;
let healTimer: ReturnType<typeof setInterval> | null = null;

export const useBatchStore = create<BatchStoreState>((set, get) => {
  const reader = createJobReader({ get, set, studio });

  async function snapshot(batchId: string, quiet: boolean): Promise<void> {
    const gen = reader.generation();
    if (!quiet) set({ load: { status: 'loading' } });
    try {
      const [batch, inputs] = await Promise.all([
        studio['batch:get']({ batchId }),
        studio['batch:inputs']({ batchId }),
      ]);
      if (gen !== reader.generation()) return;
      set({ batch, inputs });
      await reader.refresh({ pages: true });
      if (gen === reader.generation()) set({ load: { status: 'ready' } });
    } catch (err) {
      if (gen === reader.generation()) set({ load: { status: 'error', message: (err as Error).message } });
    }
  }

  async function heal(): Promise<void> {
    const { batchId, batch, load } = get();
    if (!batchId || load.status !== 'ready' || Date.now() - reader.lastDeltaAt() < QUIET_MS) return;
    const gen = reader.generation();
    try {
      const fresh = await studio['batch:get']({ batchId });
      if (gen !== reader.generation()) return;
      const drifted = !batch || JOB_STATES.some((s) => batch.counts[s] !== fresh.counts[s]);
      set({ batch: fresh });
      if (drifted) await reader.refresh({ pages: true });
    } catch {
      // A failed check is retried on the next tick; the load state stays as it is.
    }
  }

  return {
    batchId: null,
    batch: null,
    inputs: [],
    load: { status: 'idle' },
    query: EMPTY_QUERY,
    counts: null,
    segments: [],
    pages: new Map(),
    pinned: {},
    inputJobs: {},
    open(batchId) {
      if (batchId === get().batchId && get().load.status !== 'error') return;
      reader.reset();
      unsubscribe?.();
      unsubscribe = null;
      if (healTimer) clearInterval(healTimer);
      healTimer = null;
      set({
        batchId,
        batch: null,
        inputs: [],
        counts: null,
        segments: [],
        pages: new Map(),
        pinned: {},
        inputJobs: {},
        load: { status: batchId ? 'loading' : 'idle' },
      });
      if (!batchId) return;
      const gen = reader.generation();
      unsubscribe = studio.on('jobs:changed', (p) => {
        if (gen === reader.generation()) get().applyChanges(p);
      });
      healTimer = setInterval(() => {
        const state = get().batch?.state;
        if (state && state !== 'completed' && state !== 'cancelled') void heal();
      }, HEAL_INTERVAL_MS);
      void snapshot(batchId, false);
    },
    setQuery(query) {
      const now = get().query;
      if (now.grouped === query.grouped && JSON.stringify(now.filter) === JSON.stringify(query.filter))
        return;
      reader.newQuery();
      set({ query, pages: new Map(), counts: null, segments: [] });
      if (get().batchId) void reader.refresh({ pages: false });
    },
    showPages: (keys) => reader.showPages(keys),
    pin: (group, ids) => reader.pin(group, ids),
    loadInputJobs: (inputIds) => reader.loadInputJobs(inputIds),
    findJob(id) {
      const { pinned, pages, inputJobs } = get();
      if (pinned[id]) return pinned[id];
      for (const page of pages.values()) for (const job of page) if (job.id === id) return job;
      for (const list of Object.values(inputJobs)) for (const job of list) if (job.id === id) return job;
      return undefined;
    },
    async resnapshot() {
      const { batchId } = get();
      if (batchId) await snapshot(batchId, true);
    },
    applyChanges(payload) {
      const { batchId, batch } = get();
      if (!batchId) return;
      const nextBatch = payload.batches.find((b) => b.id === batchId) ?? batch;
      if (nextBatch !== batch) set({ batch: nextBatch });
      reader.applyDelta(changesById(payload.jobs, batchId), nextBatch);
    },
    async pause(batchId) {
      await studio['batch:pause']({ batchId });
    },
    async resume(batchId) {
      await studio['batch:resume']({ batchId });
    },
    async cancel(batchId) {
      await studio['batch:cancel']({ batchId });
      // A bulk move: read what is held again rather than trust that every delta made it.
      if (get().batchId === batchId) await reader.refresh({ pages: true });
    },
    async retryFailed(batchId) {
      await studio['batch:retryFailed']({ batchId });
      if (get().batchId === batchId) await reader.refresh({ pages: true });
    },
    async requeueCancelled(batchId) {
      await studio['batch:requeueCancelled']({ batchId });
      if (get().batchId === batchId) await reader.refresh({ pages: true });
    },
    async setMaxSpend(batchId, maxSpendUsd) {
      await studio['batch:setMaxSpend']({ batchId, maxSpendUsd });
    },
    async retryJob(jobId) {
      await studio['job:retry']({ jobId });
    },
    revealJob: (jobId, open) => studio['job:reveal']({ jobId, open }),
    readJob: (jobId) => studio['job:get']({ jobId }),
    exportMatrix: (args) => studio['matrix:export'](args),
  };
});

// Coming back (network, sleep, a hidden tab, a restarted studio) is when events may have been missed:
// re-read.
if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  const again = () => void useBatchStore.getState().resnapshot();
  studio.onConnection((state) => state === 'live' && again());
  window.addEventListener('online', again);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') again();
  });
}
