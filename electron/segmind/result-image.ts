/**
 * Finds the image in a result's `output` (a URL string, a list of URLs, an object with a URL-ish field, or
 * base64 data, since the API notes only promise "e.g. media URL") and proves that bytes really are an image:
 * an empty, cut-off or undecodable body never counts as a generated image.
 */
import sharp from 'sharp';
import { SegmindError } from './errors';

/** A verified generated image, as the client hands it to the engine. */
export interface GeneratedImage {
  requestId: string;
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
  /** Server-reported `metrics.inference_time`, when given. */
  inferenceTimeSec: number | null;
  /** Segmind API requests spent on this job (submit + status polls + result, retries included). */
  attempts: number;
  /** Requests to the output's media URL (a CDN in production), counted apart: they cost no credits. */
  mediaRequests: number;
}

export type OutputSource = { type: 'url'; url: string } | { type: 'inline'; bytes: Buffer };

/** Fields that commonly carry the media in image APIs, in the order they are tried. */
const URLISH_KEYS = [
  'url',
  'image_url',
  'imageUrl',
  'image',
  'uri',
  'href',
  'output',
  'images',
  'data',
  'result',
];
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Where the image is, or null when `output` holds nothing image-like. */
export function locateOutput(output: unknown, depth = 0): OutputSource | null {
  if (depth > 4 || output === null || output === undefined) return null;
  if (typeof output === 'string') return fromString(output.trim());
  if (Array.isArray(output)) {
    for (const item of output) {
      const found = locateOutput(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (typeof output === 'object') {
    const record = output as Record<string, unknown>;
    for (const key of URLISH_KEYS) {
      const found = locateOutput(record[key], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function fromString(s: string): OutputSource | null {
  if (/^https?:\/\/\S+$/i.test(s)) return { type: 'url', url: s };
  const dataUrl = /^data:[^;,]*;base64,(.*)$/is.exec(s);
  const payload = (dataUrl ? dataUrl[1]! : s).replace(/\s+/g, '');
  // Short strings are ids or words, not images; a PNG header alone is ~60 base64 characters.
  if (payload.length >= 64 && BASE64.test(payload)) {
    const bytes = Buffer.from(
      payload,
      payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64',
    );
    return bytes.length > 0 ? { type: 'inline', bytes } : null;
  }
  return null;
}

export interface VerifiedImage {
  contentType: string;
  width: number;
  height: number;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/heif',
  tiff: 'image/tiff',
};

/**
 * Decodes every pixel (a header can be intact while the data is cut off) and reports format and size.
 * Rejects with bad_response; `retryable` says whether fetching again might help (true for a URL we can
 * fetch again, false for inline data that will be the same next time).
 */
export async function verifyImage(
  bytes: Buffer,
  retryable: boolean,
  requestId?: string,
): Promise<VerifiedImage> {
  if (bytes.length === 0) {
    throw new SegmindError('bad_response', 'The result image is empty', { requestId, retryable });
  }
  try {
    const image = sharp(bytes, { failOn: 'truncated', limitInputPixels: 100_000_000 });
    const meta = await image.metadata();
    const { info } = await image.raw().toBuffer({ resolveWithObject: true });
    if (!(info.width > 0 && info.height > 0)) throw new Error('no pixels');
    return {
      contentType: MIME[meta.format ?? ''] ?? `image/${meta.format}`,
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw new SegmindError('bad_response', `The result image does not decode: ${(error as Error).message}`, {
      requestId,
      retryable,
      cause: error,
    });
  }
}
