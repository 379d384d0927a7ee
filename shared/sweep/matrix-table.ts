/**
 * The X/Y matrix as a table: one input's jobs, narrowed to the values held fixed, laid out with one
 * axis across and another down. The matrix view draws it and main's PNG export renders it, so both
 * pick the same job for every cell.
 */
import { type AxisJob, type AxisValue, axisKey, axisValues, type FixedAxes, matchesFixed } from './axes';
import type { SweepAxis } from './expand';

/** A job the table can place: its axis values plus its position in the expansion. */
export type TableJob = AxisJob & { ordinal: number };

export interface MatrixTable<J extends TableJob> {
  xs: AxisValue[];
  ys: AxisValue[];
  /** `cells[y][x]`: the first job (by ordinal) with those values, or null. */
  cells: (J | null)[][];
}

/** The jobs of `inputId` whose values on each fixed axis match `fixed`. */
export function narrowJobs<J extends AxisJob>(jobs: readonly J[], inputId: number, fixed: FixedAxes): J[] {
  return jobs.filter((j) => j.inputId === inputId && matchesFixed(j, fixed));
}

/** Builds the table for `jobs` (already narrowed to one input and the fixed values). */
export function buildTable<J extends TableJob>(
  jobs: readonly J[],
  x: SweepAxis,
  y: SweepAxis,
): MatrixTable<J> {
  const xs = axisValues(jobs, x);
  const ys = axisValues(jobs, y);
  const xi = new Map(xs.map((v, i) => [v.key, i]));
  const yi = new Map(ys.map((v, i) => [v.key, i]));
  const cells: (J | null)[][] = ys.map(() => xs.map(() => null));
  for (const job of jobs) {
    const row = cells[yi.get(axisKey(job, y))!]!;
    const col = xi.get(axisKey(job, x))!;
    const held = row[col];
    if (!held || job.ordinal < held.ordinal) row[col] = job;
  }
  return { xs, ys, cells };
}
