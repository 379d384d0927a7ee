/**
 * The offline Segmind simulator: a loopback HTTP server speaking the `ideogram-img-2-img` protocol of
 * ../shared/segmind-api.md, so the product, its tests and its benchmarks run end to end without the
 * internet. This module owns the server's life cycle and routing; transport faults (drops, 5xx, HTML
 * error pages) are decided here per request, before any route runs, so they never have side effects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MODEL_SLUG } from '@shared/catalogue';
import { createContext, type SimContext } from './context';
import { dropConnection, type Exchange, sendError, sendHtmlError, sendJson } from './http-io';
import { medianLatencyMs } from './latency-model';
import { DEFAULT_OPTIONS, mergeOptions, type SimulatorOptionsPatch } from './options';
import { handleSubmit, handleSync } from './routes-generate';
import { handleMedia, handleResult, handleStatus } from './routes-requests';
import type { SimEndpoint, SimulatorStats } from './stats';

export type { SimulatorFaults, SimulatorOptions, SimulatorOptionsPatch } from './options';
export { SIMULATOR_API_KEY } from './options';
export type { SimEndpoint, SimulatorStats } from './stats';

export const SIMULATOR_VERSION = '1.0.0';

export interface SimulatorHandle {
  /** Origin, e.g. `http://127.0.0.1:PORT` (no path). */
  url: string;
  /** What a Segmind client is pointed at: `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  /** The first accepted key. */
  apiKey: string;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Live changes (faults, credits, keys, latency...); host and port are fixed once listening. */
  configure(patch: SimulatorOptionsPatch): void;
  /** Credit balance in USD, charged at each COMPLETED generation (Infinity when unlimited). */
  credits(): number;
  /** The median latency it draws around now, in ms (12.7 s x the latency scale). */
  medianLatencyMs(): number;
  /**
   * Every origin this simulator's job store was served at, newest (this one) first. With a `stateDir`
   * that includes earlier processes on other ports, whose status/result URLs a client may still hold
   * (see `rebaseSimulatorUrl`); without one, just `url`.
   */
  servedOrigins(): string[];
  close(): Promise<void>;
}

interface Route {
  endpoint: SimEndpoint;
  /** Whether transport faults and stats apply (everything but `/_sim`). */
  counted: boolean;
  run: (ctx: SimContext, ex: Exchange) => void | Promise<void>;
}

const ID = '([A-Za-z0-9_-]{1,100})';

/** Read routes: path pattern -> endpoint and handler taking the request id from the path. */
const ID_ROUTES: [
  RegExp,
  SimEndpoint,
  (ctx: SimContext, ex: Exchange, id: string) => void | Promise<void>,
][] = [
  [new RegExp(`^/v2/requests/${ID}/status$`), 'v2.status', handleStatus],
  [new RegExp(`^/v2/requests/${ID}$`), 'v2.result', handleResult],
  [new RegExp(`^/v1/requests/${ID}$`), 'v1.poll', handleStatus],
  [new RegExp(`^/media/${ID}\\.png$`), 'media', handleMedia],
];
const MODEL_PATH = /^\/v[12]\/([^/]+)$/;

function notFound(message: string): Route['run'] {
  return (_ctx, ex) => sendError(ex, 404, message);
}

function matchRoute(method: string, path: string): Route {
  const api = (endpoint: SimEndpoint, run: Route['run']): Route => ({ endpoint, counted: true, run });
  const isGet = method === 'GET' || method === 'HEAD';
  if (method === 'POST' && path === `/v1/${MODEL_SLUG}`) return api('v1.sync', handleSync);
  if (method === 'POST' && path === `/v2/${MODEL_SLUG}`) return api('v2.submit', handleSubmit);
  if (isGet) {
    for (const [pattern, endpoint, handler] of ID_ROUTES) {
      const id = pattern.exec(path)?.[1];
      if (id !== undefined) return api(endpoint, (ctx, ex) => handler(ctx, ex, id));
    }
  }
  if (isGet && path === '/_sim/stats') {
    return {
      endpoint: 'other',
      counted: false,
      run: (c, ex) => sendJson(ex, 200, c.stats.snapshot(c.jobs.inFlight(), c.billing.snapshot())),
    };
  }
  if (isGet && path === '/_sim/health') {
    const health = { ok: true, simulator: true, version: SIMULATOR_VERSION };
    return { endpoint: 'other', counted: false, run: (_c, ex) => sendJson(ex, 200, health) };
  }
  const model = method === 'POST' ? MODEL_PATH.exec(path)?.[1] : undefined;
  if (model !== undefined) {
    return api(
      'other',
      notFound(`Not found: model ${model} is not served by this simulator (only ${MODEL_SLUG})`),
    );
  }
  return api('other', notFound(`Not found: ${method} ${path}`));
}

