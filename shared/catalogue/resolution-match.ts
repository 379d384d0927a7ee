/**
 * "Match each input": one value of the resolution axis that stands for a different real size per input,
 * the one of the 78 accepted sizes closest to the input's shape. Closest means the smallest difference
 * of log aspect ratios (so 2:1 and 1:2 are equally far from 1:1), then, among sizes of the same aspect
 * (1024x640 and 1280x800 are both 16:10), the one whose pixel count is closest to the input's (again in
 * log terms), then the larger one. Every size is the answer for an input of exactly its own dimensions,
 * so each of the 78 is reachable.
 */
import { z } from 'zod';
import { resolutionSchema } from './params';
import { RESOLUTIONS, type Resolution, resolutionLabel, resolutionSize } from './resolutions';

/** The resolution-axis value meaning "per input, the nearest accepted size by aspect ratio". */
export const MATCH_INPUT = 'match';
export type MatchInput = typeof MATCH_INPUT;

/** A value of the sweep's resolution axis: a real size, or `match`. */
export type ResolutionChoice = Resolution | MatchInput;

/** Accepts `match` or one of the 78 sizes (the message names both). */
export const resolutionChoiceSchema = z.union([z.literal(MATCH_INPUT), resolutionSchema], {
  error: () =>
    `resolution must be "${MATCH_INPUT}" (the nearest size to each input) or one of the ${RESOLUTIONS.length} supported RESOLUTION_<W>_<H> values (e.g. RESOLUTION_1024_1024)`,
});

/** True when `value` is `match`. */
export function isMatchInput(value: unknown): value is MatchInput {
  return value === MATCH_INPUT;
}

/** Aspects closer than this (in log ratio) are the same aspect; guards against float noise. */
const SAME = 1e-9;

const SIZES = RESOLUTIONS.map((r) => {
  const { width, height } = resolutionSize(r);
  return { resolution: r, logAspect: Math.log(width / height), logArea: Math.log(width * height) };
});

/**
 * The accepted size nearest to a `width` x `height` image (see the file comment for "nearest").
 * Throws a RangeError for a non-positive or non-finite dimension.
 */
export function nearestResolution(width: number, height: number): Resolution {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`an image size must be positive (got ${width} x ${height})`);
  }
  const aspect = Math.log(width / height);
  const area = Math.log(width * height);
  let best = SIZES[0]!;
  for (const s of SIZES) {
    const da = Math.abs(s.logAspect - aspect) - Math.abs(best.logAspect - aspect);
    if (da < -SAME) best = s;
    else if (da <= SAME) {
      const dz = Math.abs(s.logArea - area) - Math.abs(best.logArea - area);
      if (dz < -SAME || (dz <= SAME && s.logArea > best.logArea)) best = s;
    }
  }
  return best.resolution;
}

/** Label for a resolution choice: `1280x720`, or `match` for the per-input choice. */
export function resolutionChoiceLabel(choice: ResolutionChoice): string {
  return isMatchInput(choice) ? MATCH_INPUT : resolutionLabel(choice);
}
