import {
  isMatchInput,
  MATCH_INPUT,
  nearestResolution,
  RESOLUTIONS,
  resolutionChoiceSchema,
  resolutionSize,
} from '@shared/catalogue';
import { describe, expect, it } from 'vitest';

const aspect = (r: (typeof RESOLUTIONS)[number]) => resolutionSize(r).width / resolutionSize(r).height;

describe('match each input: nearestResolution', () => {
  it('reaches every one of the 78 sizes: an image of exactly that size maps to it', () => {
    expect(RESOLUTIONS).toHaveLength(78);
    for (const r of RESOLUTIONS) {
      const { width, height } = resolutionSize(r);
      expect(nearestResolution(width, height), r).toBe(r);
    }
    // And scaled copies of each shape land on a size of the same aspect.
    for (const r of RESOLUTIONS) {
      const { width, height } = resolutionSize(r);
      expect(aspect(nearestResolution(width * 3, height * 3)), r).toBeCloseTo(width / height, 9);
    }
  });

  it('maps a panorama, a portrait and a square to sensible sizes', () => {
    expect(nearestResolution(2400, 800)).toBe('RESOLUTION_1536_512'); // 3:1 panorama
    expect(nearestResolution(6000, 1000)).toBe('RESOLUTION_1536_512'); // wider than any: the widest
    expect(nearestResolution(480, 720)).toBe('RESOLUTION_768_1152'); // 2:3 portrait, the nearer area
    expect(nearestResolution(4000, 6000)).toBe('RESOLUTION_832_1248'); // a big 2:3: the larger 2:3
    expect(nearestResolution(3024, 4032)).toBe('RESOLUTION_864_1152'); // 3:4 phone photo (largest 3:4)
    expect(nearestResolution(512, 512)).toBe('RESOLUTION_1024_1024');
    expect(nearestResolution(4000, 4000)).toBe('RESOLUTION_1024_1024');
    expect(nearestResolution(1920, 1080)).toBe('RESOLUTION_1280_720'); // 16:9
    expect(nearestResolution(1080, 1920)).toBe('RESOLUTION_720_1280');
    expect(nearestResolution(640, 480)).toBe('RESOLUTION_1024_768'); // 4:3, closer in area than 1152x864
  });

  it('picks by aspect first, then by area, then the larger', () => {
    // 16:10 comes as 1024x640 and 1280x800: a small image gets the smaller, a large one the larger.
    expect(nearestResolution(800, 500)).toBe('RESOLUTION_1024_640');
    expect(nearestResolution(2560, 1600)).toBe('RESOLUTION_1280_800');
    // Portrait and landscape of the same shape are mirror images.
    for (const [w, h] of [
      [2400, 800],
      [1000, 700],
      [1234, 987],
    ] as const) {
      const land = resolutionSize(nearestResolution(w, h));
      const port = resolutionSize(nearestResolution(h, w));
      expect(port).toEqual({ width: land.height, height: land.width });
    }
  });

  it('refuses sizes that are not images', () => {
    expect(() => nearestResolution(0, 100)).toThrow(RangeError);
    expect(() => nearestResolution(100, Number.NaN)).toThrow(RangeError);
  });

  it('is one value of the resolution axis: `match` or a size, nothing else', () => {
    expect(resolutionChoiceSchema.parse('match')).toBe(MATCH_INPUT);
    expect(resolutionChoiceSchema.parse('RESOLUTION_1280_720')).toBe('RESOLUTION_1280_720');
    const bad = resolutionChoiceSchema.safeParse('MATCH');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/"match" .* or one of the 78/);
    expect(isMatchInput('match')).toBe(true);
    expect(isMatchInput('RESOLUTION_1024_1024')).toBe(false);
  });
});
