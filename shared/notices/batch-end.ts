/**
 * "Tell me when it is done": what to say when a batch ends, and when to say it, decided once for the
 * desktop shell (an OS notification from main) and web mode (the browser's Notification API). Plain
 * contract data in, notices out; each side only shows them.
 */
import type { BatchView } from '../contract/views';
import { describeBatch } from '../scheduling/batch-words';

/** A notification to show. */
export interface BatchNotice {
  batchId: string;
  title: string;
  body: string;
}

const ENDED: ReadonlySet<BatchView['state']> = new Set(['completed', 'cancelled', 'halted']);

/**
 * The notification for a batch in an end state, or null for one still going; in the studio's one batch
 * vocabulary (shared/scheduling's describeBatch): "Sweep finished" — "Coasts: 9 done, 1 failed".
 */
export function endNotice(batch: BatchView): BatchNotice | null {
  if (!ENDED.has(batch.state)) return null;
  const words = describeBatch(batch.state, batch.counts);
  const reason = batch.state === 'halted' && batch.haltReason ? `, ${batch.haltReason}` : '';
  return {
    batchId: batch.id,
    title: `Sweep ${words.word.toLowerCase()}`,
    body: `${batch.name}: ${words.detail}${reason}`,
  };
}

export interface EndAnnouncer {
  /** Folds in the batches of one `jobs:changed` event; returns the notices due now. */
  update(batches: readonly BatchView[]): BatchNotice[];
}

/**
 * Announces each ending once: a batch must have ended after `sinceMs` (the app's or page's start, so
 * batches finished earlier stay quiet) and is announced again only after it ran again (a retry).
 */
export function createEndAnnouncer(sinceMs: number): EndAnnouncer {
  const announced = new Set<string>();
  return {
    update(batches) {
      const notices: BatchNotice[] = [];
      for (const batch of batches) {
        const notice = endNotice(batch);
        if (!notice) announced.delete(batch.id);
        else if (!announced.has(batch.id) && (batch.finishedAt ?? Date.now()) >= sinceMs) {
          announced.add(batch.id);
          notices.push(notice);
        }
      }
      return notices;
    },
  };
}
