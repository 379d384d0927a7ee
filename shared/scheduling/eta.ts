/**
 * Time estimates before a sweep runs (the CLI's `--dry-run` and the composer's line) and the duration
 * format. A running batch's pace and ETA are batch-pace.ts's.
 */

/** Segmind's headline latency for `ideogram-img-2-img` (product page: ~12.69 s per image). */
export const DEFAULT_MEAN_LATENCY_MS = 12_690;
/**
 * Wall time of a whole sweep before it runs: full waves of `concurrency` jobs, each taking the mean
 * latency, so 1 job at concurrency 4 takes one latency, not a quarter of it.
 * @param meanLatencyMs default 12_690 (Segmind's headline latency).
 */
export function estimateSweepDuration(
  jobCount: number,
  concurrency: number,
  meanLatencyMs: number = DEFAULT_MEAN_LATENCY_MS,
): number {
  if (jobCount <= 0) return 0;
  return Math.ceil(jobCount / Math.max(1, Math.floor(concurrency))) * meanLatencyMs;
}

/** The composer / dry-run line, e.g. 'est. 2 h 40 m at concurrency 4'. */
export function describeSweepEstimate(
  jobCount: number,
  concurrency: number,
  meanLatencyMs: number = DEFAULT_MEAN_LATENCY_MS,
): string {
  const ms = estimateSweepDuration(jobCount, concurrency, meanLatencyMs);
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
