/**
 * Shared set-up for the client <-> simulator tests: a small source image, parameters per seed, and a
 * per-endpoint request count read from the simulator's stats.
 */

import type { IdeogramParams } from '@shared/catalogue';
import sharp from 'sharp';
import type { SimEndpoint, SimulatorStats } from '../../../electron/simulator/server';

let cachedSource: string | null = null;

/** A 48 x 32 PNG gradient as base64, the way the engine sends inputs inline. */
export async function sourceImageBase64(): Promise<string> {
  if (cachedSource) return cachedSource;
  const width = 48;
  const height = 32;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    raw[i * 3] = (i % width) * 5;
    raw[i * 3 + 1] = Math.floor(i / width) * 7;
    raw[i * 3 + 2] = 128;
  }
  const png = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  cachedSource = png.toString('base64');
  return cachedSource;
}

/** Valid parameters; the seed makes each job distinct (the simulator draws latency per parameter set). */
export async function paramsFor(seed: number, patch: Partial<IdeogramParams> = {}): Promise<IdeogramParams> {
  return {
    image_file: await sourceImageBase64(),
    prompt: 'a red coat on a hill',
    image_weight: 50,
    magic_prompt_option: 'AUTO',
    resolution: 'RESOLUTION_512_1536',
    style_type: 'GENERAL',
    seed,
    ...patch,
  };
}

/** Requests the simulator saw on one endpoint, all outcomes together. */
export function requestsOn(stats: SimulatorStats, endpoint: SimEndpoint): number {
  return Object.values(stats.requests[endpoint] ?? {}).reduce((a, b) => a + b, 0);
}

/** Submit + status + result requests: what a job costs in API calls (media fetches are separate). */
export function apiRequests(stats: SimulatorStats): number {
  return requestsOn(stats, 'v2.submit') + requestsOn(stats, 'v2.status') + requestsOn(stats, 'v2.result');
}

/** Fast retries so fault tests do not wait seconds of real backoff. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40 };
