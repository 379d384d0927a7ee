/**
 * The grid's pure model: how job states are grouped and named for people, how the filters apply, how
 * the filtered jobs are laid out in rows of cards (optionally grouped by input), and how a job becomes
 * a one-job sweep spec for "reuse parameters". No React here, so it stays cheap at 10,000 jobs.
 */
import type { StyleType } from '@shared/catalogue';
import type { BatchView, InputView, JobView } from '@shared/contract';
import { matchesRating, type RatingFilter } from '@shared/ratings';
import type { JobState } from '@shared/scheduling';

/** What an artist filters by: coarser than the engine's states. */
export const STATUS_GROUPS = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const GROUP_OF: Record<JobState, StatusGroup> = {
  pending: 'queued',
  submitting: 'running',
  queued: 'running',
  processing: 'running',
  completed: 'done',
  skipped_duplicate: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The coarse status of a job state. */
export function statusGroup(state: JobState): StatusGroup {
  return GROUP_OF[state];
}

/** Short words for a card. */
export const STATE_LABEL: Record<JobState, string> = {
  pending: 'Queued',
  submitting: 'Sending',
  queued: 'Waiting at Segmind',
  processing: 'Rendering',
  completed: 'Done',
  skipped_duplicate: 'Duplicate',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface GridFilter {
  status: StatusGroup | 'all';
  style: StyleType | 'all';
  /** Exact seed, as typed ('' = any). */
  seed: string;
  /** Case-insensitive substring of the prompt ('' = any). */
  prompt: string;
  inputId: number | 'all';
  /** The artist's rating (see @shared/ratings). */
  rating: RatingFilter | 'all';
  groupByInput: boolean;
}

export const EMPTY_FILTER: GridFilter = {
  status: 'all',
  style: 'all',
  seed: '',
  prompt: '',
  inputId: 'all',
  rating: 'all',
  groupByInput: false,
};

/** True when any filter narrows the list. */
export function isFiltering(f: GridFilter): boolean {
  return (
    f.status !== 'all' ||
    f.style !== 'all' ||
    f.seed.trim() !== '' ||
    f.prompt.trim() !== '' ||
    f.inputId !== 'all' ||
    f.rating !== 'all'
  );
}

/** The jobs that pass `filter`, in their order. */
export function filterJobs(jobs: readonly JobView[], filter: GridFilter): JobView[] {
  if (!isFiltering(filter)) return jobs as JobView[];
  const seed = filter.seed.trim() === '' ? null : Number(filter.seed.trim());
  const prompt = filter.prompt.trim().toLowerCase();
  return jobs.filter(
    (j) =>
      (filter.status === 'all' || GROUP_OF[j.state] === filter.status) &&
      (filter.style === 'all' || j.style === filter.style) &&
      (seed === null || j.seed === seed) &&
      (filter.inputId === 'all' || j.inputId === filter.inputId) &&
      (filter.rating === 'all' || matchesRating(j, filter.rating)) &&
      (prompt === '' || j.prompt.toLowerCase().includes(prompt)),
  );
}

export type GridRow =
  | { kind: 'header'; key: string; inputId: number; input: InputView | undefined; count: number }
  | { kind: 'cards'; key: string; jobs: JobView[] };

export interface GridLayout {
  rows: GridRow[];
  /** The visible jobs in reading order (for keyboard movement). */
  order: JobView[];
  /** Where each visible job sits. */
  cellOf: Map<number, { row: number; col: number; index: number }>;
}

/** Lays `jobs` out in rows of `columns` cards, with a header row per input when grouping. */
export function layoutRows(
  jobs: readonly JobView[],
  columns: number,
  groupByInput: boolean,
  inputs: readonly InputView[],
): GridLayout {
  const cols = Math.max(1, columns);
  const rows: GridRow[] = [];
  const order: JobView[] = [];
  const cellOf = new Map<number, { row: number; col: number; index: number }>();
  const pushCards = (list: readonly JobView[], prefix: string) => {
    for (let i = 0; i < list.length; i += cols) {
      const slice = list.slice(i, i + cols);
      const row = rows.length;
      slice.forEach((job, col) => {
        cellOf.set(job.id, { row, col, index: order.length });
        order.push(job);
      });
      rows.push({ kind: 'cards', key: `${prefix}${i}`, jobs: slice });
    }
  };
  if (!groupByInput) {
    pushCards(jobs, 'r');
    return { rows, order, cellOf };
  }
  const byInput = new Map<number, JobView[]>();
  for (const job of jobs) {
    const list = byInput.get(job.inputId);
    if (list) list.push(job);
    else byInput.set(job.inputId, [job]);
  }
  const inputById = new Map(inputs.map((i) => [i.id, i]));
  for (const [inputId, list] of byInput) {
    rows.push({
      kind: 'header',
      key: `h${inputId}`,
      inputId,
      input: inputById.get(inputId),
      count: list.length,
    });
    pushCards(list, `i${inputId}-`);
  }
  return { rows, order, cellOf };
}

/** The job reached from `fromId` by an arrow key; null when there is nowhere to go. */
export function moveCursor(
  layout: GridLayout,
  fromId: number | null,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End',
): JobView | null {
  const { order, cellOf, rows } = layout;
  if (order.length === 0) return null;
  const at = fromId === null ? undefined : cellOf.get(fromId);
  if (!at || key === 'Home') return order[0]!;
  if (key === 'End') return order[order.length - 1]!;
  if (key === 'ArrowLeft') return order[Math.max(0, at.index - 1)]!;
  if (key === 'ArrowRight') return order[Math.min(order.length - 1, at.index + 1)]!;
  const step = key === 'ArrowUp' ? -1 : 1;
  for (let r = at.row + step; r >= 0 && r < rows.length; r += step) {
    const row = rows[r]!;
    if (row.kind === 'cards') return row.jobs[Math.min(at.col, row.jobs.length - 1)]!;
  }
  return null;
}

/** Writes an expanded prompt so the permutation parser reads it back literally. */
export function escapePrompt(text: string): string {
  return text.replace(/[\\{}|]/g, (c) => `\\${c}`);
}

/** A one-job sweep spec (shape of shared/sweep's sweepSpecSchema) for "reuse parameters". */
export function reuseSpec(job: JobView, input: Pick<InputView, 'path'>, batch: BatchView | null) {
  return {
    inputs: { paths: [input.path], recursive: false },
    prompts: [escapePrompt(job.prompt)],
    seeds: String(job.seed),
    styles: [job.style],
    resolutions: [job.resolution],
    imageWeights: [job.imageWeight],
    magicPrompts: [job.magicPrompt],
    negativePrompts: [job.negativePrompt],
    palettes: [job.palette],
    ...(batch ? { template: batch.template, dedupe: batch.dedupe } : {}),
  };
}

/** Elapsed or total time of a job in ms (null before it was sent). */
export function jobElapsedMs(job: JobView, now: number): number | null {
  const start = job.submittedAt ?? job.startedAt;
  if (start === null) return null;
  return (job.finishedAt ?? now) - start;
}
