/**
 * What the desktop shell shows about running batches, decided from the contract's `jobs:changed`
 * events alone: the taskbar progress (done / total over running batches), whether the machine must stay
 * awake, and one notification when a batch ends. Plain data in, plain data out; batch-watch.ts does the
 * Electron calls.
 */
import type { BatchView } from '@shared/contract';

/** A notification to show. */
export interface BatchNotice {
  batchId: string;
  title: string;
  body: string;
}

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

const ENDED_TITLES: Partial<Record<BatchView['state'], string>> = {
  completed: 'Sweep completed',
  cancelled: 'Sweep cancelled',
  halted: 'Sweep halted',
};

/** The notification for a batch in an end state, or null for one still going. */
export function endNotice(batch: BatchView): BatchNotice | null {
  const title = ENDED_TITLES[batch.state];
  if (!title) return null;
  const parts = [`${batch.counts.completed + batch.counts.skipped_duplicate} done`];
  if (batch.counts.failed) parts.push(`${batch.counts.failed} failed`);
  if (batch.state === 'halted' && batch.haltReason) parts.push(batch.haltReason);
  return { batchId: batch.id, title, body: `${batch.name}: ${parts.join(', ')}` };
}

/**
 * Tracks batches across events. A batch is announced once per ending: it must have ended after
 * `sinceMs` (the shell's start, so batches finished in earlier runs stay quiet) and is announced again
 * only after it ran again (a retry).
 */
export function createBatchTracker(sinceMs: number): BatchTracker {
  const latest = new Map<string, Pick<BatchView, 'state' | 'total' | 'done'>>();
  const announced = new Set<string>();
  return {
    update(batches) {
      const notices: BatchNotice[] = [];
      for (const batch of batches) {
        latest.set(batch.id, { state: batch.state, total: batch.total, done: batch.done });
        const notice = endNotice(batch);
        if (!notice) announced.delete(batch.id);
        else if (!announced.has(batch.id) && (batch.finishedAt ?? Date.now()) >= sinceMs) {
          announced.add(batch.id);
          notices.push(notice);
        }
      }
      const running = [...latest.values()].filter((b) => b.state === 'running');
      const total = running.reduce((n, b) => n + b.total, 0);
      const done = running.reduce((n, b) => n + b.done, 0);
      return { progress: total === 0 ? -1 : done / total, running: running.length > 0, notices };
    },
  };
}
