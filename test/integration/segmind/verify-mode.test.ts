/**
 * The client's image verification modes: 'full' (default) decodes every pixel; 'header' reads the header
 * and checks the end marker, for callers (the engine) that decode fully themselves. Both refuse an empty
 * or cut-off image; only 'full' pays for a full decode.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { verifyImage } from '../../../electron/segmind/result-image';

const png = () =>
  sharp({ create: { width: 64, height: 40, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

describe('verifyImage modes', () => {
  it('both modes accept an intact PNG and JPEG with their size', async () => {
    const jpeg = await sharp(await png())
      .jpeg()
      .toBuffer();
    for (const mode of ['full', 'header'] as const) {
      await expect(verifyImage(await png(), true, 'r', mode)).resolves.toMatchObject({
        contentType: 'image/png',
        width: 64,
        height: 40,
      });
      await expect(verifyImage(jpeg, true, 'r', mode)).resolves.toMatchObject({ contentType: 'image/jpeg' });
    }
  });

  it('both modes refuse a cut-off image as a retryable bad_response', async () => {
    const bytes = await png();
    const jpeg = await sharp(bytes).jpeg().toBuffer();
    for (const cut of [bytes.subarray(0, bytes.length - 20), jpeg.subarray(0, jpeg.length - 10)]) {
      for (const mode of ['full', 'header'] as const) {
        await expect(verifyImage(cut, true, 'r', mode)).rejects.toMatchObject({
          kind: 'bad_response',
          retryable: true,
        });
      }
    }
    await expect(verifyImage(Buffer.alloc(0), false, 'r', 'header')).rejects.toMatchObject({
      kind: 'bad_response',
    });
  });

  it("defaults to 'full': damaged pixel data behind an intact header and end marker is refused only there", async () => {
    const bytes = Buffer.from(await png());
    // Corrupt the IDAT payload (keep the chunk layout and IEND): the header still reads.
    const idat = bytes.indexOf('IDAT');
    for (let i = idat + 6; i < idat + 20; i++) bytes[i] = 0xff;
    await expect(verifyImage(bytes, true, 'r')).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(verifyImage(bytes, true, 'r', 'header')).resolves.toMatchObject({ width: 64 });
  });
});
