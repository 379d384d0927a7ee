/**
 * Web mode: the same renderer and the same service as the desktop app, served on 127.0.0.1 with a
 * token (random by default; web mode passes the one kept in the data folder, see web-session.ts).
 * `POST /api/call/<method>` dispatches through the one contract; `GET /api/events` streams contract
 * events over SSE. Used to test the UI here and to drive a studio on another machine through an SSH
 * tunnel.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES, parseMediaPath } from '@shared/contract';
import type { Dispatch } from '../service/dispatcher';
import type { StudioService } from '../service/studio-service';
import { checkHost, checkOrigin, checkToken, type GuardVerdict } from './request-guard';
import { serveFile, serveStatic } from './static-files';

export interface WebServerOptions {
  service: StudioService;
  dispatch: Dispatch;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** Default 0 (a free port). */
  port?: number;
  /** When `port` is taken, listen on a free one instead of failing. Default false. */
  fallbackToFreePort?: boolean;
  /** Default: 32 random bytes, hex (web mode passes the session's, so a restart keeps the page working). */
  token?: string;
  /** Unexpected failures (logged by the caller; the client only gets a generic message). */
  onError?(error: unknown): void;
}

export interface WebServer {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/** Starts the loopback web server. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      options.onError?.(err);
      res.end('internal error (details in the studio log)');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const refused = firstRefusal([checkHost(req, port), checkOrigin(req, port)]);
    if (refused) return refuse(res, refused);
    if (!url.pathname.startsWith('/api/')) return serveStatic(options.staticDir, url.pathname, res);
    const noToken = firstRefusal([checkToken(req, url, token)]);
    if (noToken) return refuse(res, noToken);
    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res, options.service);
    if (url.pathname.startsWith('/api/media/') && req.method === 'GET') {
      return serveMedia(options.service, url.pathname.slice('/api/'.length), res);
    }
    const call = /^\/api\/call\/([a-z]+:[a-zA-Z]+)$/.exec(url.pathname);
    if (call && req.method === 'POST') {
      const body = await readJson(req);
      const outcome = body.ok
        ? await options.dispatch(call[1]!, body.value)
        : { ok: false, error: { code: 'invalid_input', message: body.message } };
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(outcome));
      return;
    }
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'no such route' }));
  }

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.fallbackToFreePort) throw error;
    await listen(server, 0);
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function firstRefusal(verdicts: GuardVerdict[]) {
  for (const v of verdicts) if (!v.ok) return v;
  return null;
}

function refuse(res: ServerResponse, verdict: Extract<GuardVerdict, { ok: false }>): void {
  res.writeHead(verdict.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: verdict.reason }));
}

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'request body too large' };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'request body is not JSON' };
  }
}

/** Media by id only: `media/<kind>/<id>`; anything else (traversal, paths, unknown kinds) is refused. */
async function serveMedia(service: StudioService, path: string, res: ServerResponse): Promise<void> {
  const ref = parseMediaPath(path);
  if (!ref) {
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'bad media path' }));
    return;
  }
  const file = await service.resolveMedia(ref);
  if (!file) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'no such media' }));
    return;
  }
  await serveFile(file, res, 'private, max-age=60');
}

function streamEvents(res: ServerResponse, service: StudioService): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // A page whose studio went away asks again every second (not the browser's default 3 s), so a
  // restarted studio is found at once (see renderer/src/api/web-bridge.ts).
  res.write('retry: 1000\n: connected\n\n');
  const unsubscribe = EVENT_NAMES.map((name) =>
    service.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  res.on('close', () => {
    clearInterval(keepAlive);
    for (const off of unsubscribe) off();
  });
}
