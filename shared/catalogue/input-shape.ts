/**
 * Which input images an output can use, by shape alone. The 78 output sizes span 1:3 to 3:1 with a
 * shortest side of 512 px; an input far outside that is cropped or stretched into near-nothing (a
 * 20,000 x 2 strip was sent as 2,048 x 1 and paid for). Such inputs are refused before any request,
 * at scan time and when a batch is created, with the cause in words.
 *
 * The limits: an aspect ratio up to 4:1 (either way) — a third beyond the widest output, so every
 * panorama or tall phone shot an output can frame passes — and a short side of at least 64 px, an
 * eighth of the smallest output side (below that the model gets almost no picture to follow).
 */
import { RESOLUTIONS, resolutionSize } from './resolutions';

/** Widest accepted input, long side over short side. */
export const INPUT_MAX_ASPECT = 4;
/** Shortest accepted input side, in pixels (after EXIF rotation). */
export const INPUT_MIN_SHORT_SIDE = 64;

/** Long side over short side of the widest output size (3, for 1536 x 512). */
export function widestOutputAspect(): number {
  return Math.max(
    ...RESOLUTIONS.map((r) => {
      const { width, height } = resolutionSize(r);
      return Math.max(width, height) / Math.min(width, height);
    }),
  );
}

export interface InputShapeProblem {
  code: 'extreme_aspect' | 'too_small';
  /** Completes `"<file>" …`, e.g. `is 20000 x 2 pixels, 10000:1; outputs can use up to 4:1`. */
  cause: string;
}

const WIDEST_OUTPUT = widestOutputAspect();

function ratio(long: number, short: number): string {
  const r = long / short;
  return r >= 100 ? `${Math.round(r)}:1` : `${Math.round(r * 10) / 10}:1`;
}

/** Why an input of `width` x `height` pixels cannot be used, or null when it can. */
export function inputShapeProblem(width: number, height: number): InputShapeProblem | null {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const size = `${width} x ${height} pixels`;
  if (short < 1 || long / short > INPUT_MAX_ASPECT) {
    const shape = width >= height ? 'wide' : 'tall';
    return {
      code: 'extreme_aspect',
      cause: `is ${size}, too ${shape} (${short < 1 ? 'no height' : ratio(long, short)}); outputs span 1:${WIDEST_OUTPUT} to ${WIDEST_OUTPUT}:1, inputs up to ${INPUT_MAX_ASPECT}:1 are used`,
    };
  }
  if (short < INPUT_MIN_SHORT_SIDE) {
    return {
      code: 'too_small',
      cause: `is ${size}, too small (short side ${short} px, at least ${INPUT_MIN_SHORT_SIDE} px needed)`,
    };
  }
  return null;
}
