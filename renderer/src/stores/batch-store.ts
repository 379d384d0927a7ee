/**
 * The live jobs of the open batch, shared by the grid, the matrix and compare. It follows the house rule
 * "snapshot, then subscribe": it listens to `jobs:changed` first (buffering deltas), loads `batch:get`
 * plus every `jobs:page`, then merges the buffered deltas by job id. Because a missed event must never
 * leave the grid stale it also heals itself: a cheap `batch:get` every few seconds while work is open,
 * and on window focus / coming back online; when the batch's own counts disagree with the jobs held
 * here, it re-snapshots. The actions on a batch and its jobs (pause, resume, cancel, retry, reveal,
 * the job detail, matrix export) live here too; their effects come back as `jobs:changed` deltas.
 */

import type {
  BatchView,
  InputView,
  JobDetail,
  JobsChanged,
  JobView,
  MatrixExport,
  MethodArgs,
} from '@shared/contract';
import { JOB_STATES, type JobState } from '@shared/scheduling';
import { create } from 'zustand';
import { studio } from '../api/studio-api';

const PAGE_SIZE = 1000;
/** How often an open, unfinished batch is checked against the jobs held here (ms). */
const HEAL_INTERVAL_MS = 4000;
/** Quiet time after a delta before the batch's counts are compared with the jobs held (ms). */
const DRIFT_CHECK_MS = 400;

export type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; message: string };

export interface BatchStoreState {
  batchId: string | null;
  batch: BatchView | null;
  /** Jobs in ordinal order; a changed job is a new object, untouched jobs keep their identity. */
  jobs: JobView[];
  inputs: InputView[];
  load: LoadState;
  /** Opens (or with null, closes) a batch: snapshot, then live deltas. Idempotent for the same id. */
  open(batchId: string | null): void;
  /** Re-reads the whole batch (used on reconnect and when drift is detected). */
  resnapshot(): Promise<void>;
  /** Merges one `jobs:changed` payload; exported so tests and the renderer benchmark feed the real path. */
  applyChanges(payload: JobsChanged): void;
  /** Batch controls; each rejects with main's error, and its effect arrives as a delta. */
  pause(batchId: string): Promise<void>;
  resume(batchId: string): Promise<void>;
  cancel(batchId: string): Promise<void>;
  retryFailed(batchId: string): Promise<void>;
  /** Sets (or with null removes) the batch's spend cap; a batch paused at its cap resumes once it has room. */
  setMaxSpend(batchId: string, maxSpendUsd: number | null): Promise<void>;
  /** Puts a failed or cancelled job back in the queue. */
  retryJob(jobId: number): Promise<void>;
  /** Opens the job's output file (`open`) or shows it in its folder; false when the file is gone. */
  revealJob(jobId: number, open: boolean): Promise<boolean>;
  /** One job with its input and event log, read fresh (the drawer re-reads it as the job changes). */
  readJob(jobId: number): Promise<JobDetail>;
  /** Has main render an X/Y matrix of the batch to a PNG. */
  exportMatrix(args: MethodArgs<'matrix:export'>): Promise<MatrixExport>;
}

/** Counts of `jobs` per state. */
export function countStates(jobs: readonly JobView[]): Record<JobState, number> {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const job of jobs) counts[job.state] += 1;
  return counts;
}

function sameCounts(batch: BatchView, jobs: readonly JobView[]): boolean {
  if (batch.total !== jobs.length) return false;
  const held = countStates(jobs);
  return JOB_STATES.every((s) => (batch.counts[s] ?? 0) === held[s]);
}

/** Merges changed rows into `jobs` by id, keeping ordinal order. Returns the same array when nothing changed. */
const FINAL_STATES: ReadonlySet<string> = new Set(['completed', 'skipped_duplicate']);

export function mergeJobs(jobs: JobView[], changed: readonly JobView[], batchId: string): JobView[] {
  const mine = changed.filter((j) => j.batchId === batchId);
  if (mine.length === 0) return jobs;
  const byId = new Map(mine.map((j) => [j.id, j]));
  let next = jobs.map((j) => {
    const fresh = byId.get(j.id);
    if (!fresh) return j;
    byId.delete(j.id);
    // A job never leaves completed / skipped_duplicate, so a row that would move it out is stale (a
    // delta read before the snapshot page it is merged after).
    return FINAL_STATES.has(j.state) && fresh.state !== j.state ? j : fresh;
  });
  if (byId.size > 0) next = [...next, ...byId.values()].sort((a, b) => a.ordinal - b.ordinal);
  return next;
}

let generation = 0;
let unsubscribe: (() => void) | null = null;
let healTimer: ReturnType<typeof setInterval> | null = null;
let driftTimer: ReturnType<typeof setTimeout> | null = null;
/** When drift last caused a re-read: at most one per DRIFT_COOLDOWN_MS, so a server-side mismatch cannot loop. */
let lastDriftRead = 0;
const DRIFT_COOLDOWN_MS = 3000;

