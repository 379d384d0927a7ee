/**
 * Every batch, for History and the grid's batch picker, kept live. House rule "snapshot, then
 * subscribe": `start()` listens to `jobs:changed` first, then reads `batch:list`; deltas that arrive
 * while the list loads are buffered and merged after it (they are newer), so a batch that moves during
 * the load is never left stale. Later deltas merge as they come. Deltas carry no deletions, so deleting
 * a batch drops it here and re-reads the list. History's prompt search goes through here too.
 */

import type { BatchView, HistoryHit, JobsChanged } from '@shared/contract';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { errorText } from '../components/error-text';

export type BatchList =
  | { status: 'loading' }
  | { status: 'ready'; batches: BatchView[] }
  | { status: 'error'; message: string };

export interface BatchesState {
  /** Newest first (the order `batch:list` answers in; batches first seen in a delta go in front). */
  list: BatchList;
  /**
   * Starts the snapshot and the subscription for one user (a mounted view); returns its stop function.
   * The subscription ends when the last user stops; the next start re-reads (events were missed).
   */
  start(): () => void;
  /** Re-reads the list. A list already shown stays on screen until the new one arrives. */
  reload(): Promise<void>;
  /** Merges one `jobs:changed` payload; exported so tests feed the real path. */
  applyChanges(payload: JobsChanged): void;
  /** Deletes a batch (optionally its files), drops it from the list, then re-reads. */
  deleteBatch(args: { batchId: string; deleteFiles: boolean }): Promise<{ filesDeleted: number }>;
  /** Full-text search over every batch's prompts (FTS5 in main). */
  searchPrompts(text: string): Promise<HistoryHit[]>;
}

/** Most batches listed. Default 500 (what main keeps in its list). */
const LIST_LIMIT = 500;
/** Most prompt hits a search returns. Default 200 (the contract's maximum). */
const SEARCH_LIMIT = 200;

/**
 * Replaces the held batches that `changed` carries (the last copy wins) and puts the ones not held in
 * front, newest first. Returns `held` itself when `changed` is empty.
 */
export function mergeBatches(held: BatchView[], changed: readonly BatchView[]): BatchView[] {
  if (changed.length === 0) return held;
  const byId = new Map(changed.map((b) => [b.id, b]));
  const next = held.map((b) => {
    const fresh = byId.get(b.id);
    if (!fresh) return b;
    byId.delete(b.id);
    return fresh;
  });
  const added = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
  return added.length ? [...added, ...next] : next;
}

let users = 0;
let unsubscribe: (() => void) | null = null;
/** Stops following the link to main (re-read when a restarted studio is back). */
let unfollowConnection: (() => void) | null = null;
/** Bumped by every snapshot and by the last stop, so a superseded answer is dropped. */
let generation = 0;
/** Deltas seen while a snapshot is in flight; null when none is. */
let buffered: JobsChanged[] | null = null;
/** Batches deleted here: a delta still in flight for one must not bring it back. */
const deleted = new Set<string>();

export const useBatches = create<BatchesState>((set, get) => {
  async function snapshot(): Promise<void> {
    const gen = ++generation;
    const mine: JobsChanged[] = [];
    buffered = mine;
    if (get().list.status === 'error') set({ list: { status: 'loading' } });
    try {
      const batches = await studio['batch:list']({ limit: LIST_LIMIT });
      if (gen !== generation) return;
      buffered = null;
      set({ list: { status: 'ready', batches: batches.filter((b) => !deleted.has(b.id)) } });
      for (const payload of mine) get().applyChanges(payload);
    } catch (error) {
      if (gen !== generation) return;
      buffered = null;
      set({ list: { status: 'error', message: errorText(error) } });
    }
  }

  return {
    list: { status: 'loading' },

    start() {
      users += 1;
      if (users === 1) {
        unsubscribe = studio.on('jobs:changed', (payload) => {
          if (buffered) buffered.push(payload);
          else get().applyChanges(payload);
        });
        unfollowConnection = studio.onConnection((state) => state === 'live' && void snapshot());
        void snapshot();
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        users -= 1;
        if (users > 0) return;
        unsubscribe?.();
        unsubscribe = null;
        unfollowConnection?.();
        unfollowConnection = null;
        buffered = null;
        generation += 1;
      };
    },

    reload: () => snapshot(),

    applyChanges({ batches }) {
      const { list } = get();
      if (list.status !== 'ready') return;
      const next = mergeBatches(
        list.batches,
        batches.filter((b) => !deleted.has(b.id)),
      );
      if (next !== list.batches) set({ list: { status: 'ready', batches: next } });
    },

    async deleteBatch({ batchId, deleteFiles }) {
      const result = await studio['batch:delete']({ batchId, deleteFiles });
      deleted.add(batchId);
      const { list } = get();
      if (list.status === 'ready')
        set({ list: { status: 'ready', batches: list.batches.filter((b) => b.id !== batchId) } });
      void snapshot();
      return { filesDeleted: result.filesDeleted };
    },

    searchPrompts: (text) => studio['history:search']({ text, limit: SEARCH_LIMIT }),
  };
});

// Coming back (network, sleep, a hidden tab) is when events may have been missed: re-read if in use.
if (typeof window !== 'undefined') {
  const again = () => {
    if (users > 0) void useBatches.getState().reload();
  };
  window.addEventListener('online', again);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') again();
  });
}
