/** A cut-short PNG or JPEG is recognised from its own bytes (libvips' message is not always usable). */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { endsEarly } from '../../../electron/images/prepare-input';

describe('endsEarly', () => {
  it('spots a PNG without IEND and a JPEG without its end marker, and passes whole files', async () => {
    const image = sharp({ create: { width: 64, height: 48, channels: 3, background: '#345' } });
    const png = await image.clone().png().toBuffer();
    const jpeg = await image.clone().jpeg().toBuffer();
    expect(endsEarly(png, 'png')).toBe(false);
    expect(endsEarly(jpeg, 'jpeg')).toBe(false);
    expect(endsEarly(png.subarray(0, png.length - 20), 'png')).toBe(true);
    expect(endsEarly(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'jpeg')).toBe(true);
    expect(endsEarly(png, 'webp')).toBe(false);
  });
});
