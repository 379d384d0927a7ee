/**
 * Compare's pure helpers: stepping a compared job to its neighbour in the sweep (the job whose
 * parameters are identical except the next / previous value on one axis, wrapping around).
 */
import type { JobView, SweepAxisName } from '@shared/contract';
import { AXIS_ORDER, axisKey, axisValues } from '@shared/sweep';

const AXES: readonly SweepAxisName[] = AXIS_ORDER;

/** The job's values on every axis but `axis`: jobs sharing it differ only on `axis`. */
function signature(job: JobView, axis: SweepAxisName): string {
  return AXES.filter((a) => a !== axis)
    .map((a) => axisKey(job, a))
    .join('\u0000');
}

/** The neighbour of `job` one step (`+1` / `-1`) along `axis` among `jobs`; the job itself when none. */
export function neighbour(
  jobs: readonly JobView[],
  job: JobView,
  axis: SweepAxisName,
  step: 1 | -1,
): JobView {
  const sig = signature(job, axis);
  const siblings = jobs.filter((j) => signature(j, axis) === sig);
  const values = axisValues(siblings, axis);
  if (values.length < 2) return job;
  const at = values.findIndex((v) => v.key === axisKey(job, axis));
  const target = values[(at + step + values.length) % values.length]!.key;
  return siblings.find((j) => axisKey(j, axis) === target) ?? job;
}
