import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { headers, params, post, sourcePng, submit, waitTerminal } from './sim-fixture';

describe('simulator protocol (happy paths over loopback HTTP)', () => {
  let sim: SimulatorHandle;
  let image: Buffer;

  beforeAll(async () => {
    sim = await startSimulator({ latencyScale: 0.003 });
    image = await sourcePng();
  });
  afterAll(() => sim.close());

  it('v2: submit -> status -> result -> media, with absolute URLs on the simulator', async () => {
    const job = await submit(sim, params(image, { resolution: 'RESOLUTION_1280_720' }));
    expect(job.status).toBe('QUEUED');
    expect(job.status_url).toBe(`${sim.url}/v2/requests/${job.request_id}/status`);
    expect(job.response_url).toBe(`${sim.url}/v2/requests/${job.request_id}`);
    expect(job.poll_url).toBe(`${sim.url}/v1/requests/${job.request_id}`);

    const seen = new Set<string>();
    for (;;) {
      const res = await fetch(job.status_url, { headers: headers(sim) });
      const body = (await res.json()) as { status: string; request_id: string };
      expect(res.status).toBe(200);
      expect(body.request_id).toBe(job.request_id);
      seen.add(body.status);
      if (body.status === 'COMPLETED') break;
    }
    expect(seen.has('COMPLETED')).toBe(true);

    const result = await fetch(job.response_url, { headers: headers(sim) });
    const body = (await result.json()) as { output: string };
    expect(body).toEqual({
      status: 'COMPLETED',
      error: null,
      metrics: { inference_time: expect.any(Number) },
      output: `${sim.url}/media/${job.request_id}.png`,
    });
    const media = await fetch(body.output);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await media.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 720]);
  });

  it('v1 poll_url answers like the status URL', async () => {
    const job = await submit(sim, params(image, { seed: 777 }));
    const done = await waitTerminal(sim, job.status_url);
    const poll = await fetch(job.poll_url, { headers: headers(sim) });
    expect(poll.status).toBe(200);
    expect(await poll.json()).toEqual(done.body);
  });

  it('v1 sync answers with PNG bytes at the requested resolution', async () => {
    const res = await post(sim, 'v1', params(image, { resolution: 'RESOLUTION_640_1536' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([640, 1536]);
  });

  it('the result route answers with the status body before completion', async () => {
    sim.configure({ latencyScale: 0.05 });
    try {
      const job = await submit(sim, params(image, { seed: 31337 }));
      const res = await fetch(job.response_url, { headers: headers(sim) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string };
      expect(['QUEUED', 'PROCESSING']).toContain(body.status);
    } finally {
      sim.configure({ latencyScale: 0.003 });
    }
  });

  it('health and stats routes answer JSON', async () => {
    const health = await (await fetch(`${sim.url}/_sim/health`)).json();
    expect(health).toMatchObject({ ok: true, simulator: true });
    const stats = await (await fetch(`${sim.url}/_sim/stats`)).json();
    expect(stats).toEqual(sim.stats());
  });
});
