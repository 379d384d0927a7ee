import {
  affordableInFlight,
  createBudget,
  msUntilSubmit,
  msUntilToken,
  onAccepted,
  onRateLimitedAnswer,
  parseResetAt,
  parseRetryAfter,
  pickNext,
  type RequestKind,
  setRequestsPerJob,
  takeToken,
} from '@shared/scheduling/request-budget';
import { describe, expect, it } from 'vitest';

/** Sends `n` requests as fast as the budget allows from t0; returns their send times. */
function drive(budget: ReturnType<typeof createBudget>, n: number, t0 = 0) {
  let b = budget;
  let t = t0;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    t += msUntilToken(b, t);
    b = takeToken(b, t);
    b = onAccepted(b, t, t);
    times.push(t);
  }
  return { budget: b, times };
}

describe('request budget: the token bucket', () => {
  it('spaces requests at the rate (with its margin) and never bursts past a minute window', () => {
    const { times } = drive(createBudget(120, 0), 241);
    // 120 per minute at a 0.97 margin: one every ~515 ms; any 60 s window holds at most 120.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(515);
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(120);
  });

  it("keeps its rate through late wake-ups (a busy event loop), never over a 6 s window's share", () => {
    // 120 per 6 s (1,200 per minute), woken only every 80-140 ms: the bucket holds what arrives meanwhile.
    let b = createBudget(1_200, 0);
    const times: number[] = [];
    for (let t = 0; t < 60_000; t += 80 + ((t / 80) % 4) * 20) {
      while (msUntilToken(b, t) === 0) {
        b = takeToken(b, t);
        times.push(t);
      }
    }
    expect(times.length / 60).toBeGreaterThan(0.95 * 0.97 * 20);
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 6_000).length).toBeLessThanOrEqual(120);
  });

  it('unlimited sends at once; discover starts at the safe rate', () => {
    expect(drive(createBudget(undefined, 0), 50).times.every((t) => t === 0)).toBe(true);
    const discover = createBudget(null, 0);
    expect([discover.mode, discover.perMinute]).toEqual(['discover', 50]);
    expect(createBudget(500, 0)).toMatchObject({ mode: 'fixed', setting: 500, perMinute: 500 });
  });
});

