/**
 * When to retry a failed Segmind request and how long to wait first: exponential backoff with full
 * jitter, a server's Retry-After honoured as a floor, attempts and delays bounded. Pure, so the client,
 * the engine and the tests share one rule and a test can pin the random source.
 */

/** Every way a Segmind call can fail; `SegmindError.kind` in the client is this union. */
export const FAILURE_KINDS = [
  'auth',
  'forbidden',
  'credits',
  'invalid',
  'failed',
  'rate_limited',
  'server',
  'network',
  'expired',
  'bad_response',
  'aborted',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface RetryPolicy {
  /** Total tries of one request, the first included. Default 6. */
  maxAttempts: number;
  /** Backoff ceiling before jitter for the first retry; doubles each retry. Default 500 ms. */
  baseDelayMs: number;
  /** Cap on the backoff ceiling (not on a server's Retry-After). Default 30 000 ms. */
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out: the failure is handed back so the caller (the
   * scheduler) can pause instead of holding a slot. Default 120 000 ms.
   */
  maxRetryAfterMs: number;
  /**
   * Kinds worth another try. Default rate_limited, server, network, bad_response. auth, forbidden,
   * credits, invalid and failed (HTTP 401/403/406/400/422) never are, whatever this says: repeating
   * them cannot help and may cost credits.
   */
  retryableKinds: readonly FailureKind[];
  /**
   * Share of a Retry-After added on top as jitter (0.2 = wait 100-120 % of it), so clients told "1 s" do not
   * all come back on the same millisecond. Default 0.2.
   */
  retryAfterJitter: number;
}

/** The defaults documented on {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  retryableKinds: Object.freeze(['rate_limited', 'server', 'network', 'bad_response'] as FailureKind[]),
  retryAfterJitter: 0.2,
});

/** Kinds that are never retried: the answer is final for this request. */
const NEVER_RETRY: ReadonlySet<FailureKind> = new Set([
  'auth',
  'forbidden',
  'credits',
  'invalid',
  'failed',
  'expired',
  'aborted',
]);

export interface RetryInput {
  kind: FailureKind;
  /** How many tries have been made so far, the failed one included (1 after the first failure). */
  attempt: number;
  /** The server's Retry-After, when it sent one. */
  retryAfterMs?: number;
  /** The caller's own verdict for this failure (e.g. an ambiguous submit); false forbids a retry. */
  retryable?: boolean;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not_retryable' | 'attempts_exhausted' | 'retry_after_too_long' };

/** Fills a partial policy with the defaults. */
export function resolveRetryPolicy(patch: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...patch };
}

/**
 * Decides whether to try again. The wait is full jitter, `random01 * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`,
 * so simultaneous failures spread out; a Retry-After is a floor: the wait is then the larger of the backoff and
 * `retryAfterMs * (1 + retryAfterJitter * random01)`.
 * @param random01 a number in [0, 1), e.g. `Math.random()`; injected to keep this pure and testable.
 */
export function decideRetry(input: RetryInput, policy: RetryPolicy, random01: number): RetryDecision {
  if (
    NEVER_RETRY.has(input.kind) ||
    input.retryable === false ||
    !policy.retryableKinds.includes(input.kind)
  ) {
    return { retry: false, reason: 'not_retryable' };
  }
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts_exhausted' };
  const r = Math.min(Math.max(random01, 0), 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, input.attempt - 1));
  const jittered = Math.floor(r * ceiling);
  const retryAfter = input.retryAfterMs;
  if (retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter > 0) {
    if (retryAfter > policy.maxRetryAfterMs) return { retry: false, reason: 'retry_after_too_long' };
    return {
      retry: true,
      delayMs: Math.max(jittered, Math.ceil(retryAfter * (1 + policy.retryAfterJitter * r))),
    };
  }
  return { retry: true, delayMs: jittered };
}
