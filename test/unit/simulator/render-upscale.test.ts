import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyColourMatrix } from '../../../electron/simulator/render-effects';
import { colourMatrix, internalSize } from '../../../electron/simulator/render-image';
import { encodeRgbPng } from '../../../electron/simulator/render-png';
import { applyPromptMark, promptColour } from '../../../electron/simulator/render-prompt';
import { scanlineBytes, upscaledScanlines, upscaleRows } from '../../../electron/simulator/render-upscale';

/** A small image whose every pixel differs from its neighbours. */
function noise(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.imul(i, 2654435761) >>> 24) & 255;
  return pixels;
}

describe('render pipeline pieces', () => {
  it('internalSize keeps the aspect with a long side of at most 256 px', () => {
    expect(internalSize(1024, 1024)).toEqual({ width: 256, height: 256 });
    expect(internalSize(1536, 512)).toEqual({ width: 256, height: 85 });
    expect(internalSize(100, 50)).toEqual({ width: 100, height: 50 });
  });

  it('upscaleRows maps every output pixel to its nearest source pixel', () => {
    const src = noise(3, 2);
    const out = upscaleRows(src, { sw: 3, sh: 2, dw: 7, dh: 5 });
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 7; x++) {
        const s = (Math.floor((y * 2) / 5) * 3 + Math.floor((x * 3) / 7)) * 3;
        expect([...out.subarray((y * 7 + x) * 3, (y * 7 + x) * 3 + 3)]).toEqual([...src.subarray(s, s + 3)]);
      }
    }
    const part = upscaleRows(src, { sw: 3, sh: 2, dw: 7, dh: 5 }, 3, 5);
    expect(part.equals(out.subarray(3 * 7 * 3))).toBe(true);
  });

  it('filtered scanlines encode to a PNG that decodes to the upscaled image with its band', async () => {
    const size = { sw: 37, sh: 23, dw: 301, dh: 157 };
    const src = noise(size.sw, size.sh);
    const bandTop = 140;
    const band = upscaleRows(src, size, bandTop, size.dh);
    for (let i = 0; i < band.length; i += 7) band[i] = 255 - band[i]!;
    const expected = Buffer.concat([upscaleRows(src, size, 0, bandTop), band]);
    const reused = Buffer.alloc(scanlineBytes(size.dw, size.dh), 9);
    for (const into of [undefined, reused]) {
      const png = encodeRgbPng(size.dw, size.dh, upscaledScanlines({ src, ...size, band, bandTop }, into));
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([301, 157, 3]);
      expect(data.equals(expected)).toBe(true);
    }
  });

  it('applyColourMatrix leaves pixels unchanged under the identity and saturates out of range', () => {
    const pixels = noise(16, 16);
    const copy = Buffer.from(pixels);
    applyColourMatrix(pixels, colourMatrix(0, 1, 1));
    expect(pixels.equals(copy)).toBe(true);
    applyColourMatrix(pixels, colourMatrix(0, 1, 4));
    expect(pixels.every((v, i) => v === Math.min(255, copy[i]! * 4))).toBe(true);
  });

  it('the prompt mark takes a named colour, else a hashed one, and paints deterministically', () => {
    const [r, g, b] = promptColour('a RED coat');
    expect(r).toBeGreaterThan(200);
    expect(Math.max(g, b)).toBeLessThan(80);
    const blue = promptColour('a blue coat');
    expect(blue[2]).toBeGreaterThan(Math.max(blue[0], blue[1]) + 100);
    expect(promptColour('zebra crossing')).toEqual(promptColour('zebra crossing'));
    const paint = (prompt: string) => {
      const pixels = Buffer.alloc(64 * 64 * 3, 128);
      applyPromptMark(pixels, 64, 64, prompt);
      return pixels;
    };
    expect(paint('a red coat').equals(paint('a red coat'))).toBe(true);
    expect(paint('a red coat').equals(paint('a blue coat'))).toBe(false);
  });
});
