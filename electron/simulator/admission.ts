/**
 * The gates in front of the simulator's API: `x-api-key` authentication (401 / 403), the account's
 * requests per minute (every API request, or submits only) and the limits a submit must pass (429
 * during a `rateLimitBurst` window, above `ratePerSecond` or above `maxConcurrent` in flight per key).
 * A 429 answers like Segmind's: `x-rate-limit-reset-at-utc` (ISO 8601, when the wait ends) and no
 * `Retry-After`; with `retryAfter` on it also carries `Retry-After` in whole seconds (at least 1, as
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
  ex.resetAtMs = Date.now() + ms;
  const headers: Record<string, string> = {
    'x-rate-limit-reset-at-utc': new Date(ex.resetAtMs).toISOString(),
  };
  if (ctx.options.retryAfter) {
    headers['Retry-After'] = String(
      Math.max(1, Math.ceil(ctx.options.retryAfterSeconds), Math.ceil(ms / 1000)),
    );
    headers['Retry-After-Ms'] = String(ms);
  }
  sendError(ex, 429, message, headers);
  return false;
}

/**
 * Counts one API request against the key's requests per minute (`kind` 'read' for status and result,
 * which count only when `rpmCounts` is 'all'); answers 429 and returns false when the window is full.
 * Refused requests are not counted.
 */
export function admitRequest(ctx: SimContext, ex: Exchange, key: string, kind: 'submit' | 'read'): boolean {
  const limit = ctx.options.requestsPerMinute;
  if (!Number.isFinite(limit) || (kind === 'read' && ctx.options.rpmCounts === 'submits')) return true;
  const t = performance.now();
  const minute = 60_000 * ctx.options.latencyScale;
  let window = ctx.rpmWindows.get(key);
  if (!window || t >= window.start + minute) {
    window = { start: t, count: 0 };
    ctx.rpmWindows.set(key, window);
  }
  if (window.count >= limit) {
    const per = ctx.options.rpmCounts === 'all' ? 'requests' : 'submits';
    return tooMany(ctx, ex, window.start + minute - t, `Too many requests: over ${limit} ${per} per minute`);
  }
  window.count++;
  return true;
}

/** Applies burst, rate and concurrency limits to a submit (v2 or sync); answers 429 and returns false when over. */
export function admitSubmit(ctx: SimContext, ex: Exchange, key: string): boolean {
  if (!admitRequest(ctx, ex, key, 'submit')) return false;
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
