/**
 * Coalesces job and batch changes into a few events per second for the UI and the CLI. Writers just
 * mark ids dirty; a flush reads the freshest rows, so a subscriber never sees a stale intermediate
 * state and a burst of 1,000 transitions becomes one event. Pair with snapshot queries: snapshot,
 * then subscribe.
 */
import { EventEmitter } from 'node:events';

export interface ChangeBatch<J, B> {
  jobs: J[];
  batches: B[];
}

export interface ChangeFeedOptions<J, B> {
  /** Reads the current rows for the dirty ids (missing ids are dropped). */
  loadJobs(ids: number[]): J[];
  loadBatches(ids: string[]): B[];
  /** Flush period in ms. Default 250 (four events a second at most). */
  intervalMs?: number;
}

export interface ChangeFeed<J, B> {
  jobChanged(id: number, batchId: string): void;
  batchChanged(batchId: string): void;
  /** Delivers pending changes now (used before shutdown and by tests). */
  flush(): void;
  subscribe(listener: (changes: ChangeBatch<J, B>) => void): () => void;
  close(): void;
}

/** Creates a feed; nothing is emitted while there are no changes. */
export function createChangeFeed<J, B>(options: ChangeFeedOptions<J, B>): ChangeFeed<J, B> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const dirtyJobs = new Set<number>();
  const dirtyBatches = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const intervalMs = options.intervalMs ?? 250;

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(flush, intervalMs);
    timer.unref();
  };

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (dirtyJobs.size === 0 && dirtyBatches.size === 0) return;
    const jobs = options.loadJobs([...dirtyJobs]);
    const batches = options.loadBatches([...dirtyBatches]);
    dirtyJobs.clear();
    dirtyBatches.clear();
    emitter.emit('changes', { jobs, batches });
  }

  return {
    jobChanged(id, batchId) {
      dirtyJobs.add(id);
      dirtyBatches.add(batchId);
      schedule();
    },
    batchChanged(batchId) {
      dirtyBatches.add(batchId);
      schedule();
    },
    flush,
    subscribe(listener) {
      emitter.on('changes', listener);
      return () => emitter.off('changes', listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      emitter.removeAllListeners();
    },
  };
}
