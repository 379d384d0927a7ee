/**
 * The matrix's pure model: the value of a job on a sweep axis, people-friendly labels, the distinct
 * values of an axis in a sensible order, and the table of jobs for a chosen X and Y with the other
 * varied axes held fixed. The same choices are sent to `matrix:export`, which renders the PNG in main.
 */
import { resolutionLabel, STYLE_TYPES } from '@shared/catalogue';
import type { JobView, SweepAxisName } from '@shared/contract';

/** Axes the matrix can put on X or Y (the input is chosen separately). */
export type MatrixAxis = Exclude<SweepAxisName, 'input'>;

/** A stable string key for a job's value on `axis`. */
export function axisKey(job: JobView, axis: SweepAxisName): string {
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
      return job.resolution;
    case 'imageWeight':
      return String(job.imageWeight);
    case 'magicPrompt':
      return job.magicPrompt;
    case 'palette':
      return job.palette ? JSON.stringify(job.palette) : '';
  }
}

/** What a header shows for a value of `axis`, given one job that has it. */
export function axisLabel(job: JobView, axis: SweepAxisName): string {
  switch (axis) {
    case 'prompt':
      return job.prompt;
    case 'negative':
      return job.negativePrompt || '(no negative)';
    case 'style':
      return job.style.replace('_', ' ');
    case 'seed':
      return `seed ${job.seed}`;
    case 'resolution':
      return resolutionLabel(job.resolution);
    case 'imageWeight':
      return `weight ${job.imageWeight}`;
    case 'magicPrompt':
      return `magic ${job.magicPrompt}`;
    case 'palette':
      if (!job.palette) return 'no palette';
      return 'name' in job.palette ? job.palette.name : job.palette.members.map((m) => m.color_hex).join(' ');
    default:
      return axisKey(job, axis);
  }
}

export const AXIS_TITLES: Record<SweepAxisName, string> = {
  input: 'Input',
  prompt: 'Prompt',
  negative: 'Negative prompt',
  style: 'Style',
  seed: 'Seed',
  resolution: 'Resolution',
  imageWeight: 'Image weight',
  magicPrompt: 'Magic prompt',
  palette: 'Palette',
};

export interface AxisValue {
  key: string;
  label: string;
}

/** Distinct values of `axis` among `jobs`: numbers ascending, styles in catalogue order, else first seen. */
export function axisValues(jobs: readonly JobView[], axis: SweepAxisName): AxisValue[] {
  const seen = new Map<string, AxisValue>();
  for (const job of jobs) {
    const key = axisKey(job, axis);
    if (!seen.has(key)) seen.set(key, { key, label: axisLabel(job, axis) });
  }
  const values = [...seen.values()];
  if (axis === 'seed' || axis === 'imageWeight' || axis === 'prompt')
    values.sort((a, b) => Number(a.key) - Number(b.key));
  if (axis === 'style') {
    const rank = (k: string) => (STYLE_TYPES as readonly string[]).indexOf(k);
    values.sort((a, b) => rank(a.key) - rank(b.key));
  }
  return values;
}

export interface MatrixTable {
  xs: AxisValue[];
  ys: AxisValue[];
  /** `cells[y][x]`: the first job (by ordinal) with those values, or null. */
  cells: (JobView | null)[][];
}

/** Builds the table for `jobs` (already narrowed to one input and the fixed values). */
export function buildTable(jobs: readonly JobView[], x: SweepAxisName, y: SweepAxisName): MatrixTable {
  const xs = axisValues(jobs, x);
  const ys = axisValues(jobs, y);
  const xi = new Map(xs.map((v, i) => [v.key, i]));
  const yi = new Map(ys.map((v, i) => [v.key, i]));
  const cells: (JobView | null)[][] = ys.map(() => xs.map(() => null));
  for (const job of jobs) {
    const row = cells[yi.get(axisKey(job, y))!]!;
    const col = xi.get(axisKey(job, x))!;
    const held = row[col];
    if (!held || job.ordinal < held.ordinal) row[col] = job;
  }
  return { xs, ys, cells };
}

/** The jobs of `inputId` whose values on each fixed axis match `fixed` (axis -> key). */
export function narrowJobs(
  jobs: readonly JobView[],
  inputId: number,
  fixed: Partial<Record<SweepAxisName, string>>,
): JobView[] {
  const entries = Object.entries(fixed) as [SweepAxisName, string][];
  return jobs.filter(
    (j) => j.inputId === inputId && entries.every(([axis, key]) => axisKey(j, axis) === key),
  );
}
