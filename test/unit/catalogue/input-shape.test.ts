/** Issue 11 §5: the shape limits refuse only inputs no output size can use, and say why in words. */
import {
  INPUT_MAX_ASPECT,
  INPUT_MIN_SHORT_SIDE,
  inputShapeProblem,
  RESOLUTIONS,
  resolutionSize,
  widestOutputAspect,
} from '@shared/catalogue';
import { describe, expect, it } from 'vitest';

describe('inputShapeProblem', () => {
  it('accepts every output shape and size, and the usual photo shapes', () => {
    expect(widestOutputAspect()).toBe(3);
    expect(INPUT_MAX_ASPECT).toBeGreaterThan(widestOutputAspect());
    for (const r of RESOLUTIONS) {
      const { width, height } = resolutionSize(r);
      expect(inputShapeProblem(width, height), r).toBeNull();
    }
    for (const [w, h] of [
      [4032, 3024],
      [1080, 1920],
      [2400, 800],
      [6000, 1500],
      [64, 64],
      [256, 64],
    ])
      expect(inputShapeProblem(w!, h!), `${w} x ${h}`).toBeNull();
  });

  it('refuses strips and specks with the cause', () => {
    expect(inputShapeProblem(20_000, 2)).toEqual({
      code: 'extreme_aspect',
      cause: 'is 20000 x 2 pixels, too wide (10000:1); outputs span 1:3 to 3:1, inputs up to 4:1 are used',
    });
    expect(inputShapeProblem(300, 1500)?.code).toBe('extreme_aspect');
    expect(inputShapeProblem(300, 1500)?.cause).toContain('too tall (5:1)');
    expect(inputShapeProblem(4001, 1000)?.code).toBe('extreme_aspect');
    expect(inputShapeProblem(0, 0)?.code).toBe('extreme_aspect');
    expect(inputShapeProblem(63, 63)).toEqual({
      code: 'too_small',
      cause: `is 63 x 63 pixels, too small (short side 63 px, at least ${INPUT_MIN_SHORT_SIDE} px needed)`,
    });
  });
});
