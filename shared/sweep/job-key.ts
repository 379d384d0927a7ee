/**
 * Job identity and the API body. The key is the hex SHA-256 of a canonical JSON array of the input's
 * content hash and every API parameter in a fixed order, so the same image with the same parameters
 * gets the same key on every run (dedupe, resume) and any change gives a different key.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ColorPalette, IdeogramParams } from '../catalogue';
import type { JobParams } from './job-spec';

/** Bumped if the canonical form ever changes, so old and new keys can never be confused. */
const KEY_VERSION = 'sweep-studio/job/v1';

/** Palette as a plain array: `null`, `['name', NAME]` or `['members', [hex, weight], …]` (given order). */
function canonicalPalette(palette: ColorPalette | null): unknown {
  if (palette === null) return null;
  if ('name' in palette) return ['name', palette.name];
  return ['members', ...palette.members.map((m) => [m.color_hex, m.color_weight])];
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * Deterministic key of a job: hex SHA-256 over `[version, inputContentHash, prompt, negativePrompt,
 * seed, style, resolution, imageWeight, magicPrompt, palette]` serialised with JSON.stringify (an
 * array, so field order is fixed; strings are escaped unambiguously).
 */
export function jobKey(inputContentHash: string, params: JobParams): string {
  const canonical = JSON.stringify([
    KEY_VERSION,
    inputContentHash,
    params.prompt,
    params.negativePrompt,
    params.seed,
    params.style,
    params.resolution,
    params.imageWeight,
    params.magicPrompt,
    canonicalPalette(params.palette),
  ]);
  return sha256Hex(canonical);
}

/**
 * The exact request body for `POST /v1|v2/ideogram-img-2-img`. `negative_prompt` is omitted when
 * empty and `color_palette` when null, as the API treats absence as "none".
 * @param imageFile an http(s) URL or base64 image data, prepared by the image pipeline.
 */
export function toIdeogramParams(job: JobParams, imageFile: string): IdeogramParams {
  return {
    image_file: imageFile,
    prompt: job.prompt,
    ...(job.negativePrompt === '' ? {} : { negative_prompt: job.negativePrompt }),
    image_weight: job.imageWeight,
    magic_prompt_option: job.magicPrompt,
    resolution: job.resolution,
    seed: job.seed,
    style_type: job.style,
    ...(job.palette === null ? {} : { color_palette: job.palette }),
  };
}