describe('request budget: 429', () => {
  it('closes the bucket until the reset time, for every mode, and lowers the rate once per window', () => {
    for (const setting of [undefined, null, 600] as const) {
      let b = drive(createBudget(setting, 0), 10).budget;
      b = onRateLimitedAnswer(b, { nowMs: 10_000, sentAtMs: 9_990, resetAtMs: 12_000, random01: 0.5 });
      expect(msUntilToken(b, 10_000)).toBe(2_000);
      expect(msUntilToken(b, 11_999)).toBeGreaterThan(0);
      // After the reset, tokens come at the (lowered) rate again.
      const interval = Number.isFinite(b.perMinute) ? 60_000 / (b.perMinute * 0.97) : 0;
      expect(msUntilToken(b, 12_000)).toBeLessThanOrEqual(Math.ceil(interval));
      if (setting !== undefined) expect(b.perMinute).toBeLessThan(setting === null ? 50 : 600);
      // Discover learns from the 10 the server accepted; a fixed rate drops by the decrease factor.
      if (setting === null) expect(b.perMinute).toBe(10);
      if (setting === 600) expect(b.perMinute).toBeCloseTo(420, 6);
      // A 429 for a request sent before that decrease does not lower the rate again.
      const again = onRateLimitedAnswer(b, {
        nowMs: 10_050,
        sentAtMs: 9_995,
        resetAtMs: 12_000,
        random01: 0.5,
      });
      expect(again.perMinute).toBe(b.perMinute);
    }
  });

  it('discover learns the limit: what the server accepted over the last window', () => {
    // A 5-per-minute account: 5 accepted, then a 429.
    let b = createBudget(null, 0);
    for (let i = 0; i < 5; i++) b = onAccepted(takeToken(b, i * 1_500), i * 1_500, i * 1_500);
    b = onRateLimitedAnswer(b, { nowMs: 7_500, sentAtMs: 7_500, resetAtMs: 60_000, random01: 0 });
    expect(b.perMinute).toBe(5);
  });

  it('discover measures a window of any length between two reset times (the scaled simulator)', () => {
    // A server allowing 12 requests per 6 s window: 120 per minute.
    let b = createBudget(null, 0);
    let t = 0;
    const window = (from: number) => {
      for (let i = 0; i < 12; i++) {
        t = from + i * 100;
        b = onAccepted(takeToken(b, t), t, t);
      }
      t += 50;
      b = onRateLimitedAnswer(b, { nowMs: t, sentAtMs: t, resetAtMs: from + 6_000, random01: 0 });
    };
    window(0);
    window(6_000);
    expect(b.learntPerMinute).toBeCloseTo(120, 6);
    expect(b.perMinute).toBeCloseTo(120, 6);
  });

  it('discover grows fast while nothing is refused, then no higher than what it learnt', () => {
    let b = createBudget(null, 0);
    let t = 0;
    while (t < 60_000) {
      t += msUntilToken(b, t);
      b = onAccepted(takeToken(b, t), t, t);
    }
    expect(b.perMinute).toBeGreaterThanOrEqual(50 * 1.5 ** 3);
    b = onRateLimitedAnswer(b, { nowMs: t, sentAtMs: t, resetAtMs: t + 1_000, random01: 0 });
    const learnt = b.learntPerMinute!;
    for (let i = 0; i < 2_000; i++) {
      t += msUntilToken(b, t);
      b = onAccepted(takeToken(b, t), t, t);
    }
    expect(b.perMinute).toBeLessThanOrEqual(learnt);
  });

  it('a reset time already past (a short wait that elapsed on the way back) is not a backoff', () => {
    let b = createBudget(undefined, 0);
    for (let i = 0; i < 3; i++)
      b = onRateLimitedAnswer(b, { nowMs: 1_000, sentAtMs: 990, resetAtMs: 999, random01: 1 });
    expect(msUntilToken(b, 1_000)).toBe(0);
  });

  it('honours Retry-After, and backs off with jitter when neither header came', () => {
    const b = createBudget(60, 0);
    expect(
      msUntilToken(onRateLimitedAnswer(b, { nowMs: 0, sentAtMs: 0, retryAfterMs: 3_000, random01: 0 }), 0),
    ).toBe(3_000);
    const waits = [0, 0.5, 0.99].map((r) =>
      msUntilToken(onRateLimitedAnswer(b, { nowMs: 0, sentAtMs: 0, random01: r }), 0),
    );
    expect(new Set(waits).size).toBe(3);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(500);
    let twice = onRateLimitedAnswer(b, { nowMs: 0, sentAtMs: 0, random01: 1 });
    twice = onRateLimitedAnswer(twice, { nowMs: 1_000, sentAtMs: 1_000, random01: 1 });
    expect(msUntilToken(twice, 1_000)).toBe(2_000);
  });

  it('pressure is how fully the budget is used: none at half use, full near the rate', () => {
    let half = createBudget(600, 0);
    for (let t = 0; t < 20_000; t += 200) half = takeToken(half, t);
    expect(half.pressure).toBe(0);
    let full = createBudget(600, 0);
    for (let t = 0; t < 20_000; ) {
      t += msUntilToken(full, t);
      full = takeToken(full, t, 'submit');
    }
    expect(full.pressure).toBe(1);
  });

  it('grows again after a quiet window while the budget binds, up to the setting', () => {
    let b = createBudget(100, 0);
    b = onRateLimitedAnswer(b, { nowMs: 0, sentAtMs: 0, resetAtMs: 1_000, random01: 0 });
    const lowered = b.perMinute;
    let t = 1_000;
    for (let i = 0; i < 400; i++) {
      t += msUntilToken(b, t) + 1;
      b = onAccepted(takeToken(b, t), t, t);
    }
    expect(b.perMinute).toBeGreaterThan(lowered);
    expect(b.perMinute).toBeLessThanOrEqual(100);
    expect(b.pressure).toBeGreaterThan(0.9);
  });
});

