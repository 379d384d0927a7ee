/**
 * A job's place on each sweep axis, stated once for the matrix on screen, the matrix PNG main renders
 * and compare's neighbour stepping: the value's key (a stable string to group and match by), its label
 * (what a header shows), the distinct values of an axis in a sensible order, and matching the values
 * the user holds fixed. Works on any job shape with the sweep's parameters (the contract's JobView,
 * the journal's JobRow).
 */
import { MATCH_INPUT, resolutionLabel, STYLE_TYPES } from '../catalogue';
import type { SweepAxis } from './expand';
import type { JobSpec } from './job-spec';

/**
 * The fields the axes read; the input is named by its row id. `resolutionMatched` marks a job whose
 * size the `match` choice picked: on the resolution axis all of those are one value, `match`, whatever
 * size each input got (absent means an explicit size).
 */
export type AxisJob = Pick<
  JobSpec,
  | 'prompt'
  | 'promptIndex'
  | 'negativePrompt'
  | 'style'
  | 'seed'
  | 'resolution'
  | 'imageWeight'
  | 'magicPrompt'
  | 'palette'
> & { inputId: number; resolutionMatched?: boolean };

/** One value of an axis: its key and what a header shows for it. */
export interface AxisValue {
  key: string;
  label: string;
}

/** Values held fixed while two other axes are laid out: axis -> key (as `axisKey` gives it). */
export type FixedAxes = Partial<Record<SweepAxis, string>>;

/**
 * A stable string key for a job's value on `axis`. A palette is keyed by its JSON as the journal keeps
 * it, so "no palette" is `'null'` everywhere (screen, contract, export).
 */
export function axisKey(job: AxisJob, axis: SweepAxis): string {
  switch (axis) {
    case 'input':
      return String(job.inputId);
    case 'prompt':
      return String(job.promptIndex);
    case 'negative':
      return job.negativePrompt;
    case 'style':
      return job.style;
    case 'seed':
      return String(job.seed);
    case 'resolution':
      return job.resolutionMatched ? MATCH_INPUT : job.resolution;
    case 'imageWeight':
      return String(job.imageWeight);
    case 'magicPrompt':
      return job.magicPrompt;
    case 'palette':
      return JSON.stringify(job.palette);
  }
}

/** What a header shows for a job's value on `axis`. */
export function axisLabel(job: AxisJob, axis: SweepAxis): string {
  switch (axis) {
    case 'input':
      return `input ${job.inputId}`;
    case 'prompt':
      return job.prompt;
    case 'negative':
      return job.negativePrompt || '(no negative)';
    case 'style':
      return job.style.replaceAll('_', ' ');
    case 'seed':
      return `seed ${job.seed}`;
    case 'resolution':
      // The size shown is this job's; the axes are laid out per input, where `match` is one size.
      return job.resolutionMatched
        ? `match (${resolutionLabel(job.resolution)})`
        : resolutionLabel(job.resolution);
    case 'imageWeight':
      return `weight ${job.imageWeight}`;
    case 'magicPrompt':
      return `magic ${job.magicPrompt}`;
    case 'palette':
      if (!job.palette) return 'no palette';
      return 'name' in job.palette ? job.palette.name : job.palette.members.map((m) => m.color_hex).join(' ');
  }
}

/** A job's value on `axis`: key and label. */
export function axisValue(job: AxisJob, axis: SweepAxis): AxisValue {
  return { key: axisKey(job, axis), label: axisLabel(job, axis) };
}

const NUMERIC_AXES: ReadonlySet<SweepAxis> = new Set(['seed', 'imageWeight', 'prompt']);

/** Distinct values of `axis` among `jobs`: numbers ascending, styles in catalogue order, else first seen. */
export function axisValues(jobs: readonly AxisJob[], axis: SweepAxis): AxisValue[] {
  const seen = new Map<string, AxisValue>();
  for (const job of jobs) {
    const key = axisKey(job, axis);
    if (!seen.has(key)) seen.set(key, { key, label: axisLabel(job, axis) });
  }
  const values = [...seen.values()];
  if (NUMERIC_AXES.has(axis)) values.sort((a, b) => Number(a.key) - Number(b.key));
  if (axis === 'style') {
    const rank = (k: string) => (STYLE_TYPES as readonly string[]).indexOf(k);
    values.sort((a, b) => rank(a.key) - rank(b.key));
  }
  return values;
}

/** True when `job` has the held value on every axis in `fixed`. */
export function matchesFixed(job: AxisJob, fixed: FixedAxes): boolean {
  for (const [axis, key] of Object.entries(fixed) as [SweepAxis, string | undefined][]) {
    if (key !== undefined && axisKey(job, axis) !== key) return false;
  }
  return true;
}
