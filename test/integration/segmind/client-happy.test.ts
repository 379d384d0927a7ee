import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmindClient, resolveBaseUrls } from '../../../electron/segmind';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { paramsFor, requestsOn } from './sim-fixtures';

let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ latencyScale: 0.005 });
});
afterAll(async () => {
  await sim.close();
});

describe('Segmind client against the simulator', () => {
  it('v2: submits, polls, fetches and verifies the image', async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      sim.resetStats();
      const receipt = await client.submit(await paramsFor(101, { resolution: 'RESOLUTION_1024_640' }));
      expect(receipt.requestId).toMatch(/\S/);
      expect(receipt.statusUrl.startsWith(`${sim.url}/v2/requests/`)).toBe(true);
      expect(receipt.attempts).toBe(1);
      const statuses: string[] = [];
      const image = await client.waitForResult(receipt, { onStatus: (s) => statuses.push(s) });
      expect(image.requestId).toBe(receipt.requestId);
      expect([image.width, image.height]).toEqual([1024, 640]);
      expect(image.contentType).toBe('image/png');
      expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(image.inferenceTimeSec).toBeGreaterThan(0);
      expect(statuses.at(-1)).toBe('COMPLETED');
      const stats = sim.stats();
      const api =
        requestsOn(stats, 'v2.submit') + requestsOn(stats, 'v2.status') + requestsOn(stats, 'v2.result');
      expect(image.attempts).toBe(api);
      expect(image.mediaRequests).toBe(requestsOn(stats, 'media'));
      expect(stats.acceptedSubmits).toBe(1);
      expect(client.latencyModel().observations).toBe(1);
      expect(client.latencyModel().medianMs).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("reads a result's cost and remaining_credits when the answer carries them, and never needs them", async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      const plain = await client.waitForResult(await client.submit(await paramsFor(103)));
      expect(plain.billing).toEqual({ costUsd: null, remainingCredits: null });
      sim.configure({ billingFields: true, credits: 10, priceUsd: 0.09 });
      const billed = await client.waitForResult(await client.submit(await paramsFor(104)));
      expect(billed.billing).toEqual({ costUsd: 0.09, remainingCredits: 9.91 });
    } finally {
      sim.configure({ billingFields: false, credits: Number.POSITIVE_INFINITY, priceUsd: 0.1 });
      await client.close();
    }
  });

  it('v1 sync: answers with verified image bytes in one request', async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      sim.resetStats();
      const image = await client.generateSync(await paramsFor(102, { resolution: 'RESOLUTION_640_1024' }));
      expect([image.width, image.height]).toEqual([640, 1024]);
      expect(image.attempts).toBe(1);
      expect(requestsOn(sim.stats(), 'v1.sync')).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('polls a restored receipt (no submit time) at once and still completes', async () => {
    const client = createSegmindClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
    try {
      const { requestId, statusUrl, responseUrl } = await client.submit(await paramsFor(103));
      const image = await client.waitForResult({ requestId, statusUrl, responseUrl });
      expect(image.width).toBe(512);
      expect(client.latencyModel().observations).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('finds the simulator from an origin-only base URL and SEGMIND_BASE_URL', async () => {
    expect(resolveBaseUrls(sim.url)).toEqual({ v1: `${sim.url}/v1`, v2: `${sim.url}/v2` });
    expect(resolveBaseUrls('https://api.segmind.com/v1/')).toEqual({
      v1: 'https://api.segmind.com/v1',
      v2: 'https://api.segmind.com/v2',
    });
    const previous = process.env.SEGMIND_BASE_URL;
    process.env.SEGMIND_BASE_URL = sim.baseUrl;
    try {
      expect(resolveBaseUrls()).toEqual({ v1: sim.baseUrl, v2: `${sim.url}/v2` });
      delete process.env.SEGMIND_BASE_URL;
      expect(resolveBaseUrls().v1).toBe('https://api.segmind.com/v1');
    } finally {
      if (previous === undefined) delete process.env.SEGMIND_BASE_URL;
      else process.env.SEGMIND_BASE_URL = previous;
    }
  });
});
