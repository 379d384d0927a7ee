import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { headers, params, post, sleep, sourcePng, submit, waitTerminal } from './sim-fixture';

describe('simulator error answers', () => {
  let sim: SimulatorHandle;
  let image: Buffer;

  beforeAll(async () => {
    image = await sourcePng();
  });
  afterEach(() => sim?.close());

  const errorOf = async (res: Response) => ({
    status: res.status,
    body: (await res.json()) as { error: string },
  });

  it('401 without a key or with an unknown key, on submit, sync and status', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    for (const version of ['v1', 'v2'] as const) {
      const missing = await errorOf(await post(sim, version, params(image), null));
      expect(missing.status).toBe(401);
      expect(missing.body.error).toMatch(/api key/i);
      expect((await post(sim, version, params(image), 'wrong-key')).status).toBe(401);
    }
    const job = await submit(sim, params(image));
    expect((await fetch(job.status_url)).status).toBe(401);
    expect((await fetch(job.response_url, { headers: headers(sim, 'nope') })).status).toBe(401);
    expect(sim.stats().acceptedSubmits).toBe(1);
  });

  it('403 for a forbidden key', async () => {
    sim = await startSimulator({ latencyScale: 0.002, forbiddenKeys: ['blocked-key'] });
    const res = await errorOf(await post(sim, 'v2', params(image), 'blocked-key'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/forbidden/i);
  });

  it('400 naming the field for invalid params, and for non-JSON bodies', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    const seed = await errorOf(await post(sim, 'v2', params(image, { seed: 5 })));
    expect(seed.status).toBe(400);
    expect(seed.body.error).toContain('seed');
    const style = await errorOf(await post(sim, 'v1', params(image, { style_type: 'OIL' })));
    expect(style.status).toBe(400);
    expect(style.body.error).toContain('style_type');
    const unknown = await errorOf(await post(sim, 'v2', params(image, { steps: 30 })));
    expect(unknown.body.error).toContain('steps');
    const notJson = await errorOf(await post(sim, 'v2', '{"prompt": '));
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/JSON/);
    expect(sim.stats().acceptedSubmits).toBe(0);
  });

  it('400 naming image_file for undecodable images and non-loopback URLs', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    const garbage = await errorOf(
      await post(sim, 'v2', { ...params(image), image_file: 'aGVsbG8gd29ybGQ=' }),
    );
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toContain('image_file');
    const truncated = image.subarray(0, Math.floor(image.length / 2)).toString('base64');
    expect((await post(sim, 'v2', { ...params(image), image_file: truncated })).status).toBe(400);
    const remote = await errorOf(
      await post(sim, 'v2', { ...params(image), image_file: 'https://example.com/cat.png' }),
    );
    expect(remote.status).toBe(400);
    expect(remote.body.error).toMatch(/image_file.*loopback/);
  });

  it('accepts image_file as a loopback URL and as a data: URL', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    const host: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end(image),
    );
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/source.png`;
      expect((await post(sim, 'v2', { ...params(image), image_file: url })).status).toBe(200);
      const dataUrl = `data:image/png;base64,${image.toString('base64')}`;
      expect((await post(sim, 'v2', { ...params(image), image_file: dataUrl })).status).toBe(200);
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });

  it('413 for a body above the size limit', async () => {
    sim = await startSimulator({ latencyScale: 0.002, maxBodyBytes: 64 * 1024 });
    const res = await post(sim, 'v2', params(image, { prompt: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large/i);
  });

  it('406 once credits ($) run out; sync and submit both spend them', async () => {
    sim = await startSimulator({ latencyScale: 0.002, credits: 0.2 });
    expect((await post(sim, 'v1', params(image))).status).toBe(200);
    expect(sim.credits()).toBe(0.1); // the sync call completed: charged
    expect((await post(sim, 'v2', params(image))).status).toBe(200); // reserves the last $0.10
    const out = await errorOf(await post(sim, 'v2', params(image)));
    expect(out.status).toBe(406);
    expect(out.body.error).toMatch(/^Insufficient credits: balance \$0\.00, needed \$0\.10$/);
    sim.configure({ credits: 1 });
    expect((await post(sim, 'v2', params(image))).status).toBe(200);
  });

  it('404 for unknown request ids, unknown models and unknown paths', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    const id = '00000000-0000-0000-0000-000000000000';
    for (const path of [
      `/v2/requests/${id}/status`,
      `/v2/requests/${id}`,
      `/v1/requests/${id}`,
      `/media/${id}.png`,
    ]) {
      const res = await errorOf(await fetch(`${sim.url}${path}`, { headers: headers(sim) }));
      expect(res.status, path).toBe(404);
      expect(res.body.error).toBeTruthy();
    }
    const model = await fetch(`${sim.url}/v2/flux-schnell`, {
      method: 'POST',
      headers: headers(sim),
      body: '{}',
    });
    expect(model.status).toBe(404);
    expect((await fetch(`${sim.url}/nowhere`)).status).toBe(404);
  });

  it('422 FAILED with a content-block reason on status, poll and result', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { failed: 1 } });
    const job = await submit(sim, params(image));
    const done = await waitTerminal(sim, job.status_url);
    expect(done.http).toBe(422);
    expect(done.body).toEqual({
      status: 'FAILED',
      error: expect.stringMatching(/content|flagged|policy/i),
      request_id: job.request_id,
    });
    for (const url of [job.poll_url, job.response_url]) {
      const res = await fetch(url, { headers: headers(sim) });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual(done.body);
    }
    expect(sim.stats().failed).toBe(1);
    const sync = await errorOf(await post(sim, 'v1', params(image)));
    expect(sync.status).toBe(422);
  });

  it('429 like Segmind above maxConcurrent (reset time, no Retry-After), then accepts again', async () => {
    // Jobs last >= 300 ms here (0.05 x 12.7 s, clamped at -3 sigma): the third submit lands while both run.
    sim = await startSimulator({ latencyScale: 0.05, maxConcurrent: 2 });
    const first = await submit(sim, params(image, { seed: 101 }));
    await submit(sim, params(image, { seed: 102 }));
    const limited = await post(sim, 'v2', params(image, { seed: 103 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('retry-after-ms')).toBeNull();
    const resetAt = String(limited.headers.get('x-rate-limit-reset-at-utc'));
    expect(resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(resetAt)).toBeGreaterThan(Date.now() - 1000);
    expect(((await limited.json()) as { error: string }).error).toMatch(/too many/i);
    await waitTerminal(sim, first.status_url);
    expect((await post(sim, 'v2', params(image, { seed: 103 }))).status).toBe(200);
    expect(sim.stats().acceptedSubmits).toBe(3);
  });

  it('429 with Retry-After (whole seconds) and Retry-After-Ms too when retryAfter is on', async () => {
    sim = await startSimulator({ latencyScale: 0.002, ratePerSecond: 2, retryAfter: true });
    expect((await post(sim, 'v2', params(image))).status).toBe(200);
    expect((await post(sim, 'v2', params(image))).status).toBe(200);
    const limited = await post(sim, 'v2', params(image));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after-ms'))).toBeLessThanOrEqual(1000);
    expect(Number(limited.headers.get('retry-after'))).toBe(1);
    expect(limited.headers.get('x-rate-limit-reset-at-utc')).not.toBeNull();
  });

  it('requestsPerMinute counts every API request in a scaled minute, then answers 429 until it resets', async () => {
    // latency scale 0.05: a minute lasts 3 s; 4 requests per minute.
    sim = await startSimulator({ latencyScale: 0.05, requestsPerMinute: 4 });
    const job = await submit(sim, params(image));
    for (let i = 0; i < 2; i++)
      expect((await fetch(job.status_url, { headers: headers(sim) })).status).toBe(200);
    expect((await fetch(job.response_url, { headers: headers(sim) })).status).toBe(200);
    const limited = await fetch(job.status_url, { headers: headers(sim) });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toMatch(/over 4 requests per minute/);
    const resetAt = Date.parse(String(limited.headers.get('x-rate-limit-reset-at-utc')));
    expect(resetAt - Date.now()).toBeGreaterThan(1_000);
    expect(resetAt - Date.now()).toBeLessThanOrEqual(3_000);
    // Media is a CDN link, not an API request: never counted, never refused.
    expect((await fetch(`${sim.url}/media/${job.request_id}.png`)).status).not.toBe(429);
    expect((await post(sim, 'v2', params(image))).status).toBe(429);
    await sleep(resetAt - Date.now() + 20);
    expect((await fetch(job.status_url, { headers: headers(sim) })).status).toBe(200);
    const stamps = sim.stats().recent.filter((r) => r.endpoint !== 'media');
    expect(stamps.map((r) => r.outcome)).toEqual(['200', '200', '200', '200', '429', '429', '200']);
    expect(stamps.at(-1)!.at).toBeGreaterThanOrEqual(resetAt);
  });

  it("rpmCounts 'submits' leaves status and result reads alone", async () => {
    sim = await startSimulator({ latencyScale: 0.05, requestsPerMinute: 1, rpmCounts: 'submits' });
    const job = await submit(sim, params(image));
    for (let i = 0; i < 3; i++)
      expect((await fetch(job.status_url, { headers: headers(sim) })).status).toBe(200);
    expect((await post(sim, 'v2', params(image))).status).toBe(429);
  });
});

describe('simulator expiry', () => {
  let sim: SimulatorHandle;
  afterAll(() => sim?.close());

  it('status, result and media are 404 once retention has passed', async () => {
    sim = await startSimulator({ latencyScale: 0.002, retentionMs: 400 });
    const image = await sourcePng();
    const job = await submit(sim, params(image));
    const done = await waitTerminal(sim, job.status_url);
    expect(done.body.status).toBe('COMPLETED');
    const media = `${sim.url}/media/${job.request_id}.png`;
    expect((await fetch(media)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const url of [job.status_url, job.response_url, job.poll_url, media]) {
      expect((await fetch(url, { headers: headers(sim) })).status, url).toBe(404);
    }
  });
});
