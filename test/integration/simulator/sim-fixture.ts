/**
 * Shared helpers of the simulator integration tests: a deterministic source image, request bodies,
 * and small fetch wrappers that talk real HTTP to a simulator on 127.0.0.1.
 */
import sharp from 'sharp';
import type { SimulatorHandle } from '../../../electron/simulator/server';

/** A small, deterministic test picture: coloured shapes on a gradient-free background. */
export async function sourcePng(width = 96, height = 64): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#3a6ea5"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#f4a259"/>
    <rect x="4" y="4" width="${width / 4}" height="${height / 4}" fill="#2e8b57"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export function params(image: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { image_file: image.toString('base64'), prompt: 'a lighthouse at dusk', seed: 4242, ...extra };
}

export function headers(sim: SimulatorHandle, key: string | null = sim.apiKey): Record<string, string> {
  return key === null
    ? { 'content-type': 'application/json' }
    : { 'content-type': 'application/json', 'x-api-key': key };
}

export function post(sim: SimulatorHandle, version: 'v1' | 'v2', body: unknown, key?: string | null) {
  return fetch(`${sim.url}/${version}/ideogram-img-2-img`, {
    method: 'POST',
    headers: headers(sim, key),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface Submitted {
  request_id: string;
  status: string;
  status_url: string;
  response_url: string;
  poll_url: string;
}

export async function submit(sim: SimulatorHandle, body: unknown): Promise<Submitted> {
  const res = await post(sim, 'v2', body);
  if (res.status !== 200) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Submitted;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StatusBody {
  status?: string;
  request_id?: string;
  error?: string | null;
}

/** Polls the status URL until the job is terminal; returns the last response's status and body. */
export async function waitTerminal(
  sim: SimulatorHandle,
  statusUrl: string,
): Promise<{ http: number; body: StatusBody }> {
  for (let i = 0; i < 500; i++) {
    const res = await fetch(statusUrl, { headers: headers(sim) });
    const body = (await res.json()) as StatusBody;
    if (body.status === 'COMPLETED' || body.status === 'FAILED' || res.status === 404)
      return { http: res.status, body };
    await sleep(5);
  }
  throw new Error('job never finished');
}

/** Submit, wait, fetch the result and the output image. */
export async function generate(sim: SimulatorHandle, body: unknown): Promise<Buffer> {
  const job = await submit(sim, body);
  await waitTerminal(sim, job.status_url);
  const result = (await (await fetch(job.response_url, { headers: headers(sim) })).json()) as {
    output: string;
  };
  const media = await fetch(result.output);
  if (media.status !== 200) throw new Error(`media answered ${media.status}`);
  return Buffer.from(await media.arrayBuffer());
}