async function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const route = matchRoute(req.method ?? 'GET', path);
  const ticket = route.counted ? ctx.faults.nextTicket() : 0;
  const ex: Exchange = {
    req,
    res,
    endpoint: route.endpoint,
    ticket,
    delivery: route.counted && route.endpoint !== 'other' ? ctx.faults.delivery(ticket) : 'normal',
    slowBodyMs: 25_000 * ctx.options.latencyScale,
    counted: route.counted,
    stats: ctx.stats,
    answered: false,
    arrivedAt: Date.now(),
    timers: ctx.timers,
  };
  if (route.counted && route.endpoint !== 'other') {
    const fault = ctx.faults.transport(ticket);
    if (fault.kind === 'drop') return dropConnection(ex);
    if (fault.kind === 'serverError') {
      const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 504: 'Gateway Timeout' }[fault.status];
      return sendError(ex, fault.status, `${text} (simulated)`);
    }
    if (fault.kind === 'htmlError') return sendHtmlError(ex, fault.status);
  }
  try {
    await route.run(ctx, ex);
  } catch (error) {
    sendError(ex, 500, `Internal error in the simulator: ${(error as Error).message}`);
  }
}

function originOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * Starts a simulator; every option is optional (defaults in `SimulatorOptions`' JSDoc: loopback,
 * random port, key `sim-local-key`, latency scale 0.02, no faults, unlimited credits).
 */
export async function startSimulator(options: SimulatorOptionsPatch = {}): Promise<SimulatorHandle> {
  const ctx = createContext(mergeOptions(DEFAULT_OPTIONS, options));
  // Own copies: live configure() and credit spending must not leak into the caller's arrays.
  ctx.options.apiKeys = [...ctx.options.apiKeys];
  ctx.options.forbiddenKeys = [...ctx.options.forbiddenKeys];
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => void handle(ctx, req, res));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ctx.options.port, ctx.options.host, () => resolve());
    });
  } catch (error) {
    ctx.jobs.clear();
    ctx.archive?.close();
    throw error;
  }
  const listening = originOf(server.address() as AddressInfo);
  ctx.origin = ctx.options.publicUrl?.replace(/\/+$/, '') ?? listening;
  const servedOrigins = ctx.archive?.recordOrigin(ctx.origin, Date.now()) ?? [ctx.origin];
  let closed: Promise<void> | null = null;
  return {
    url: listening,
    baseUrl: `${listening}/v1`,
    apiKey: ctx.options.apiKeys[0]!,
    stats: () => ctx.stats.snapshot(ctx.jobs.inFlight(), ctx.billing.snapshot()),
    resetStats: () => {
      ctx.stats.reset();
      ctx.billing.resetCounters();
    },
    credits: () => ctx.options.credits,
    medianLatencyMs: () => medianLatencyMs(ctx.options.latencyScale),
    servedOrigins: () => [...servedOrigins],
    configure(patch) {
      const { host: _host, port: _port, stateDir: _stateDir, sqliteBinding: _binding, ...rest } = patch;
      ctx.options = mergeOptions(ctx.options, rest);
      ctx.faults.update(ctx.options.faultSeed, ctx.options.faults);
      ctx.origin = ctx.options.publicUrl?.replace(/\/+$/, '') ?? listening;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        ctx.jobs.clear();
        for (const timer of ctx.timers) clearTimeout(timer);
        ctx.timers.clear();
        ctx.outputs.clear();
        ctx.sources.clear();
        ctx.renderer.clear();
        server.close(() => {
          // After the last request: a response still being written may read its job.
          ctx.archive?.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
