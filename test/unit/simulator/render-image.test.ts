import { validateIdeogramParams } from '@shared/catalogue';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourMatrix, effectiveSeed, Renderer } from '../../../electron/simulator/render-image';

function paramsOf(extra: Record<string, unknown>) {
  const v = validateIdeogramParams({ image_file: 'aGVsbG8=', prompt: 'neon city at night', ...extra });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
}

describe('render-image', () => {
  it('colourMatrix is the identity for no hue shift, saturation 1, brightness 1', () => {
    const m = colourMatrix(0, 1, 1);
    m.forEach((row, r) => {
      row.forEach((v, c) => {
        expect(v).toBeCloseTo(r === c ? 1 : 0, 6);
      });
    });
  });

  it('effectiveSeed uses the request seed, or derives one in range from the fingerprint', () => {
    expect(effectiveSeed(paramsOf({ seed: 123 }), 'ff'.repeat(32))).toBe(123);
    const derived = effectiveSeed(paramsOf({}), 'abcdef01'.repeat(8));
    expect(derived).toBeGreaterThanOrEqual(100);
    expect(derived).toBeLessThanOrEqual(999_999);
    expect(effectiveSeed(paramsOf({}), 'abcdef01'.repeat(8))).toBe(derived);
  });

  it('renders identical bytes for identical inputs, with or without a warm cache', async () => {
    const source = await sharp({ create: { width: 50, height: 80, channels: 4, background: '#c0ffee80' } })
      .png()
      .toBuffer();
    const params = paramsOf({ seed: 9999, resolution: 'RESOLUTION_704_1472', style_type: 'ANIME' });
    const renderer = new Renderer();
    const a = await renderer.render({ source, params, seed: 9999 });
    const b = await renderer.render({ source, params, seed: 9999 });
    const c = await new Renderer().render({ source, params, seed: 9999 });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(true);
    const meta = await sharp(a).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([704, 1472, 3]);
  });
});
