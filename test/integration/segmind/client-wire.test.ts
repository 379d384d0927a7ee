/**
 * The client against a scripted loopback server, for answers the simulator does not produce: other output
 * shapes, answers missing fields, undecodable images, media on another origin, and the headers sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RETRY_POLICY } from '@shared/policy/retry-policy';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient, type SegmindClient, SegmindError } from '../../../electron/segmind';
import { rateLimitWaitMs, retryAfterMs } from '../../../electron/segmind/http';
import { FAST_RETRY, paramsFor } from './sim-fixtures';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Scripted {
  url: string;
  seen: IncomingMessage[];
  routes: Map<string, Handler>;
  server: Server;
}

async function scripted(): Promise<Scripted> {
  const s: Scripted = { url: '', seen: [], routes: new Map(), server: createServer() };
  s.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    s.seen.push(req);
    req.resume();
    const handler = s.routes.get(`${req.method} ${req.url}`);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no route"}');
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

const json =
  (status: number, body: unknown): Handler =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

let api: Scripted;
let cdn: Scripted;
let client: SegmindClient;
let png: Buffer;

beforeAll(async () => {
  api = await scripted();
  cdn = await scripted();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
});
afterEach(async () => {
  await client?.close();
  api.routes.clear();
  cdn.routes.clear();
  api.seen.length = 0;
  cdn.seen.length = 0;
});
afterAll(async () => {
  api.server.closeAllConnections();
  cdn.server.closeAllConnections();
  await Promise.all([api, cdn].map((s) => new Promise((r) => s.server.close(r))));
});

/** Scripts a submit whose status is COMPLETED at once and whose result carries `output`. */
function scriptJob(output: unknown, extra: Partial<Record<'status' | 'result', Handler>> = {}) {
  api.routes.set(
    'POST /v2/ideogram-img-2-img',
    json(200, {
      request_id: 'r1',
      status: 'QUEUED',
      status_url: `${api.url}/v2/requests/r1/status`,
      response_url: `${api.url}/v2/requests/r1`,
    }),
  );
  api.routes.set('GET /v2/requests/r1/status', extra.status ?? json(200, { status: 'COMPLETED' }));
  api.routes.set(
    'GET /v2/requests/r1',
    extra.result ?? json(200, { status: 'COMPLETED', error: null, metrics: { inference_time: 1.5 }, output }),
  );
}

async function run() {
  client = createSegmindClient({ apiKey: 'k-123', baseUrl: `${api.url}/v1`, retry: FAST_RETRY });
  return client.waitForResult({ ...(await client.submit(await paramsFor(400))), submittedAt: undefined });
}

async function failure(p: Promise<unknown>): Promise<SegmindError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SegmindError);
  return e as SegmindError;
}

