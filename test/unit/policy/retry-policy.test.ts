import {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type FailureKind,
  resolveRetryPolicy,
} from '@shared/policy/retry-policy';
import { describe, expect, it } from 'vitest';

const policy = DEFAULT_RETRY_POLICY;

describe('decideRetry', () => {
  it.each(['auth', 'forbidden', 'credits', 'invalid', 'failed', 'expired', 'aborted'] as FailureKind[])(
    'never retries %s, even when the policy lists it',
    (kind) => {
      const permissive = resolveRetryPolicy({ retryableKinds: [kind] });
      expect(decideRetry({ kind, attempt: 1 }, permissive, 0.5)).toEqual({
        retry: false,
        reason: 'not_retryable',
      });
    },
  );

  it.each(['rate_limited', 'server', 'network', 'bad_response'] as FailureKind[])('retries %s', (kind) => {
    expect(decideRetry({ kind, attempt: 1 }, policy, 0.5).retry).toBe(true);
  });

  it('respects the caller saying a failure must not be repeated', () => {
    expect(decideRetry({ kind: 'bad_response', attempt: 1, retryable: false }, policy, 0.5)).toEqual({
      retry: false,
      reason: 'not_retryable',
    });
  });

  it('stops after maxAttempts tries in total', () => {
    const p = resolveRetryPolicy({ maxAttempts: 3 });
    expect(decideRetry({ kind: 'server', attempt: 2 }, p, 0.3).retry).toBe(true);
    expect(decideRetry({ kind: 'server', attempt: 3 }, p, 0.3)).toEqual({
      retry: false,
      reason: 'attempts_exhausted',
    });
  });

  it('uses full jitter within an exponentially growing, capped ceiling', () => {
    const p = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 20 });
    const delay = (attempt: number, r: number) => {
      const d = decideRetry({ kind: 'server', attempt }, p, r);
      if (!d.retry) throw new Error('expected a retry');
      return d.delayMs;
    };
    expect(delay(1, 0)).toBe(0);
    expect(delay(1, 0.999)).toBeLessThanOrEqual(100);
    expect(delay(2, 0.999)).toBeGreaterThan(100);
    expect(delay(2, 0.999)).toBeLessThanOrEqual(200);
    expect(delay(3, 0.5)).toBe(200);
    for (let attempt = 1; attempt < 20; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
        const d = delay(attempt, r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1_000);
      }
    }
  });

  it('spreads delays across the jitter range', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const d = decideRetry({ kind: 'network', attempt: 4 }, policy, i / 100);
      if (d.retry) seen.add(Math.floor(d.delayMs / 400));
    }
    expect(seen.size).toBe(10);
  });

  it('treats Retry-After as a floor, with a little jitter above it', () => {
    for (const r of [0, 0.5, 0.9999]) {
      const d = decideRetry({ kind: 'rate_limited', attempt: 1, retryAfterMs: 2_000 }, policy, r);
      expect(d.retry).toBe(true);
      if (d.retry) {
        expect(d.delayMs).toBeGreaterThanOrEqual(2_000);
        expect(d.delayMs).toBeLessThanOrEqual(2_000 * (1 + policy.retryAfterJitter));
      }
    }
  });

  it('keeps the backoff when it is longer than a short Retry-After', () => {
    const d = decideRetry({ kind: 'rate_limited', attempt: 5, retryAfterMs: 10 }, policy, 0.9);
    expect(d.retry && d.delayMs).toBeGreaterThan(1_000);
  });

  it('hands back a Retry-After too long to wait out', () => {
    expect(decideRetry({ kind: 'rate_limited', attempt: 1, retryAfterMs: 600_000 }, policy, 0.5)).toEqual({
      retry: false,
      reason: 'retry_after_too_long',
    });
  });
});
