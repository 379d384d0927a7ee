/**
 * Output-folder checks of the proof suites: stray temp files, full decodes at the requested size, and a
 * content digest that makes two runs' outputs comparable.
 *
 * Comparison choice (crash suite): a run's PNG differs from another run's of the same job in exactly
 * three facts — the batch id (random per batch), the simulator's request id (a random UUID) and the
 * reported inference time (drawn per accepted submit, load dependent). The digest therefore covers
 * every non-text chunk byte for byte (IHDR, IDAT, IEND: the image data as the API sent it) and every
 * text chunk, with only those three facts removed: the `batch_id`, `request_id` and `inference_time`
 * chunks are dropped, the same three fields are deleted from the `generation` JSON, and the `Batch`,
 * `Request id` and `Inference time` entries are cut from the A1111 `parameters` line. A full decode's
 * raw-pixel hash is included as well, so a file that does not decode can never match.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { readPngText } from '../../electron/images/png-text';

const VOLATILE_CHUNKS = new Set(['batch_id', 'request_id', 'inference_time']);
const VOLATILE_RECORD_FIELDS = ['batchId', 'requestId', 'inferenceTimeSec'];
const VOLATILE_PARAMETERS = /(, )?(Batch|Request id|Inference time): ("[^"]*"|[^,\n]*)/g;
const TEXT_TYPES = new Set(['tEXt', 'iTXt', 'zTXt']);

/** Every file under `root` (relative, '/'-separated), sorted; [] when it does not exist. */
export function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
      .sort();
  } catch {
    return [];
  }
}

/** Temp files left by an interrupted atomic write (`*.tmp-<pid>-<hex>`). */
export function strayTemps(root: string): string[] {
  return listFiles(root).filter((f) => /\.tmp-\d+-[0-9a-f]{8}$/.test(f));
}

function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function stableText(text: Record<string, string>): [string, string][] {
  const kept: [string, string][] = [];
  for (const [key, value] of Object.entries(text)) {
    if (VOLATILE_CHUNKS.has(key)) continue;
    if (key === 'generation') {
      const record = JSON.parse(value) as Record<string, unknown>;
      for (const field of VOLATILE_RECORD_FIELDS) delete record[field];
      kept.push([key, JSON.stringify(record)]);
    } else if (key === 'parameters') {
      kept.push([key, value.replace(VOLATILE_PARAMETERS, '')]);
    } else kept.push([key, value]);
  }
  return kept.sort(([a], [b]) => (a < b ? -1 : 1));
}

export interface OutputDigest {
  width: number;
  height: number;
  /** Hash of the comparable content (see file comment). */
  digest: string;
}

/** Decodes `file` fully and digests its comparable content; rejects when it does not decode. */
export async function digestOutput(file: string): Promise<OutputDigest> {
  const bytes = readFileSync(file);
  const { data, info } = await sharp(bytes, { failOn: 'truncated' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const hash = createHash('sha256');
  hash.update(createHash('sha256').update(data).digest());
  for (const chunk of pngChunks(bytes)) {
    if (TEXT_TYPES.has(chunk.type)) continue;
    hash.update(chunk.type).update(chunk.data);
  }
  hash.update(JSON.stringify(stableText(readPngText(bytes))));
  return { width: info.width, height: info.height, digest: hash.digest('hex') };
}
