/**
 * The client's keep-alive pool follows the concurrency setting. A loopback server holds every request
 * open and counts how many are in flight at once on its one origin: at concurrency 2 the pool lets
 * 2 + headroom through and no more; after `setConcurrency(8)` eight requests are in flight together.
 * Requests already sent on the old pool still finish.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport, type HttpTransport } from '../../../electron/segmind/http';

let server: Server;
let origin: string;
let open = 0;
let maxOpen = 0;
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => open--);
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function releaseAll(): void {
  for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (in flight: ${open})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const get = (transport: HttpTransport, i: number) =>
  transport.send({
    method: 'GET',
    url: `${origin}/hold/${i}`,
    timeoutMs: 60_000,
    maxBodyBytes: 1024,
    withApiKey: false,
  });

describe('HTTP transport pool', () => {
  it('caps requests at concurrency + headroom, and lets 8 through at once after raising 2 -> 8', async () => {
    const transport = createHttpTransport({ concurrency: 2, userAgent: 'test', apiKey: 'k' });
    try {
      const first = Array.from({ length: 8 }, (_, i) => get(transport, i));
      await until(() => open === 4, 'the first 4 requests');
      // Generous pause: nothing more may get through a pool sized 2 + 2.
      await new Promise((r) => setTimeout(r, 500));
      expect(open).toBe(4);
      releaseAll();
      await until(() => held.length === 4, 'the queued 4');
      releaseAll();
      expect((await Promise.all(first)).map((a) => a.status)).toEqual(Array(8).fill(200));

      transport.setConcurrency(8);
      maxOpen = 0;
      const second = Array.from({ length: 8 }, (_, i) => get(transport, 100 + i));
      await until(() => open === 8, '8 requests in flight at once');
      expect(maxOpen).toBe(8);
      releaseAll();
      expect((await Promise.all(second)).map((a) => a.status)).toEqual(Array(8).fill(200));
    } finally {
      releaseAll();
      await transport.close();
    }
  });

  it('finishes requests already sent when the pool is resized under them', async () => {
    const transport = createHttpTransport({ concurrency: 1, userAgent: 'test', apiKey: 'k' });
    try {
      const before = [get(transport, 200), get(transport, 201)];
      await until(() => open === 2, 'two requests on the old pool');
      transport.setConcurrency(4);
      const after = Array.from({ length: 4 }, (_, i) => get(transport, 300 + i));
      await until(() => open === 6, 'the new pool beside the draining one');
      releaseAll();
      const answers = await Promise.all([...before, ...after]);
      expect(answers.every((a) => a.status === 200)).toBe(true);
    } finally {
      releaseAll();
      await transport.close();
    }
  });
});