describe('request budget: a new submit only when its polls can be afforded', () => {
  it('paces submits at the rate over the requests a job takes, leaving the rest to polls', () => {
    // 600 per minute (x0.97), jobs of 3 requests: a submit every ~309 ms / 1.15 headroom = ~269 ms,
    // polls every ~103 ms (the tokens, which polls take first, stay the binding limit).
    let b = createBudget(600, 0);
    let t = 0;
    const submits: number[] = [];
    while (submits.length < 60) {
      t += msUntilSubmit(b, t);
      b = takeToken(b, t, 'submit');
      submits.push(t);
    }
    // The first 16 go back to back (credits saved up at the start), then one per job's requests.
    expect(submits[15]! - submits[0]!).toBeLessThan(16 * 110);
    const spacing = (submits.at(-1)! - submits[30]!) / (submits.length - 31);
    expect(spacing).toBeGreaterThan(260);
    expect(spacing).toBeLessThan(280);
    // Between two submits there are tokens for two more requests (the job's poll and result).
    expect(msUntilToken(b, t + 103)).toBe(0);
    // Fewer requests per job (a patient cadence) means more submits in the same budget.
    b = setRequestsPerJob(b, 2.5);
    expect(msUntilSubmit(b, t)).toBeLessThan(230);
    expect(createBudget(undefined, 0)).toMatchObject({ mode: 'unlimited' });
    expect(msUntilSubmit(createBudget(undefined, 0), 0)).toBe(0);
  });
});

describe('request budget: who goes first', () => {
  it('results, then polls, then submits; first come first served within a kind', () => {
    const w = (kind: RequestKind, seq: number) => ({ kind, seq });
    expect(pickNext([w('submit', 0), w('poll', 3), w('poll', 1), w('result', 9)])).toBe(3);
    expect(pickNext([w('submit', 0), w('poll', 3), w('poll', 1)])).toBe(2);
    expect(pickNext([w('submit', 5), w('submit', 2)])).toBe(1);
    expect(pickNext([])).toBe(-1);
  });

  it('affords as many jobs in flight as the budget can poll (Little), with slack', () => {
    // 120 per minute, jobs held 15 s, 3 requests each: 10 jobs; x1.5 slack -> 15.
    expect(affordableInFlight({ perMinute: 120, holdMs: 15_000, requestsPerJob: 3 })).toBe(15);
    expect(affordableInFlight({ perMinute: 5, holdMs: 12_700, requestsPerJob: 3 })).toBe(1);
    expect(affordableInFlight({ perMinute: Number.POSITIVE_INFINITY, holdMs: 1, requestsPerJob: 3 })).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(affordableInFlight({ perMinute: 60, holdMs: null, requestsPerJob: 3 })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('429 headers', () => {
  it('reads x-rate-limit-reset-at-utc as ISO 8601 (zone or none) or epoch seconds', () => {
    const at = Date.parse('2026-11-25T10:00:02.000Z');
    expect(parseResetAt('2026-11-25T10:00:02.000Z')).toBe(at);
    expect(parseResetAt('2026-11-25T10:00:02')).toBe(at);
    expect(parseResetAt('2026-11-25T11:00:02+01:00')).toBe(at);
    expect(parseResetAt(String(at / 1000))).toBe(at);
    expect(parseResetAt('1795600802.5')).toBe(1_795_600_802_500);
    expect(parseResetAt(String(at))).toBe(at);
    expect(parseResetAt('soon')).toBeUndefined();
    expect(parseResetAt(undefined)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('later', now)).toBeUndefined();
  });
});