export const useBatchStore = create<BatchStoreState>((set, get) => {
  async function snapshot(batchId: string, gen: number, quiet: boolean): Promise<void> {
    const buffered: JobsChanged[] = [];
    const stillMine = () => gen === generation;
    // Deltas that arrive while the pages load are kept and merged after them (they are newer).
    const buffer = (p: JobsChanged) => buffered.push(p);
    pending.add(buffer);
    if (!quiet) set({ load: { status: 'loading' } });
    try {
      const [batch, inputs] = await Promise.all([
        studio['batch:get']({ batchId }),
        studio['batch:inputs']({ batchId }),
      ]);
      let jobs: JobView[] = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = await studio['jobs:page']({ batchId, offset, limit: PAGE_SIZE });
        jobs = jobs.concat(page.rows);
        if (page.rows.length < PAGE_SIZE || jobs.length >= page.total) break;
      }
      if (!stillMine()) return;
      jobs.sort((a, b) => a.ordinal - b.ordinal);
      set({ batch, inputs, jobs, load: { status: 'ready' } });
      for (const p of buffered) get().applyChanges(p);
    } catch (err) {
      if (stillMine()) set({ load: { status: 'error', message: (err as Error).message } });
    } finally {
      pending.delete(buffer);
    }
  }

  /** Listeners that see every delta while a snapshot is in flight. */
  const pending = new Set<(p: JobsChanged) => void>();

  /** Re-reads when the batch's counts and the jobs held disagree; at most once per cooldown, never dropped. */
  function scheduleDriftCheck(delay: number): void {
    if (driftTimer) clearTimeout(driftTimer);
    driftTimer = setTimeout(() => {
      driftTimer = null;
      const now = get();
      if (!now.batch || now.load.status !== 'ready' || sameCounts(now.batch, now.jobs)) return;
      const wait = lastDriftRead + DRIFT_COOLDOWN_MS - Date.now();
      if (wait > 0) return scheduleDriftCheck(wait);
      lastDriftRead = Date.now();
      void now.resnapshot();
    }, delay);
  }

  async function heal(): Promise<void> {
    const { batchId, batch, jobs, load } = get();
    if (!batchId || load.status !== 'ready' || pending.size > 0) return;
    const gen = generation;
    try {
      const fresh = await studio['batch:get']({ batchId });
      if (gen !== generation) return;
      if (!sameCounts(fresh, get().jobs) || fresh.total !== jobs.length) await snapshot(batchId, gen, true);
      else if (fresh !== batch) set({ batch: fresh });
    } catch {
      // A failed check is retried on the next tick; the load state stays as it is.
    }
  }

  return {
    batchId: null,
    batch: null,
    jobs: [],
    inputs: [],
    load: { status: 'idle' },
    open(batchId) {
      if (batchId === get().batchId && get().load.status !== 'error') return;
      generation += 1;
      const gen = generation;
      unsubscribe?.();
      unsubscribe = null;
      if (healTimer) clearInterval(healTimer);
      healTimer = null;
      set({ batchId, batch: null, jobs: [], inputs: [], load: { status: batchId ? 'loading' : 'idle' } });
      if (!batchId) return;
      unsubscribe = studio.on('jobs:changed', (p) => {
        for (const listener of pending) listener(p);
        if (gen === generation && pending.size === 0) get().applyChanges(p);
      });
      healTimer = setInterval(() => {
        const state = get().batch?.state;
        if (state && state !== 'completed' && state !== 'cancelled') void heal();
      }, HEAL_INTERVAL_MS);
      void snapshot(batchId, gen, false);
    },
    async resnapshot() {
      const { batchId } = get();
      if (batchId) await snapshot(batchId, generation, true);
    },
    applyChanges(payload) {
      const { batchId, jobs, batch } = get();
      if (!batchId) return;
      const nextJobs = mergeJobs(jobs, payload.jobs, batchId);
      const nextBatch = payload.batches.find((b) => b.id === batchId) ?? batch;
      if (nextJobs !== jobs || nextBatch !== batch) set({ jobs: nextJobs, batch: nextBatch });
      // Bulk changes (cancel, retry all) may arrive as a batch update without their jobs: when the
      // batch's counts and the jobs held disagree once the deltas go quiet, re-read.
      scheduleDriftCheck(DRIFT_CHECK_MS);
    },
    async pause(batchId) {
      await studio['batch:pause']({ batchId });
    },
    async resume(batchId) {
      await studio['batch:resume']({ batchId });
    },
    async cancel(batchId) {
      await studio['batch:cancel']({ batchId });
    },
    async retryFailed(batchId) {
      await studio['batch:retryFailed']({ batchId });
    },
    async setMaxSpend(batchId, maxSpendUsd) {
      await studio['batch:setMaxSpend']({ batchId, maxSpendUsd });
    },
    async retryJob(jobId) {
      await studio['job:retry']({ jobId });
    },
    revealJob: async (jobId, open) => (await studio['job:reveal']({ jobId, open })).ok,
    readJob: (jobId) => studio['job:get']({ jobId }),
    exportMatrix: (args) => studio['matrix:export'](args),
  };
});

// Coming back (network, sleep, a hidden tab, a restarted studio) is when events may have been missed:
// re-read.
if (typeof window !== 'undefined') {
  const again = () => void useBatchStore.getState().resnapshot();
  studio.onConnection((state) => state === 'live' && again());
  window.addEventListener('online', again);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') again();
  });
}
