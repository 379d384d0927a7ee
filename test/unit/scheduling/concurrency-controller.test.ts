import {
  type ConcurrencyState,
  createConcurrencyState,
  currentLimit,
  isCoolingDown,
  nextWakeMs,
  onRateLimited,
  onSuccess,
  setUserLimit,
  slotsAvailable,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

function succeed(state: ConcurrencyState, times: number, nowMs: number): ConcurrencyState {
  let s = state;
  for (let i = 0; i < times; i++) s = onSuccess(s, nowMs);
  return s;
}

describe('concurrency controller', () => {
  it('starts at the user limit, default 4, with no cooldown', () => {
    const s = createConcurrencyState();
    expect(s.userLimit).toBe(4);
    expect(s.effectiveLimit).toBe(4);
    expect(slotsAvailable(s, 0, 0)).toBe(4);
    expect(slotsAvailable(s, 3, 0)).toBe(1);
    expect(slotsAvailable(s, 9, 0)).toBe(0);
    expect(nextWakeMs(s, 0)).toBeNull();
  });

  it('rejects user limits outside 1..64 or not integers', () => {
    expect(() => createConcurrencyState(0)).toThrow(RangeError);
    expect(() => createConcurrencyState(65)).toThrow(RangeError);
    expect(() => createConcurrencyState(2.5)).toThrow(RangeError);
    expect(() => setUserLimit(createConcurrencyState(), 0)).toThrow(/1 to 64/);
    expect(createConcurrencyState(64).effectiveLimit).toBe(64);
  });

  it('halves on a 429 and cools down for max(Retry-After, base backoff)', () => {
    const s0 = createConcurrencyState(8);
    const s1 = onRateLimited(s0, { nowMs: 1000, retryAfterMs: 5000 });
    expect(s1.effectiveLimit).toBe(4);
    expect(s1.cooldownUntilMs).toBe(6000);
    expect(isCoolingDown(s1, 5999)).toBe(true);
    expect(slotsAvailable(s1, 0, 5999)).toBe(0);
    expect(nextWakeMs(s1, 2000)).toBe(6000);
    expect(slotsAvailable(s1, 1, 6000)).toBe(3);
    expect(nextWakeMs(s1, 6000)).toBeNull();

    const s2 = onRateLimited(createConcurrencyState(8), { nowMs: 1000, retryAfterMs: 10 });
    expect(s2.cooldownUntilMs).toBe(2000); // base backoff 1 s wins over a tiny Retry-After
    const s3 = onRateLimited(createConcurrencyState(8), { nowMs: 1000 });
    expect(s3.cooldownUntilMs).toBe(2000);
  });

  it('decreases only once per cooldown window but extends it for a longer Retry-After', () => {
    let s = onRateLimited(createConcurrencyState(16), { nowMs: 0, retryAfterMs: 1000 });
    for (let t = 100; t < 1000; t += 100) s = onRateLimited(s, { nowMs: t, retryAfterMs: 500 });
    expect(s.effectiveLimit).toBe(8);
    expect(s.cooldownUntilMs).toBe(1400);
    const same = onRateLimited(s, { nowMs: 1000, retryAfterMs: 100 });
    expect(same).toBe(s);
  });

  it('does not decrease again for a request sent before the last decrease', () => {
    const s1 = onRateLimited(createConcurrencyState(16), { nowMs: 0, retryAfterMs: 1000 });
    const s2 = onRateLimited(s1, { nowMs: 5000, retryAfterMs: 1000, sentAtMs: -10 });
    expect(s2.effectiveLimit).toBe(8);
    expect(s2.cooldownUntilMs).toBe(6000);
    const s3 = onRateLimited(s1, { nowMs: 5000, retryAfterMs: 1000, sentAtMs: 2000 });
    expect(s3.effectiveLimit).toBe(4);
  });

  it('never goes below 1, and doubles the backoff over consecutive windows up to the cap', () => {
    let s = createConcurrencyState(4, { maxBackoffMs: 4000 });
    let now = 0;
    const cooldowns: number[] = [];
    for (let i = 0; i < 8; i++) {
      s = onRateLimited(s, { nowMs: now });
      cooldowns.push(s.cooldownUntilMs - now);
      expect(s.effectiveLimit).toBeGreaterThanOrEqual(1);
      now = s.cooldownUntilMs;
    }
    expect(s.effectiveLimit).toBe(1);
    expect(currentLimit(s)).toBe(1);
    expect(slotsAvailable(s, 0, now)).toBe(1);
    expect(cooldowns).toEqual([1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000]);
  });

  it('ignores successes during a cooldown and recovers additively afterwards', () => {
    let s = onRateLimited(createConcurrencyState(8), { nowMs: 0, retryAfterMs: 1000 });
    expect(currentLimit(s)).toBe(4);
    s = succeed(s, 50, 500);
    expect(s.effectiveLimit).toBe(4);
    s = succeed(s, 3, 1000);
    expect(s.effectiveLimit).toBe(4);
    s = onSuccess(s, 1000);
    expect(s.effectiveLimit).toBe(5); // +1 after 4 successes at limit 4
    s = succeed(s, 4, 1000);
    expect(s.effectiveLimit).toBe(5);
    s = onSuccess(s, 1000);
    expect(s.effectiveLimit).toBe(6);
    s = succeed(s, 1000, 1000);
    expect(s.effectiveLimit).toBe(8); // never above the user limit
  });

  it('resets the backoff doubling after a success outside the cooldown', () => {
    let s = onRateLimited(createConcurrencyState(8), { nowMs: 0 });
    s = onRateLimited(s, { nowMs: 1000 });
    expect(s.cooldownUntilMs).toBe(3000);
    s = onSuccess(s, 3000);
    s = onRateLimited(s, { nowMs: 3000 });
    expect(s.cooldownUntilMs).toBe(4000);
  });

  it('keeps fractional limits and uses their floor for slots', () => {
    let s = onRateLimited(createConcurrencyState(5), { nowMs: 0 });
    expect(s.effectiveLimit).toBe(2.5);
    expect(slotsAvailable(s, 0, 1000)).toBe(2);
    s = succeed(s, 2, 1000);
    expect(s.effectiveLimit).toBe(3.5);
    expect(slotsAvailable(s, 0, 1000)).toBe(3);
  });

  it('returns the same object for a success at the ceiling', () => {
    const s = createConcurrencyState(4);
    expect(onSuccess(s, 0)).toBe(s);
  });

  it('applies user limit changes at runtime', () => {
    const s = createConcurrencyState(4);
    expect(setUserLimit(s, 16).effectiveLimit).toBe(16);
    expect(setUserLimit(s, 2).effectiveLimit).toBe(2);
    const reduced = onRateLimited(createConcurrencyState(8), { nowMs: 0 });
    const raised = setUserLimit(reduced, 32);
    expect(raised.userLimit).toBe(32);
    expect(raised.effectiveLimit).toBe(4); // a discovered cap is kept, climbing resumes from it
    expect(setUserLimit(reduced, 2).effectiveLimit).toBe(2);
    expect(s.userLimit).toBe(4); // states are not mutated
  });

  it('settles into a sawtooth around a hidden server limit instead of hammering it', () => {
    const serverLimit = 6;
    let s = createConcurrencyState(32);
    let now = 0;
    let rateLimited = 0;
    const limits: number[] = [];
    for (let round = 0; round < 400; round++) {
      const slots = slotsAvailable(s, 0, now);
      for (let i = 0; i < slots; i++) {
        if (i < serverLimit) s = onSuccess(s, now);
        else {
          s = onRateLimited(s, { nowMs: now, sentAtMs: now });
          rateLimited++;
        }
      }
      limits.push(currentLimit(s));
      now += 1000;
    }
    const tail = limits.slice(200);
    expect(Math.max(...tail)).toBeLessThanOrEqual(serverLimit + 1);
    expect(Math.min(...tail)).toBeGreaterThanOrEqual(3);
    expect(rateLimited).toBeLessThan(150);
  });
});
