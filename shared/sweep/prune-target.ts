/**
 * What a prune names (issue 10 §4): one value of one sweep axis of a batch — "the rest of style ANIME",
 * "of this prompt", "of this input". The value is the axis key `axisKey` gives (a prompt by its index,
 * an input by its row id), so the grid, the matrix and the journal name it the same way. Pruning
 * cancels the batch's pending jobs with that value (in-flight ones finish); undo queues them again.
 */
import type { SweepAxis } from './expand';

/** Axes a prune can name: those a job row stores as one column (resolution and palette are left out). */
export const PRUNE_AXES = [
  'input',
  'prompt',
  'negative',
  'style',
  'seed',
  'imageWeight',
  'magicPrompt',
] as const;
export type PruneAxis = (typeof PRUNE_AXES)[number] & SweepAxis;

export interface PruneTarget {
  axis: PruneAxis;
  /** The value's axis key (see axes.ts `axisKey`). */
  value: string;
}

/** The error code a pruned job carries while cancelled: the ledger counts these as pruned. */
export const PRUNED_CODE = 'pruned';

/** The message a pruned job carries, e.g. `skipped: the rest of style ANIME was pruned`; `label` names the value. */
export function prunedMessage(target: PruneTarget, label = `${target.axis} ${target.value}`): string {
  return `skipped: the rest of ${label} was pruned`;
}

export const isPruneAxis = (axis: string): axis is PruneAxis =>
  (PRUNE_AXES as readonly string[]).includes(axis);

/**
 * Parses the CLI's `axis=value` (`style=ANIME`, `seed=42`, `prompt=0`). The input's value is resolved by
 * the caller (a file name or relative path to a row id). Returns an error message when malformed.
 */
export function parsePruneArg(text: string): PruneTarget | string {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return `--prune needs axis=value (e.g. style=ANIME), got "${text}"`;
  const axis = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (!isPruneAxis(axis)) return `--prune axis must be one of ${PRUNE_AXES.join(', ')}, got "${axis}"`;
  if ((axis === 'prompt' || axis === 'seed' || axis === 'imageWeight') && !/^-?\d+$/.test(value))
    return `--prune ${axis} needs a whole number, got "${value}"`;
  return { axis, value: axis === 'style' || axis === 'magicPrompt' ? value.toUpperCase() : value };
}
