/**
 * What the desktop shell shows about running batches, decided from the contract's `jobs:changed`
 * events alone: the taskbar progress (done / total over running batches), whether the machine must stay
 * awake, and one notification when a batch ends (worded and timed by @shared/notices, as web mode's
 * are). Plain data in, plain data out; batch-watch.ts does the Electron calls.
 */
import type { BatchView } from '@shared/contract';
import { type BatchNotice, createEndAnnouncer } from '@shared/notices';

export { type BatchNotice, endNotice } from '@shared/notices';

export interface BatchOutlook {
  /** Fraction done over running batches, 0..1; -1 when none runs (Electron's "remove the bar"). */
  progress: number;
  /** True while any batch runs: keep the system from suspending the app. */
  running: boolean;
  /** Batches that ended since the previous update. */
  notices: BatchNotice[];
}

export interface BatchTracker {
  /** Folds the batches of one `jobs:changed` event in. */
  update(batches: readonly BatchView[]): BatchOutlook;
}

/** Tracks batches across events; ends after `sinceMs` (the shell's start) are announced once each. */
export function createBatchTracker(sinceMs: number): BatchTracker {
  const latest = new Map<string, Pick<BatchView, 'state' | 'total' | 'done'>>();
  const announcer = createEndAnnouncer(sinceMs);
  return {
    update(batches) {
      for (const batch of batches)
        latest.set(batch.id, { state: batch.state, total: batch.total, done: batch.done });
      const notices = announcer.update(batches);
      const running = [...latest.values()].filter((b) => b.state === 'running');
      const total = running.reduce((n, b) => n + b.total, 0);
      const done = running.reduce((n, b) => n + b.done, 0);
      return { progress: total === 0 ? -1 : done / total, running: running.length > 0, notices };
    },
  };
}
