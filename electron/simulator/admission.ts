/**
 * The gates in front of the simulator's API: `x-api-key` authentication (401 / 403) and the limits a
 * submit must pass (429 during a `rateLimitBurst` window, above `ratePerSecond` or above
 * `maxConcurrent` in flight per key). A 429 carries `Retry-After` in whole seconds (at least 1, as
 * HTTP requires) and `Retry-After-Ms` with the scaled wait, because tests shrink time far below 1 s.
 */
import type { SimContext } from './context';
import { type Exchange, sendError } from './http-io';
import { medianLatencyMs } from './latency-model';

/** The caller's key when it is accepted; otherwise answers 401/403 and returns null. */
export function authenticate(ctx: SimContext, ex: Exchange): string | null {
  const header = ex.req.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) {
    sendError(ex, 401, 'Unauthorized: missing API key (send it in the x-api-key header)');
    return null;
  }
  if (ctx.options.forbiddenKeys.includes(key)) {
    sendError(ex, 403, 'Forbidden: this API key does not have permission to use this model');
    return null;
  }
  if (!ctx.options.apiKeys.includes(key)) {
    sendError(ex, 401, 'Unauthorized: invalid API key');
    return null;
  }
  return key;
}

function tooMany(ctx: SimContext, ex: Exchange, waitMs: number, message: string): false {
  const ms = Math.max(1, Math.ceil(waitMs));
  const seconds = Math.max(1, Math.ceil(ctx.options.retryAfterSeconds), Math.ceil(ms / 1000));
  sendError(ex, 429, message, { 'Retry-After': String(seconds), 'Retry-After-Ms': String(ms) });
  return false;
}

/** Applies burst, rate and concurrency limits to a submit (v2 or sync); answers 429 and returns false when over. */
export function admitSubmit(ctx: SimContext, ex: Exchange, key: string): boolean {
  const t = performance.now();
  const median = medianLatencyMs(ctx.options.latencyScale);
  if (ctx.burstUntil > t) {
    return tooMany(ctx, ex, ctx.burstUntil - t, 'Too many requests: rate limit exceeded, slow down');
  }
  const burst = ctx.faults.burst(ex.ticket);
  if (burst !== null) {
    ctx.burstUntil = t + burst * median;
    return tooMany(ctx, ex, ctx.burstUntil - t, 'Too many requests: rate limit exceeded, slow down');
  }
  const window = (ctx.recentSubmits.get(key) ?? []).filter((at) => at > t - 1000);
  ctx.recentSubmits.set(key, window);
  if (window.length >= ctx.options.ratePerSecond) {
    return tooMany(
      ctx,
      ex,
      window[0]! + 1000 - t,
      `Too many requests: over ${ctx.options.ratePerSecond} per second`,
    );
  }
  if (ctx.jobs.inFlight(key) >= ctx.options.maxConcurrent) {
    const wait = ctx.jobs.msUntilSlotFrees(key) ?? median;
    return tooMany(ctx, ex, wait, `Too many requests: over ${ctx.options.maxConcurrent} concurrent requests`);
  }
  window.push(t);
  return true;
}
