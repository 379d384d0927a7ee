/**
 * One vocabulary for a batch, used by the grid's header, History, the batch picker and the CLI: a state
 * word ("Running", "Paused", "Halted", "Finished", "Cancelled", "Not started"), a tone for its colour,
 * and one line such as "Finished — 288 done, 48 failed". "Done" always means a result exists (made or
 * reused); failed and cancelled jobs are named as such, never counted as done. A batch with failures is
 * never shown in the success colour.
 */
import type { BatchState, JobStateCounts } from './job-states';
import { totalJobs } from './job-states';

/** ok = every job done; warn = finished or stopped with failures, or paused; bad = halted; active = running. */
export type BatchTone = 'ok' | 'warn' | 'bad' | 'active' | 'neutral';

export interface BatchWords {
  /** The state word, e.g. "Finished". */
  word: string;
  tone: BatchTone;
  /** e.g. "Finished — 288 done, 48 failed" or "Running — 120 of 336 done, 3 failed". */
  line: string;
  /** The line without its state word: "288 done, 48 failed". */
  detail: string;
  /** Jobs with a result (completed + reused). */
  done: number;
  failed: number;
  cancelled: number;
  total: number;
}

const WORDS: Record<BatchState, string> = {
  draft: 'Not started',
  running: 'Running',
  paused: 'Paused',
  halted: 'Halted',
  completed: 'Finished',
  cancelled: 'Cancelled',
};

const n = (x: number) => x.toLocaleString('en-US');

/** The words for a batch in `state` with these job counts. */
export function describeBatch(state: BatchState, counts: JobStateCounts): BatchWords {
  const total = totalJobs(counts);
  const done = (counts.completed ?? 0) + (counts.skipped_duplicate ?? 0);
  const failed = counts.failed ?? 0;
  const cancelled = counts.cancelled ?? 0;
  const settled = state === 'completed' || state === 'cancelled';
  const parts = [settled ? `${n(done)} done` : `${n(done)} of ${n(total)} done`];
  if (failed > 0) parts.push(`${n(failed)} failed`);
  if (cancelled > 0) parts.push(`${n(cancelled)} cancelled`);
  const tone: BatchTone =
    state === 'halted'
      ? 'bad'
      : state === 'running'
        ? 'active'
        : state === 'completed'
          ? failed > 0 || cancelled > 0 || done < total
            ? 'warn'
            : 'ok'
          : state === 'paused' || failed > 0
            ? 'warn'
            : 'neutral';
  const word = WORDS[state];
  const detail = parts.join(', ');
  return { word, tone, line: `${word} — ${detail}`, detail, done, failed, cancelled, total };
}