describe('client wire behaviour', () => {
  it('sends x-api-key and its User-Agent to the API, but not the key to a media host elsewhere', async () => {
    cdn.routes.set('GET /out.png', (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    scriptJob(`${cdn.url}/out.png`);
    const image = await run();
    expect([image.width, image.height, image.inferenceTimeSec]).toEqual([40, 30, 1.5]);
    for (const req of api.seen) {
      expect(req.headers['x-api-key']).toBe('k-123');
      expect(req.headers['user-agent']).toMatch(/^sweep-studio\/\d+\.\d+\.\d+/);
    }
    expect(api.seen[0]!.headers['content-type']).toBe('application/json');
    expect(cdn.seen).toHaveLength(1);
    expect(cdn.seen[0]!.headers['x-api-key']).toBeUndefined();
  });

  it.each([
    ['a list of URLs', (u: string) => [u]],
    ['an object with url', (u: string) => ({ image_url: u })],
    ['base64', () => png.toString('base64')],
    ['a data URL', () => `data:image/png;base64,${png.toString('base64')}`],
  ])('reads output given as %s', async (_label, shape) => {
    cdn.routes.set('GET /out.png', (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    scriptJob(shape(`${cdn.url}/out.png`));
    const image = await run();
    expect(image.bytes.equals(png)).toBe(true);
    expect(image.width).toBe(40);
  });

  it('a 2xx submit without request_id is bad_response and is not retried (it may have been charged)', async () => {
    api.routes.set('POST /v2/ideogram-img-2-img', json(200, { status: 'QUEUED' }));
    const e = await failure(run());
    expect([e.kind, e.retryable]).toEqual(['bad_response', false]);
    expect(api.seen).toHaveLength(1);
  });

  it('an HTML page served as a 200 status is bad_response, retried and bounded', async () => {
    scriptJob('unused', {
      status: (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Login</html>'),
    });
    const e = await failure(run());
    expect(e.kind).toBe('bad_response');
    expect(api.seen.filter((r) => r.url?.endsWith('/status'))).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('an output with no image is bad_response', async () => {
    scriptJob({ text: 'hello' });
    expect((await failure(run())).kind).toBe('bad_response');
  });

  it.each([
    ['an empty', () => Buffer.alloc(0)],
    ['a non-image', () => Buffer.from('<html>nope</html>')],
    ['a cut-off PNG', () => png.subarray(0, png.length - 30)],
  ])('%s media body never counts as success; it is fetched again, bounded', async (_label, body) => {
    const bytes = body();
    cdn.routes.set('GET /out.png', (_q, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end(bytes),
    );
    scriptJob(`${cdn.url}/out.png`);
    const e = await failure(run());
    expect(e.kind).toBe('bad_response');
    expect(cdn.seen).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('undecodable inline base64 fails at once (fetching again cannot change it)', async () => {
    scriptJob(
      Buffer.from('not really an image but long enough to look like base64 data'.repeat(3)).toString(
        'base64',
      ),
    );
    const e = await failure(run());
    expect([e.kind, e.retryable]).toEqual(['bad_response', false]);
  });

  it('a 404 on the model endpoint is invalid (wrong base URL), not expired', async () => {
    client = createSegmindClient({ apiKey: 'k', baseUrl: `${api.url}/v1`, retry: FAST_RETRY });
    const e = await failure(client.submit(await paramsFor(401)));
    expect([e.kind, e.status]).toEqual(['invalid', 404]);
  });

  it('a refused connection is a network error, retried and bounded (below the offline threshold)', async () => {
    const closed = await scripted();
    const url = closed.url;
    await new Promise((r) => closed.server.close(r));
    // More failures than the client's tries are needed to call it offline, so the retries run out first
    // (offline behaviour: client-offline.test.ts).
    client = createSegmindClient({
      apiKey: 'k',
      baseUrl: `${url}/v1`,
      retry: FAST_RETRY,
      connectivity: { failuresToOffline: 100 },
    });
    const e = await failure(client.submit(await paramsFor(402)));
    expect(e.kind).toBe('network');
  });

  it('a 2xx submit answer without the request fields is ambiguous: never sent again', async () => {
    api.routes.set('POST /v2/ideogram-img-2-img', json(200, { status: 'QUEUED' }));
    client = createSegmindClient({ apiKey: 'k', baseUrl: `${api.url}/v1`, retry: FAST_RETRY });
    const e = await failure(client.submit(await paramsFor(403)));
    expect([e.kind, e.ambiguous, e.retryable, e.attempts, e.status]).toEqual([
      'bad_response',
      true,
      false,
      1,
      200,
    ]);
    expect(e.message).toMatch(/HTTP 200 without request_id/);
    expect(api.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a 2xx submit answer cut off on the way is ambiguous too; a cut-off GET is retried', async () => {
    api.routes.set('POST /v2/ideogram-img-2-img', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"request_id":"r9","sta');
      setTimeout(() => res.destroy(), 20);
    });
    client = createSegmindClient({ apiKey: 'k', baseUrl: `${api.url}/v1`, retry: FAST_RETRY });
    const e = await failure(client.submit(await paramsFor(404)));
    expect([e.kind, e.ambiguous, e.retryable, e.attempts]).toEqual(['bad_response', true, false, 1]);
    expect(e.message).toMatch(/HTTP 200 but the answer was cut off/);
    expect(api.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('429 with only x-rate-limit-reset-at-utc: the wait is read from it, ISO or epoch seconds', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(rateLimitWaitMs({ 'x-rate-limit-reset-at-utc': '2026-01-01T00:00:02Z' }, now)).toBe(2_000);
    expect(rateLimitWaitMs({ 'x-rate-limit-reset-at-utc': String(now / 1000 + 3) }, now)).toBe(3_000);
    expect(
      rateLimitWaitMs({ 'x-rate-limit-reset-at-utc': '2026-01-01T00:00:02Z', 'retry-after': '5' }, now),
    ).toBe(5_000);
    expect(rateLimitWaitMs({}, now)).toBeUndefined();
  });

  it('reads Retry-After as seconds, an HTTP date, or the simulator Retry-After-Ms', () => {
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3_000);
    expect(retryAfterMs({ 'retry-after': '1', 'retry-after-ms': '40' })).toBe(40);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }, now)).toBe(5_000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs({})).toBeUndefined();
  });
});
