import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient, SegmindError } from '../../../electron/segmind';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { paramsFor } from './sim-fixtures';

let sim: SimulatorHandle;

beforeAll(async () => {
  // ~0.6 s median: long enough to abort mid-poll.
  sim = await startSimulator({ latencyScale: 0.05 });
});
afterAll(async () => {
  await sim.close();
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rejection(p: Promise<unknown>): Promise<SegmindError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SegmindError);
  return e as SegmindError;
}

describe('abort', () => {
  it('stops polling at once: no request after the abort', async () => {
    // Fast probes so the job is mid-poll when aborted.
    const client = createSegmindClient({
      apiKey: sim.apiKey,
      baseUrl: sim.baseUrl,
      poll: { probeInitialMs: 20 },
    });
    try {
      sim.resetStats();
      const receipt = await client.submit(await paramsFor(301));
      const controller = new AbortController();
      let polls = 0;
      const waiting = client.waitForResult(receipt, {
        signal: controller.signal,
        onStatus: () => {
          polls++;
        },
      });
      await settle(120);
      const before = sim.stats().totalRequests;
      const abortedAt = performance.now();
      controller.abort();
      const e = await rejection(waiting);
      expect(e.kind).toBe('aborted');
      expect(e.requestId).toBe(receipt.requestId);
      // "At once": well under any poll interval or backoff (seconds), with room for a loaded CI machine.
      expect(performance.now() - abortedAt).toBeLessThan(250);
      expect(polls).toBeGreaterThan(0);
      await settle(1_500);
      expect(sim.stats().totalRequests).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('an already aborted signal sends nothing', async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      sim.resetStats();
      const e = await rejection(client.submit(await paramsFor(302), { signal: AbortSignal.abort() }));
      expect(e.kind).toBe('aborted');
      expect(sim.stats().totalRequests).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('cuts a retry backoff short', async () => {
    const client = createSegmindClient({
      apiKey: sim.apiKey,
      baseUrl: sim.baseUrl,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      random: () => 0.99,
    });
    try {
      sim.configure({ faults: { serverError: 1 } });
      sim.resetStats();
      const controller = new AbortController();
      const submitting = client.submit(await paramsFor(303), { signal: controller.signal });
      await settle(100);
      controller.abort();
      const started = performance.now();
      expect((await rejection(submitting)).kind).toBe('aborted');
      expect(performance.now() - started).toBeLessThan(250);
      expect(sim.stats().totalRequests).toBe(1);
    } finally {
      sim.configure({ faults: { serverError: 0 } });
      await client.close();
    }
  });

  it('aborts a request in flight (a slow body)', async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      const receipt = await client.submit(await paramsFor(304));
      sim.configure({ faults: { slowBody: 1 } });
      const controller = new AbortController();
      const waiting = client.waitForResult(
        { ...receipt, submittedAt: undefined },
        { signal: controller.signal },
      );
      await settle(50);
      controller.abort();
      expect((await rejection(waiting)).kind).toBe('aborted');
    } finally {
      sim.configure({ faults: { slowBody: 0 } });
      await client.close();
    }
  });
});
