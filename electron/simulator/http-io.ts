/**
 * Low-level HTTP answers of the simulator: reading a bounded JSON body, and sending JSON, bytes, HTML
 * error pages or nothing at all (a dropped socket). Each exchange is counted exactly once in the stats,
 * and 2xx bodies go out normally, slowly (dribbled) or truncated as the fault plan decided.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyDelivery } from './fault-plan';
import type { SimEndpoint, StatsRecorder } from './stats';

/** One request/response pair with the bookkeeping every answer needs. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  endpoint: SimEndpoint;
  ticket: number;
  /** How a 2xx body is delivered (fault plan); errors always go out normally. */
  delivery: BodyDelivery;
  /** Total time over which a slow body is dribbled, in ms. */
  slowBodyMs: number;
  /** Counts toward the stats; false for the simulator's own `/_sim` routes. */
  counted: boolean;
  stats: StatsRecorder;
  answered: boolean;
  /** Wall-clock time the request arrived (epoch ms), for the stats' request log. */
  arrivedAt: number;
  /** A 429's reset time (epoch ms), kept in the request log. */
  resetAtMs?: number;
  /** Timers of slow bodies, cleared when the server closes. */
  timers: Set<NodeJS.Timeout>;
}

function record(ex: Exchange, outcome: string): boolean {
  if (ex.answered) return false;
  ex.answered = true;
  if (ex.counted) ex.stats.recordRequest(ex.endpoint, outcome, ex.arrivedAt, ex.resetAtMs);
  return true;
}

/** Sends a complete answer, honouring the exchange's body delivery for 2xx statuses. */
export function sendBytes(
  ex: Exchange,
  status: number,
  body: Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (!record(ex, String(status))) return;
  const { res } = ex;
  if (res.destroyed) return;
  const mode = status >= 200 && status < 300 ? ex.delivery : 'normal';
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(body.length) });
  if (mode === 'normal' || ex.req.method === 'HEAD') {
    res.end(body);
  } else if (mode === 'truncated') {
    // Announce the full length, send about half, then end the socket: the client sees a short body.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
  } else {
    dribble(ex, body);
  }
}

/** Writes a body in small pieces spread over `slowBodyMs`, like a congested link. */
function dribble(ex: Exchange, body: Buffer): void {
  const pieces = 10;
  const step = Math.ceil(body.length / pieces);
  let offset = 0;
  const writeNext = (): void => {
    if (ex.res.destroyed) return;
    const end = Math.min(body.length, offset + step);
    const chunk = body.subarray(offset, end);
    offset = end;
    if (offset >= body.length) {
      ex.res.end(chunk);
      return;
    }
    ex.res.write(chunk);
    const timer = setTimeout(() => {
      ex.timers.delete(timer);
      writeNext();
    }, ex.slowBodyMs / pieces);
    ex.timers.add(timer);
  };
  writeNext();
}

export function sendJson(
  ex: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendBytes(ex, status, Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8', headers);
}

/** The API's error shape: `{"error": "<message>"}`. */
export function sendError(
  ex: Exchange,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(ex, status, { error: message }, headers);
}

/** A proxy-style HTML error page (the `htmlError` fault): what a gateway in front of the API returns. */
export function sendHtmlError(ex: Exchange, status: 502 | 503): void {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  sendBytes(ex, status, Buffer.from(html), 'text/html');
}

/**
 * Resolves true once the answer has been handed over in full, false when the connection ended first
 * (a truncated body, a client that hung up during a slow one): the client then never read it.
 */
export function whenDelivered(ex: Exchange): Promise<boolean> {
  const { res } = ex;
  if (res.writableFinished) return Promise.resolve(true);
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    res.once('finish', () => resolve(true));
    res.once('close', () => resolve(res.writableFinished));
  });
}

/** Destroys the socket without any response (the `dropConnection` fault). */
export function dropConnection(ex: Exchange): void {
  if (!record(ex, 'dropped')) return;
  ex.req.socket.destroy();
}

export type BodyRead = { kind: 'ok'; body: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' };

/** Reads the request body up to `limit` bytes; past that it keeps draining but reports `tooLarge`. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(tooLarge ? { kind: 'tooLarge' } : { kind: 'ok', body: Buffer.concat(chunks) }),
    );
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('aborted', () => resolve({ kind: 'aborted' }));
  });
}
