import { DEFAULT_RETRY_POLICY } from '@shared/policy/retry-policy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient, type SegmindClient, SegmindError } from '../../../electron/segmind';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { LEVEL, memoryLog } from '../engine/memory-log';
import { FAST_RETRY, paramsFor, requestsOn } from './sim-fixtures';

let sim: SimulatorHandle;
let client: SegmindClient;
const NO_FAULTS = {
  serverError: 0,
  rateLimitBurst: 0,
  failed: 0,
  dropConnection: 0,
  truncatedBody: 0,
  htmlError: 0,
  expireEarly: 0,
};

beforeAll(async () => {
  sim = await startSimulator({ latencyScale: 0.004, forbiddenKeys: ['forbidden-key'] });
});
afterEach(async () => {
  await client?.close();
  sim.configure({
    faults: NO_FAULTS,
    credits: Number.POSITIVE_INFINITY,
    retentionMs: 3_600_000,
    maxConcurrent: 16,
    ratePerSecond: Number.POSITIVE_INFINITY,
  });
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
});

function makeClient(apiKey = sim.apiKey) {
  client = createSegmindClient({ apiKey, baseUrl: sim.baseUrl, retry: FAST_RETRY });
  return client;
}

/** The SegmindError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<SegmindError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SegmindError);
  return error as SegmindError;
}

describe('HTTP errors map to typed SegmindErrors, without retrying final answers', () => {
  it.each([
    ['auth', 401, 'wrong-key'],
    ['forbidden', 403, 'forbidden-key'],
  ] as const)('%s (%i)', async (kind, status, key) => {
    const e = await failure(makeClient(key).submit(await paramsFor(201)));
    expect([e.kind, e.status, e.retryable]).toEqual([kind, status, false]);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(1);
  });

  it('invalid (400) from the server, e.g. image_file that is not an image', async () => {
    const e = await failure(makeClient().submit(await paramsFor(202, { image_file: 'QUJD'.repeat(40) })));
    expect([e.kind, e.status]).toEqual(['invalid', 400]);
    expect(e.message).toMatch(/image_file/);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(1);
  });

  it('invalid before any request when the parameters fail validation', async () => {
    const e = await failure(makeClient().submit(await paramsFor(202, { seed: 5 })));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/seed/);
    expect(sim.stats().totalRequests).toBe(0);
  });

  it('credits (406)', async () => {
    sim.configure({ credits: 0 });
    const e = await failure(makeClient().submit(await paramsFor(203)));
    expect([e.kind, e.status]).toEqual(['credits', 406]);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(1);
  });

  it('failed (422 with status FAILED) carries the server reason', async () => {
    sim.configure({ faults: { failed: 1 } });
    const c = makeClient();
    const receipt = await c.submit(await paramsFor(204));
    const e = await failure(c.waitForResult(receipt));
    expect([e.kind, e.status, e.requestId, e.retryable]).toEqual(['failed', 422, receipt.requestId, false]);
    expect(e.message).not.toMatch(/no reason given/);
    expect(sim.stats().requests['v2.status']?.['422']).toBe(1);
  });

  it('expired: a result gone after COMPLETED (404 for a request id)', async () => {
    sim.configure({ faults: { expireEarly: 1 } });
    const c = makeClient();
    const e = await failure(c.waitForResult(await c.submit(await paramsFor(205))));
    expect([e.kind, e.status]).toEqual(['expired', 404]);
  });

  it('expired: an unknown request id', async () => {
    const base = sim.url;
    const e = await failure(
      makeClient().waitForResult({
        requestId: 'nope',
        statusUrl: `${base}/v2/requests/nope/status`,
        responseUrl: `${base}/v2/requests/nope`,
      }),
    );
    expect(e.kind).toBe('expired');
    expect(requestsOn(sim.stats(), 'v2.status')).toBe(1);
  });

  it('rate_limited (429): waits out the Retry-After instead of hammering, then succeeds', async () => {
    // A key of its own: the per-key rate window must not hold submits of earlier tests.
    sim.configure({ ratePerSecond: 1, apiKeys: [sim.apiKey, 'rate-limited-key'] });
    const c = makeClient('rate-limited-key');
    const started = performance.now();
    await c.submit(await paramsFor(206));
    const second = await c.submit(await paramsFor(207));
    const elapsed = performance.now() - started;
    // The simulator asks for the rest of its 1 s window (Retry-After-Ms); fast backoff alone would retry
    // after a few ms and collect many 429s.
    expect(sim.stats().requests['v2.submit']?.['429']).toBe(1);
    expect(second.attempts).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(980);
    expect((await c.waitForResult(second)).width).toBe(512);
  });

  it('rate_limited (429) that never clears gives up after maxAttempts with kind rate_limited', async () => {
    sim.configure({ maxConcurrent: 0 });
    const e = await failure(makeClient().submit(await paramsFor(212)));
    expect([e.kind, e.status]).toEqual(['rate_limited', 429]);
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('a throwing onRateLimited listener is logged, never turned into a failure of its own', async () => {
    sim.configure({ maxConcurrent: 0 });
    const { log, lines } = memoryLog();
    client = createSegmindClient({
      apiKey: sim.apiKey,
      baseUrl: sim.baseUrl,
      retry: FAST_RETRY,
      log,
      onRateLimited: () => {
        throw new Error('listener bug');
      },
    });
    const e = await failure(client.submit(await paramsFor(213)));
    // Every 429 was retried as usual; the error is the API's, not the listener's.
    expect([e.kind, e.status]).toEqual(['rate_limited', 429]);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    const logged = lines.filter((l) => l.level === LEVEL.error);
    expect(logged).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(logged[0]).toMatchObject({ module: 'segmind', err: { message: 'listener bug' } });
  });

  it('server (5xx) is retried and then succeeds', async () => {
    sim.configure({ faults: { serverError: 0.5 }, faultSeed: 7 });
    const c = makeClient();
    const image = await c.waitForResult(await c.submit(await paramsFor(208)));
    expect(image.width).toBe(512);
    const stats = sim.stats();
    const fives = Object.entries(stats.requests)
      .flatMap(([, outcomes]) => Object.entries(outcomes ?? {}))
      .filter(([code]) => code.startsWith('5'))
      .reduce((a, [, n]) => a + n, 0);
    expect(fives).toBeGreaterThan(0);
    expect(image.attempts + image.mediaRequests).toBe(stats.totalRequests);
  });

  it.each([
    ['serverError', 'server'],
    ['htmlError', 'server'],
    ['dropConnection', 'network'],
  ] as const)('retries are bounded: with %s=1 submit gives up after maxAttempts', async (fault, kind) => {
    sim.configure({ faults: { [fault]: 1 } });
    const e = await failure(makeClient().submit(await paramsFor(209)));
    expect(e.kind).toBe(kind);
    expect(requestsOn(sim.stats(), 'v2.submit')).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(sim.stats().acceptedSubmits).toBe(0);
  });

  it('an HTML error page is read for its message, not parsed as JSON', async () => {
    sim.configure({ faults: { htmlError: 1 } });
    const e = await failure(makeClient().submit(await paramsFor(210)));
    expect(e.status === 502 || e.status === 503).toBe(true);
    expect(e.message).not.toMatch(/<html|Unexpected token/i);
  });

  it('a truncated body is a retryable network error, bounded', async () => {
    const c = makeClient();
    const receipt = await c.submit(await paramsFor(211));
    sim.configure({ faults: { truncatedBody: 1 } });
    const e = await failure(c.waitForResult(receipt));
    expect(e.kind).toBe('network');
    expect(requestsOn(sim.stats(), 'v2.status')).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });
});
