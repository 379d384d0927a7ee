/**
 * Offline is a state, not a failure, at the client: through a proxy that takes the network away, a few
 * network failures in a row put the client offline; its requests then wait at the gate instead of
 * spending their tries, a key-less probe finds the way back, and the waiting job finishes by itself.
 * The user's outage limit turns the wait into a failure naming it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient, type SegmindClient, SegmindError } from '../../../electron/segmind';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { type OutageProxy, startOutageProxy } from '../net/outage-proxy';
import { FAST_RETRY, paramsFor, requestsOn } from './sim-fixtures';

let sim: SimulatorHandle;
let proxy: OutageProxy;
let client: SegmindClient | undefined;

beforeAll(async () => {
  sim = await startSimulator({ latencyScale: 0.01 });
});
afterEach(async () => {
  await client?.close();
  await proxy?.close();
  sim.configure({ publicUrl: null });
});
afterAll(() => sim.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client reaching the simulator only through the proxy (the simulator's URLs point there too). */
function makeClient(): SegmindClient {
  sim.configure({ publicUrl: proxy.url });
  return createSegmindClient({
    apiKey: sim.apiKey,
    baseUrl: `${proxy.url}/v1`,
    retry: FAST_RETRY,
    connectivity: { probeInitialMs: 150, probeMaxMs: 400 },
    probeTimeoutMs: 300,
    timeouts: { statusMs: 600, resultMs: 2_000, submitMs: 2_000 },
  });
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not ${what} after ${ms} ms`);
    await sleep(10);
  }
}

describe('client offline state', () => {
  it.each(['refuse', 'blackhole'] as const)(
    '%s: offline after a few failures, nothing spent while waiting, back and done without help',
    async (outage) => {
      proxy = await startOutageProxy(sim.url);
      client = makeClient();
      const changes: string[] = [];
      client.onConnectivityChange((c) => c.state !== changes.at(-1) && changes.push(c.state));
      const receipt = await client.submit(await paramsFor(outage === 'refuse' ? 601 : 602));
      await proxy.set(outage);
      const statusBefore = requestsOn(sim.stats(), 'v2.status');
      const done = client.waitForResult(receipt);
      await until(() => client!.connectivity().state === 'offline', 10_000, 'offline');
      const offline = client.connectivity();
      expect(offline.state === 'offline' && offline.cause).toMatch(
        // A blackholed connection ends in our own timeout or undici's (Headers Timeout Error), whichever fires first.
        outage === 'refuse' ? /ECONNREFUSED/ : /Timed out|Timeout Error/,
      );
      // While offline nothing reaches the simulator (the probe carries no key and goes nowhere either).
      await sleep(800);
      expect(requestsOn(sim.stats(), 'v2.status')).toBe(statusBefore);
      await proxy.set('pass');
      const image = await done;
      expect(image.width).toBe(512);
      expect(changes).toEqual(['offline', 'online']);
      expect(client.connectivity()).toMatchObject({ state: 'online' });
      expect(sim.stats().duplicateSubmits).toBe(0);
    },
    30_000,
  );

  it('when the outage outlasts the limit, waiting requests fail with that reason', async () => {
    proxy = await startOutageProxy(sim.url);
    client = makeClient();
    const receipt = await client.submit(await paramsFor(603));
    await proxy.set('refuse');
    const done = client.waitForResult(receipt).catch((e: unknown) => e);
    await until(() => client!.connectivity().state === 'offline', 10_000, 'offline');
    client.giveUpWhileOffline(
      new SegmindError('network', 'Segmind has been unreachable for 10 min', { retryable: false }),
    );
    const error = (await done) as SegmindError;
    expect(error).toBeInstanceOf(SegmindError);
    expect([error.kind, error.retryable, error.message]).toEqual([
      'network',
      false,
      'Segmind has been unreachable for 10 min',
    ]);
  }, 30_000);
});
