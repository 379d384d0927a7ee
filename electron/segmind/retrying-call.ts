/**
 * Runs one logical request (submit, a status poll, a result read, a media fetch) with the shared retry
 * policy: bounded tries, jittered waits that an AbortSignal cuts short, and the caller's counter of HTTP
 * requests spent.
 */
import { decideRetry, type RetryPolicy } from '@shared/policy/retry-policy';
import { abortedError, SegmindError } from './errors';

export interface RetryContext {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Source of jitter in [0, 1). */
  random: () => number;
  requestId?: string;
}

/** Resolves after `ms`, or rejects with an 'aborted' SegmindError as soon as `signal` fires. */
export function abortableSleep(ms: number, signal?: AbortSignal, requestId?: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(requestId));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(requestId));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `attempt` until it succeeds, fails for good, or the policy's tries run out; the last error is
 * rethrown as is, so its kind reaches the engine.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let n = 1; ; n++) {
    if (ctx.signal?.aborted) throw abortedError(ctx.requestId);
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof SegmindError)) throw error;
      if (error.kind === 'aborted' || ctx.signal?.aborted) throw abortedError(ctx.requestId);
      const decision = decideRetry(
        { kind: error.kind, attempt: n, retryAfterMs: error.retryAfterMs, retryable: error.retryable },
        ctx.policy,
        ctx.random(),
      );
      if (!decision.retry) {
        error.attempts = n;
        throw error;
      }
      await abortableSleep(decision.delayMs, ctx.signal, ctx.requestId);
    }
  }
}
