/**
 * A loopback proxy in front of the simulator that forwards a v2 submit at once (the job exists and is
 * paid for) but holds its answer until released: a submit "in the air", whose request id the studio
 * does not know yet. Used to show that quitting waits for those ids to be recorded.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldSubmitsProxy {
  /** Point the studio's SEGMIND_BASE_URL here. */
  baseUrl: string;
  /** Submits whose answer is being held right now. */
  held(): number;
  /** Request ids the simulator issued for submits that came through (answered or held). */
  issued(): string[];
  /** Answers every held submit, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startHeldSubmitsProxy(upstreamOrigin: string): Promise<HeldSubmitsProxy> {
  let releaseAll: () => void = () => {};
  let released = false;
  const gate = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  let holding = 0;
  const ids: string[] = [];
  const server = createServer(async (req, res) => {
    try {
      const payload = await body(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => ['content-type', 'x-api-key', 'accept'].includes(k)),
      ) as Record<string, string>;
      const upstream = await fetch(`${upstreamOrigin}${req.url}`, {
        method: req.method,
        headers,
        body: payload.length ? payload : undefined,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      const isSubmit = req.method === 'POST' && req.url?.startsWith('/v2/');
      if (isSubmit && upstream.ok) {
        ids.push((JSON.parse(answer.toString('utf8')) as { request_id: string }).request_id);
        if (!released) {
          holding++;
          await gate;
          holding--;
        }
      }
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(answer);
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    held: () => holding,
    issued: () => [...ids],
    release() {
      released = true;
      releaseAll();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
