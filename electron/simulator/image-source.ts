/**
 * Turns a request's `image_file` into image bytes the renderer can use: base64 (optionally a `data:`
 * URL) is decoded, an http(s) URL is fetched — from loopback hosts only unless remote images are
 * allowed, so the simulator never reaches the internet. The bytes must decode as an image; anything
 * else is a 400 naming `image_file`.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ByteLru } from './byte-lru';

export type SourceResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** Sources larger than Ideogram's own limit are refused like the real API would. */
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for hosts on this machine (127.0.0.0/8, localhost, ::1). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

async function fetchSource(url: string, allowRemote: boolean): Promise<SourceResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: 'image_file: not a valid URL' };
  }
  if (!allowRemote && !isLoopbackHost(parsed.hostname)) {
    return {
      ok: false,
      message: `image_file: the offline simulator only fetches loopback URLs (got host ${parsed.hostname}); send base64 instead`,
    };
  }
  try {
    const response = await fetch(parsed, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok)
      return { ok: false, message: `image_file: fetching the URL gave HTTP ${response.status}` };
    const bytes = Buffer.from(await response.arrayBuffer());
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: `image_file: could not fetch the URL (${(error as Error).message})` };
  }
}

function decodeBase64(text: string): SourceResult {
  const comma = text.startsWith('data:') ? text.indexOf(',') : -1;
  const payload = comma >= 0 ? text.slice(comma + 1) : text;
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length === 0) return { ok: false, message: 'image_file: the base64 data is empty' };
  return { ok: true, bytes };
}

/** Loads and checks the source image named by `image_file`. Never throws. */
export async function loadSourceImage(
  imageFile: string,
  allowRemote: boolean,
  /**
   * Checked sources by content hash. A sweep sends the same input many times: a hit skips the decode
   * check and hands out the same Buffer, so jobs of one input share its memory.
   */
  checked?: ByteLru<Buffer>,
): Promise<SourceResult> {
  const loaded = /^https?:\/\//i.test(imageFile)
    ? await fetchSource(imageFile, allowRemote)
    : decodeBase64(imageFile);
  if (!loaded.ok) return loaded;
  if (loaded.bytes.length > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      message: `image_file: the image is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`,
    };
  }
  const hash = checked ? createHash('sha1').update(loaded.bytes).digest('hex') : '';
  const known = checked?.get(hash);
  if (known) return { ok: true, bytes: known };
  try {
    const meta = await sharp(loaded.bytes).metadata();
    if (!meta.width || !meta.height)
      return { ok: false, message: 'image_file: the data is not a decodable image' };
    // A header alone is not enough: make sure the pixels decode (truncated files fail here).
    await sharp(loaded.bytes).resize(8, 8, { fit: 'fill' }).raw().toBuffer();
  } catch {
    return {
      ok: false,
      message: 'image_file: the data is not a decodable image (expected JPEG, PNG or WebP)',
    };
  }
  checked?.set(hash, loaded.bytes, loaded.bytes.length);
  return loaded;
}
