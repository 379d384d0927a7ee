/**
 * Time estimates before a sweep runs (the CLI's `--dry-run` and the composer's line) and the duration
 * format. A running batch's pace and ETA are batch-pace.ts's.
 */
import { estimateSweepDuration } from './sweep-duration';

/**
 * The composer / dry-run line for a sweep at Segmind's headline latency, e.g.
 * 'est. 2 h 47 m at concurrency 4' (see `estimateSweepDuration` for the model).
 */
export function describeSweepEstimate(
  jobCount: number,
  concurrency: number,
  medianLatencyMs: number | null = null,
): string {
  const ms = estimateSweepDuration({
    jobsToPay: jobCount,
    concurrency,
    medianLatencyMs,
    requestsPerMinute: null,
  });
  return `est. ${formatDuration(ms)} at concurrency ${Math.max(1, Math.floor(concurrency))}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A short human duration with two units at most: '45 s', '3 m 05 s', '2 h 40 m', '3 d 04 h'.
 * Rounds to the smallest unit shown; negative values count as 0; non-finite values give '—'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${pad2(seconds % 60)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} m`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)} d ${pad2(hours % 24)} h`;
}
