/**
 * The grid's pure model: how job states are grouped and named for people, what the filters ask main
 * for (main applies them; see grid-layout.ts for the rows), and how a job becomes a one-job sweep spec
 * for "reuse parameters". No React here.
 */
import type { StyleType } from '@shared/catalogue';
import type { BackendKind, BatchView, InputView, JobFilterArgs, JobView } from '@shared/contract';
import type { RatingFilter } from '@shared/ratings';
import type { JobState } from '@shared/scheduling';

/** What an artist filters by: coarser than the engine's states. */
export const STATUS_GROUPS = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** The job states of each status group (what main filters by for a status chip). */
export const STATES_IN_GROUP: Readonly<Record<StatusGroup, readonly JobState[]>> = {
  queued: ['pending'],
  running: ['submitting', 'queued', 'processing'],
  done: ['completed', 'skipped_duplicate'],
  failed: ['failed'],
  cancelled: ['cancelled'],
};

const GROUP_OF = Object.fromEntries(
  STATUS_GROUPS.flatMap((g) => STATES_IN_GROUP[g].map((s) => [s, g])),
) as Record<JobState, StatusGroup>;

/** The coarse status of a job state. */
export function statusGroup(state: JobState): StatusGroup {
  return GROUP_OF[state];
}

/** Short words for a card (`stateLabel` names the backend a job waits at). */
export const STATE_LABEL: Record<JobState, string> = {
  pending: 'Queued',
  submitting: 'Sending',
  queued: 'Waiting',
  processing: 'Rendering',
  completed: 'Done',
  skipped_duplicate: 'Duplicate',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A card's words for `state`; a submitted job waits at Segmind or at the simulator, and says which. */
export function stateLabel(state: JobState, backend: BackendKind | null): string {
  if (state !== 'queued' || backend === null) return STATE_LABEL[state];
  return backend === 'simulator' ? 'Waiting at simulator' : 'Waiting at Segmind';
}

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

/** What main filters by for `filter` (shared/contract's jobFilterShape); text fields are trimmed. */
export function toJobFilter(filter: GridFilter): JobFilterArgs {
  const out: JobFilterArgs = {};
  if (filter.status !== 'all') out.states = [...STATES_IN_GROUP[filter.status]];
  if (filter.style !== 'all') out.style = filter.style;
  const seed = filter.seed.trim();
  // A seed that is not a whole number matches nothing; -1 is never a seed.
  if (seed !== '') out.seed = /^\d+$/.test(seed) ? Number(seed) : -1;
  const prompt = filter.prompt.trim();
  if (prompt !== '') out.promptContains = prompt.slice(0, 500);
  if (filter.inputId !== 'all') out.inputId = filter.inputId;
  if (filter.rating !== 'all') out.rating = filter.rating;
  return out;
}

/** Jobs per status group, from counts per state. */
export function groupCounts(byState: Readonly<Record<JobState, number>>): Record<StatusGroup, number> {
  const out = Object.fromEntries(STATUS_GROUPS.map((g) => [g, 0])) as Record<StatusGroup, number>;
  for (const state of Object.keys(GROUP_OF) as JobState[]) out[GROUP_OF[state]] += byState[state] ?? 0;
  return out;
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
