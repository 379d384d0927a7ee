import { request } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { headers, params, post, sleep, sourcePng, submit, waitTerminal } from './sim-fixture';

/** A raw GET that reports what actually arrived: chunks, bytes, announced length, whether it broke off. */
function rawGet(url: string, key?: string) {
  return new Promise<{ status: number; chunks: number; bytes: number; announced: number; broken: boolean }>(
    (resolve, reject) => {
      const req = request(url, { headers: key ? { 'x-api-key': key } : {}, agent: false }, (res) => {
        let chunks = 0;
        let bytes = 0;
        const announced = Number(res.headers['content-length']);
        const done = (broken: boolean) =>
          resolve({ status: res.statusCode ?? 0, chunks, bytes, announced, broken });
        res.on('data', (chunk: Buffer) => {
          chunks += 1;
          bytes += chunk.length;
        });
        res.on('end', () => done(bytes < announced));
        res.on('error', () => done(true));
        res.on('aborted', () => done(true));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('simulator faults', () => {
  let sim: SimulatorHandle;
  let image: Buffer;

  beforeAll(async () => {
    image = await sourcePng();
  });
  afterEach(() => sim?.close());

  it('serverError: 500/502/504 JSON errors before any side effect', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { serverError: 1 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const res = await post(sim, 'v2', params(image));
      statuses.add(res.status);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    expect([...statuses].sort()).toEqual([500, 502, 504]);
    expect(sim.stats().acceptedSubmits).toBe(0);
    expect(sim.stats().inFlight).toBe(0);
  });

  it('dropConnection: the socket closes without an answer, nothing is created, the drop is counted', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { dropConnection: 1 } });
    await expect(post(sim, 'v2', params(image))).rejects.toThrow();
    const stats = sim.stats();
    expect(stats.requests['v2.submit']).toEqual({ dropped: 1 });
    expect(stats.acceptedSubmits).toBe(0);
  });

  it('htmlError: a 502/503 proxy page with text/html', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { htmlError: 1 } });
    const res = await post(sim, 'v2', params(image));
    expect([502, 503]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<html>/);
  });

  it('truncatedBody: JSON and media bodies stop short of their Content-Length', async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    const job = await submit(sim, params(image));
    await waitTerminal(sim, job.status_url);
    sim.configure({ faults: { truncatedBody: 1 } });
    await expect(post(sim, 'v2', params(image)).then((r) => r.json())).rejects.toThrow();
    for (const url of [job.status_url, `${sim.url}/media/${job.request_id}.png`]) {
      const got = await rawGet(url, sim.apiKey);
      expect(got.status).toBe(200);
      expect(got.broken).toBe(true);
      expect(got.bytes).toBeLessThan(got.announced);
    }
    // The truncated submit still created a job: the client lost the answer, not the charge.
    expect(sim.stats().acceptedSubmits).toBe(2);
  });

  it('slowBody: the body arrives in pieces spread over time, complete', async () => {
    sim = await startSimulator({ latencyScale: 0.004, faults: { slowBody: 1 } });
    const job = await submit(sim, params(image));
    await waitTerminal(sim, job.status_url);
    const started = performance.now();
    const got = await rawGet(`${sim.url}/media/${job.request_id}.png`);
    expect(got.broken).toBe(false);
    expect(got.bytes).toBe(got.announced);
    expect(got.chunks).toBeGreaterThan(3);
    // 25 s x 0.004 = 100 ms of deliberate dribbling (a lower bound, not a performance bound).
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('expireEarly: status says COMPLETED, the result is already 404', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { expireEarly: 1 } });
    const job = await submit(sim, params(image));
    const done = await waitTerminal(sim, job.status_url);
    expect(done.body.status).toBe('COMPLETED');
    expect((await fetch(job.response_url, { headers: headers(sim) })).status).toBe(404);
    expect((await fetch(`${sim.url}/media/${job.request_id}.png`)).status).toBe(404);
  });

  it('rateLimitBurst: a burst window answers 429 to every submit until it ends', async () => {
    // The window lasts 0.2-1.0 median latencies: >= 127 ms at this scale, long enough to probe inside it.
    sim = await startSimulator({ latencyScale: 0.05, faults: { rateLimitBurst: 1 } });
    const first = await post(sim, 'v2', params(image));
    expect(first.status).toBe(429);
    const waitMs = Date.parse(String(first.headers.get('x-rate-limit-reset-at-utc'))) - Date.now();
    expect(waitMs).toBeGreaterThan(0);
    sim.configure({ faults: { rateLimitBurst: 0 } });
    expect((await post(sim, 'v2', params(image))).status).toBe(429);
    await sleep(waitMs + 5);
    expect((await post(sim, 'v2', params(image))).status).toBe(200);
  });

  it('the same fault seed and request sequence meet the same faults', async () => {
    const run = async () => {
      const s = await startSimulator({
        latencyScale: 0.002,
        faultSeed: 99,
        faults: { serverError: 0.5, htmlError: 0.3 },
      });
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) seen.push((await post(s, 'v2', params(image, { seed: 100 + i }))).status);
      await s.close();
      return seen;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(1);
    sim = await startSimulator();
  });
});
