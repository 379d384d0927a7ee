/**
 * The HTTP layer under the Segmind client: one undici Agent (keep-alive pools per origin, sized to the
 * client's concurrency and resized when it changes), a request with an overall deadline and a body size cap, and the helpers that turn
 * an answer into JSON or an error message whatever content type a proxy's error page claims.
 */
import { parseResetAt, parseRetryAfter } from '@shared/scheduling/request-budget';
import { Agent, request } from 'undici';
import { abortedError, isNetworkFailure, SegmindError } from './errors';

export interface HttpTransportOptions {
  /** Parallel jobs the client serves; connections per origin are this plus a little headroom. */
  concurrency: number;
  userAgent: string;
  apiKey: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Serialised as the JSON body. */
  json?: unknown;
  signal?: AbortSignal;
  /** Deadline for the whole exchange, body included. */
  timeoutMs: number;
  /** Larger bodies are refused (bad_response, not retried). */
  maxBodyBytes: number;
  /** Send `x-api-key`; false for media URLs on other hosts, so the key never leaks to a CDN. */
  withApiKey: boolean;
  /** For errors: the job this request belongs to. */
  requestId?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** When the request left (monotonic ms), after any wait for the budget; set by the client's API path. */
  sentAtMono?: number;
}

export interface HttpTransport {
  /**
   * Sends one request; rejects with SegmindError kinds 'aborted', 'network' (with `status` when the answer
   * began but its body was lost) or 'bad_response' (too large; or `ambiguous`: a 2xx POST answer cut off).
   */
  send(req: HttpRequest): Promise<HttpAnswer>;
  /**
   * Resizes the pool for `n` parallel jobs. New requests go to a pool of the new size; requests already
   * sent finish on the old one, which then closes.
   */
  setConcurrency(n: number): void;
  close(): Promise<void>;
}

/** Connections per origin beyond the job count: a poll or a media fetch must not wait behind a submit. */
const HEADROOM = 2;

/** Creates the keep-alive transport. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const poolFor = (concurrency: number) =>
    new Agent({
      connections: Math.max(1, concurrency) + HEADROOM,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connect: { timeout: 15_000 },
    });
  let size = options.concurrency;
  let agent = poolFor(size);
  const retiring: Promise<void>[] = [];

  async function send(req: HttpRequest): Promise<HttpAnswer> {
    if (req.signal?.aborted) throw abortedError(req.requestId);
    const deadline = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: 'application/json, image/*',
    };
    if (req.withApiKey) headers['x-api-key'] = options.apiKey;
    let payload: string | undefined;
    if (req.json !== undefined) {
      payload = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    let status: number | null = null;
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        body: payload,
        signal,
        dispatcher: agent,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      status = res.statusCode;
      const body = await readCapped(res.body, req.maxBodyBytes, req.url, req.requestId);
      const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
      return { status: res.statusCode, contentType, headers: res.headers, body };
    } catch (error) {
      if (error instanceof SegmindError) throw error;
      if (req.signal?.aborted) throw abortedError(req.requestId);
      const detail = deadline.aborted
        ? `timed out after ${req.timeoutMs} ms`
        : (error as Error)?.message || String(error);
      if (req.method === 'POST' && status !== null && status >= 200 && status < 300) {
        // The server said yes and the answer was lost on the way: it may have accepted (and charged) it.
        throw new SegmindError(
          'bad_response',
          `Segmind answered HTTP ${status} but the answer was cut off (${detail})`,
          { status, requestId: req.requestId, ambiguous: true, cause: error },
        );
      }
      if (deadline.aborted) {
        throw new SegmindError('network', `Timed out after ${req.timeoutMs} ms: ${req.method} ${req.url}`, {
          requestId: req.requestId,
          status: status ?? undefined,
          cause: error,
        });
      }
      if (isNetworkFailure(error)) {
        // `status` set: the server did answer (the body was lost), so the way to it works.
        throw new SegmindError('network', `Connection problem on ${req.method} ${req.url}: ${detail}`, {
          requestId: req.requestId,
          status: status ?? undefined,
          cause: error,
        });
      }
      throw error;
    }
  }

  function setConcurrency(n: number): void {
    if (n === size || closing) return;
    const old = agent;
    size = n;
    agent = poolFor(n);
    // close() lets requests already dispatched on the old pool finish, then frees its sockets.
    retiring.push(old.close());
  }

  let closing: Promise<void> | null = null;
  // Idempotent: the engine and tests may both close a client.
  const close = () => (closing ??= Promise.all([agent.close(), ...retiring]).then(() => undefined));
  return { send, setConcurrency, close };
}

/** Reads a response body, refusing more than `maxBytes` (a runaway or hostile answer must not fill memory). */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown },
  maxBytes: number,
  url: string,
  requestId?: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new SegmindError('bad_response', `Answer from ${url} is larger than ${maxBytes} bytes`, {
        requestId,
        retryable: false,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const firstHeader = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The server's requested wait: `Retry-After-Ms` (the simulator's scaled hint) or `Retry-After` (s or date). */
export function retryAfterMs(headers: HttpAnswer['headers'], now = Date.now()): number | undefined {
  const hint = firstHeader(headers['retry-after-ms']);
  const ms = Number(hint);
  if (hint !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(firstHeader(headers['retry-after']), now);
}

/** Segmind's `x-rate-limit-reset-at-utc` (ISO 8601 or epoch seconds) as epoch ms, if present and readable. */
export function rateLimitResetAtMs(headers: HttpAnswer['headers']): number | undefined {
  return parseResetAt(firstHeader(headers['x-rate-limit-reset-at-utc']));
}

/** How long a 429 asks to wait from `now`: the later of its reset time and its Retry-After. */
export function rateLimitWaitMs(headers: HttpAnswer['headers'], now = Date.now()): number | undefined {
  const reset = rateLimitResetAtMs(headers);
  const after = retryAfterMs(headers, now);
  const fromReset = reset === undefined ? undefined : Math.max(0, reset - now);
  if (fromReset === undefined) return after;
  return after === undefined ? fromReset : Math.max(after, fromReset);
}

/** The body as JSON, or undefined when it is not JSON (an HTML error page, a truncated or empty body). */
export function parseJson(answer: HttpAnswer): unknown {
  const text = answer.body.toString('utf8').trim();
  const looksJson = answer.contentType.includes('json') || text.startsWith('{') || text.startsWith('[');
  if (!looksJson || text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short human message from an error answer: the API's `error` field, or an HTML page's title/text. */
export function describeAnswer(answer: HttpAnswer): string {
  const json = parseJson(answer) as Record<string, unknown> | undefined;
  if (json && typeof json === 'object') {
    for (const key of ['error', 'message', 'detail']) {
      const v = json[key];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (v && typeof v === 'object') return JSON.stringify(v).slice(0, 300);
    }
  }
  const text = answer.body.toString('utf8');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain ? plain.slice(0, 200) : `HTTP ${answer.status}`;
}
