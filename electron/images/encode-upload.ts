/**
 * Encodes decoded sRGB pixels into the file that is sent to the API as `image_file`. Ideogram accepts
 * JPEG, PNG and WebP sources up to 25 MB; we aim lower (default 10 MB) because inline base64 grows the
 * request body by a third. Opaque images become JPEG q90 (small, universally accepted, visually
 * lossless for a reference image); images with real transparency become PNG so the alpha the model
 * may use survives, falling back to WebP with alpha when the PNG is too big. If a file still exceeds
 * the cap, quality steps down and then the image shrinks, so every decodable input gets through.
 */
import sharp from 'sharp';

/** Decoded, already oriented and down-scaled pixels, 3 or 4 channels of 8-bit sRGB. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface EncodedUpload {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  extension: 'jpg' | 'png' | 'webp';
  width: number;
  height: number;
}

/** True when a 4-channel image has at least one pixel that is not fully opaque. */
export function hasTransparency(image: RawImage): boolean {
  if (image.channels !== 4) return false;
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) return true;
  return false;
}

function fromRaw(image: RawImage, scale: number) {
  const pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
  if (scale === 1) return { pipeline, width: image.width, height: image.height };
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  return { pipeline: pipeline.resize(width, height, { fit: 'fill' }), width, height };
}

type Attempt = (image: RawImage, scale: number) => Promise<EncodedUpload>;

const jpeg =
  (quality: number): Attempt =>
  async (image, scale) => {
    const { pipeline, width, height } = fromRaw(image, scale);
    const bytes = await pipeline.removeAlpha().jpeg({ quality, mozjpeg: false }).toBuffer();
    return { bytes, mime: 'image/jpeg', extension: 'jpg', width, height };
  };

const png: Attempt = async (image, scale) => {
  const { pipeline, width, height } = fromRaw(image, scale);
  const bytes = await pipeline.png({ compressionLevel: 6 }).toBuffer();
  return { bytes, mime: 'image/png', extension: 'png', width, height };
};

const webp =
  (quality: number): Attempt =>
  async (image, scale) => {
    const { pipeline, width, height } = fromRaw(image, scale);
    const bytes = await pipeline.webp({ quality, alphaQuality: 100 }).toBuffer();
    return { bytes, mime: 'image/webp', extension: 'webp', width, height };
  };

/**
 * Encodes `image` as small as needed to fit `maxBytes`, trying (opaque) JPEG q90/80/70 or (alpha)
 * PNG, WebP q90/75, then the same at 75% and 50% size. Returns null only if nothing fits, which for
 * a realistic cap means a cap of a few kilobytes.
 */
export async function encodeUpload(image: RawImage, maxBytes: number): Promise<EncodedUpload | null> {
  const transparent = hasTransparency(image);
  const formats: Attempt[] = transparent ? [png, webp(90), webp(75)] : [jpeg(90), jpeg(80), jpeg(70)];
  for (const scale of [1, 0.75, 0.5, 0.25]) {
    for (const attempt of formats) {
      const encoded = await attempt(image, scale);
      if (encoded.bytes.length <= maxBytes) return encoded;
    }
  }
  return null;
}

/** A small WebP preview (long side `size`, default 256) for the grid. */
export function encodeThumbnail(image: RawImage, size = 256): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
