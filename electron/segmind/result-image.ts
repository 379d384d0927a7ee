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
  /** What the answer said this generation cost and the credits left (USD), when it said so. Optional. */
  billing?: { costUsd: number | null; remainingCredits: number | null };
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
 * How much of a result image the client proves before handing it over. 'full' (default) decodes every
 * pixel; 'header' reads the header (format, size) and checks the file's end marker (PNG IEND, JPEG EOI),
 * for callers that decode the image fully themselves anyway (the engine's output writer does, before a
 * job is marked completed), so each result is decoded once instead of twice.
 */
export type VerifyMode = 'full' | 'header';

const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

function endMarkerMissing(format: string | undefined, bytes: Buffer): string | null {
  if (format === 'png' && !bytes.subarray(-12).equals(PNG_IEND)) return 'the PNG has no IEND chunk (cut off)';
  if (format === 'jpeg' && !(bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9))
    return 'the JPEG has no end marker (cut off)';
  return null;
}

/**
 * Proves `bytes` are an image (see {@link VerifyMode}; default 'full') and reports format and size.
 * Rejects with bad_response; `retryable` says whether fetching again might help (true for a URL we can
 * fetch again, false for inline data that will be the same next time).
 */
export async function verifyImage(
  bytes: Buffer,
  retryable: boolean,
  requestId?: string,
  mode: VerifyMode = 'full',
): Promise<VerifiedImage> {
  if (bytes.length === 0) {
    throw new SegmindError('bad_response', 'The result image is empty', { requestId, retryable });
  }
  try {
    const image = sharp(bytes, { failOn: 'truncated', limitInputPixels: 100_000_000 });
    const meta = await image.metadata();
    let width = meta.width ?? 0;
    let height = meta.height ?? 0;
    if (mode === 'full') {
      const { info } = await image.raw().toBuffer({ resolveWithObject: true });
      width = info.width;
      height = info.height;
    } else {
      const cut = endMarkerMissing(meta.format, bytes);
      if (cut) throw new Error(cut);
    }
    if (!(width > 0 && height > 0)) throw new Error('no pixels');
    return { contentType: MIME[meta.format ?? ''] ?? `image/${meta.format}`, width, height };
  } catch (error) {
    throw new SegmindError('bad_response', `The result image does not decode: ${(error as Error).message}`, {
      requestId,
      retryable,
      cause: error,
    });
  }
}
