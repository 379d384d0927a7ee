/** Composer catalogue helpers: resolutions grouped by familiar aspect ratio, preset swatches, title case. */

import { PALETTE_PRESETS, RESOLUTIONS, resolutionSize, STYLE_TYPES } from '@shared/catalogue';
import { describe, expect, it } from 'vitest';
import { PRESET_SWATCHES, titleCase } from '../../../renderer/src/views/composer/palette-presets';
import { RESOLUTION_GROUPS } from '../../../renderer/src/views/composer/resolution-groups';

const ratioOf = (r: (typeof RESOLUTIONS)[number]) => {
  const { width, height } = resolutionSize(r);
  return width / height;
};
const groupOf = (r: (typeof RESOLUTIONS)[number]) => RESOLUTION_GROUPS.find((g) => g.resolutions.includes(r));

describe('RESOLUTION_GROUPS', () => {
  it('holds all 78 resolutions, each exactly once', () => {
    const listed = RESOLUTION_GROUPS.flatMap((g) => g.resolutions);
    expect(RESOLUTIONS).toHaveLength(78);
    expect(listed).toHaveLength(78);
    expect(new Set(listed)).toEqual(new Set(RESOLUTIONS));
  });

  it('has a dozen or so non-empty groups with distinct labels, widest first', () => {
    expect(RESOLUTION_GROUPS.length).toBeGreaterThanOrEqual(8);
    expect(RESOLUTION_GROUPS.length).toBeLessThanOrEqual(15);
    expect(new Set(RESOLUTION_GROUPS.map((g) => g.label)).size).toBe(RESOLUTION_GROUPS.length);
    for (const g of RESOLUTION_GROUPS) expect(g.resolutions.length).toBeGreaterThan(0);
    const ratios = RESOLUTION_GROUPS.map((g) => g.ratio);
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
  });

  it('labels each group with its ratio', () => {
    for (const g of RESOLUTION_GROUPS) {
      const [w, h] = g.label.split(':').map(Number);
      expect(w! / h!).toBeCloseTo(g.ratio, 10);
    }
  });

  it('puts every resolution in the group whose ratio is nearest (log distance)', () => {
    for (const r of RESOLUTIONS) {
      const own = Math.abs(Math.log(ratioOf(r) / groupOf(r)!.ratio));
      for (const g of RESOLUTION_GROUPS)
        expect(own).toBeLessThanOrEqual(Math.abs(Math.log(ratioOf(r) / g.ratio)));
    }
  });

  it('sorts sizes inside a group by pixel count', () => {
    for (const g of RESOLUTION_GROUPS) {
      const areas = g.resolutions.map((r) => resolutionSize(r).width * resolutionSize(r).height);
      expect(areas).toEqual([...areas].sort((a, b) => a - b));
    }
  });

  it('groups familiar sizes as an artist expects, portrait mirroring landscape', () => {
    expect(groupOf('RESOLUTION_1024_1024')?.label).toBe('1:1');
    expect(groupOf('RESOLUTION_1280_720')?.label).toBe('16:9');
    expect(groupOf('RESOLUTION_720_1280')?.label).toBe('9:16');
  });
});

describe('palette presets', () => {
  it('has five #RRGGBB swatches for every preset the API knows', () => {
    expect(Object.keys(PRESET_SWATCHES).sort()).toEqual([...PALETTE_PRESETS].sort());
    for (const p of PALETTE_PRESETS) {
      expect(PRESET_SWATCHES[p]).toHaveLength(5);
      for (const hex of PRESET_SWATCHES[p]) expect(hex).toMatch(/^#[0-9A-F]{6}$/);
    }
  });

  it('title-cases catalogue names, leaving words with digits alone', () => {
    expect(titleCase('ULTRAMARINE')).toBe('Ultramarine');
    expect(titleCase('RENDER_3D')).toBe('Render 3D');
    expect(titleCase('A_B_C')).toBe('A B C');
    expect(titleCase('')).toBe('');
    expect(STYLE_TYPES.map(titleCase)).toEqual(['General', 'Realistic', 'Design', 'Render 3D', 'Anime']);
  });
});
