/**
 * AIMD discovery of how many requests the Segmind account accepts at once. Nothing public states the
 * per-key limit, so the engine starts at the user's setting, halves on a 429 (once per cooldown
 * window, so a burst of 429s from requests already in flight does not collapse it to 1), and climbs
 * back by one after a full "window" of successes. Pure: time comes in as `nowMs`; every event returns
 * a new state.
 *
 * Only NEW submits are gated by `slotsAvailable`. Polls and result downloads of jobs already in
 * flight are never held back by it: they cost no credits and the job already occupies its slot.
 */

import { DEFAULT_USER_LIMIT, isUserLimit, USER_LIMIT_MAX, USER_LIMIT_MIN } from './concurrency-limits';

export interface ConcurrencyOptions {
  /** Added to the effective limit after `floor(effectiveLimit)` successes in a row. Default 1. */
  increaseStep: number;
  /** Multiplies the effective limit on a 429. Default 0.5. */
  decreaseFactor: number;
  /** First cooldown when the server gives no (or a shorter) Retry-After. Default 1_000 ms. */
  baseBackoffMs: number;
  /** Cap of the doubling cooldown after consecutive 429 windows. Default 60_000 ms. */
  maxBackoffMs: number;
}

export const DEFAULT_CONCURRENCY_OPTIONS: Readonly<ConcurrencyOptions> = {
  increaseStep: 1,
  decreaseFactor: 0.5,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
};

export interface ConcurrencyState {
  /** The user's setting: the ceiling, 1..64. */
  readonly userLimit: number;
  /** The discovered limit, a float in [1, userLimit]; `floor` of it is the number of slots. */
  readonly effectiveLimit: number;
  /** No new submits before this time (0 = no cooldown). */
  readonly cooldownUntilMs: number;
  /** Successes since the last increase or decrease. */
  readonly successesSinceIncrease: number;
  /** Decreases since the last success outside a cooldown; doubles the backoff each time. */
  readonly consecutiveDecreases: number;
  /** When the last decrease happened, or null if never. */
  readonly lastDecreaseMs: number | null;
  readonly options: Readonly<ConcurrencyOptions>;
}

function checkUserLimit(n: number): number {
  if (!isUserLimit(n)) {
    throw new RangeError(`concurrency must be an integer from ${USER_LIMIT_MIN} to ${USER_LIMIT_MAX}`);
  }
  return n;
}

/**
 * A fresh controller. It starts optimistic (effective = user limit) because most accounts never
 * answer 429 at the default of 4, and a slow start would waste the first minutes of every sweep.
 * @param userLimit the setting, integer 1..64; default 4. Throws RangeError outside that range.
 * @param options overrides of `DEFAULT_CONCURRENCY_OPTIONS`.
 */
export function createConcurrencyState(
  userLimit: number = DEFAULT_USER_LIMIT,
  options: Partial<ConcurrencyOptions> = {},
): ConcurrencyState {
  const limit = checkUserLimit(userLimit);
  return {
    userLimit: limit,
    effectiveLimit: limit,
    cooldownUntilMs: 0,
    successesSinceIncrease: 0,
    consecutiveDecreases: 0,
    lastDecreaseMs: null,
    options: { ...DEFAULT_CONCURRENCY_OPTIONS, ...options },
  };
}

/** True while new submits must wait. */
export function isCoolingDown(state: ConcurrencyState, nowMs: number): boolean {
  return nowMs < state.cooldownUntilMs;
}

/**
 * A request finished without a 429 (submit accepted or job completed — report one of the two, not
 * both). Successes during a cooldown do not count: those requests were sent under the old limit and
 * say nothing about the new one. After `floor(effectiveLimit)` counted successes the limit grows by
 * `increaseStep`, never above `userLimit`.
 */
export function onSuccess(state: ConcurrencyState, nowMs: number): ConcurrencyState {
  if (isCoolingDown(state, nowMs)) return state;
  if (state.effectiveLimit >= state.userLimit) {
    if (state.successesSinceIncrease === 0 && state.consecutiveDecreases === 0) return state;
    return { ...state, successesSinceIncrease: 0, consecutiveDecreases: 0 };
  }
  const successes = state.successesSinceIncrease + 1;
  if (successes < Math.max(1, Math.floor(state.effectiveLimit))) {
    return { ...state, successesSinceIncrease: successes, consecutiveDecreases: 0 };
  }
  return {
    ...state,
    effectiveLimit: Math.min(state.userLimit, state.effectiveLimit + state.options.increaseStep),
    successesSinceIncrease: 0,
    consecutiveDecreases: 0,
  };
}

export interface RateLimitedEvent {
  nowMs: number;
  /** The server's Retry-After in ms, if it sent one. */
  retryAfterMs?: number | null;
  /**
   * When the refused request was sent. A request sent before the last decrease was sent under the
   * old limit, so its 429 must not decrease again (it may still extend the cooldown). Optional.
   */
  sentAtMs?: number | null;
}

/**
 * A request was answered 429. Starts (or extends) a cooldown until `now + max(retryAfter, backoff)`,
 * where backoff doubles per consecutive decrease from `baseBackoffMs` up to `maxBackoffMs`. The
 * limit is multiplied by `decreaseFactor` (floor 1) only once per cooldown window: a 429 inside the
 * current window, or for a request sent before the last decrease, only extends the window to honour
 * its Retry-After.
 */
export function onRateLimited(state: ConcurrencyState, event: RateLimitedEvent): ConcurrencyState {
  const { nowMs } = event;
  const retryAfterMs = Math.max(0, event.retryAfterMs ?? 0);
  const sentBeforeDecrease =
    event.sentAtMs != null && state.lastDecreaseMs != null && event.sentAtMs < state.lastDecreaseMs;
  if (isCoolingDown(state, nowMs) || sentBeforeDecrease) {
    const until = Math.max(state.cooldownUntilMs, nowMs + retryAfterMs);
    return until === state.cooldownUntilMs ? state : { ...state, cooldownUntilMs: until };
  }
  const { baseBackoffMs, maxBackoffMs, decreaseFactor } = state.options;
  const backoffMs = Math.min(maxBackoffMs, baseBackoffMs * 2 ** state.consecutiveDecreases);
  return {
    ...state,
    effectiveLimit: Math.max(USER_LIMIT_MIN, state.effectiveLimit * decreaseFactor),
    cooldownUntilMs: nowMs + Math.max(retryAfterMs, backoffMs),
    successesSinceIncrease: 0,
    consecutiveDecreases: state.consecutiveDecreases + 1,
    lastDecreaseMs: nowMs,
  };
}

/**
 * The user changed the setting while running. Lowering caps the effective limit at once. Raising it
 * from an undisturbed state (effective = old setting) jumps straight to the new setting; after a
 * discovered cap (effective below the old setting) the limit keeps climbing from where it is.
 * @param n integer 1..64; throws RangeError otherwise (validate user input at the boundary first).
 */
export function setUserLimit(state: ConcurrencyState, n: number): ConcurrencyState {
  const limit = checkUserLimit(n);
  const undisturbed = state.effectiveLimit >= state.userLimit;
  const effectiveLimit = undisturbed ? limit : Math.min(state.effectiveLimit, limit);
  return { ...state, userLimit: limit, effectiveLimit, successesSinceIncrease: 0 };
}

/** The whole number of concurrent requests currently allowed: `floor(effectiveLimit)`, at least 1. */
export function currentLimit(state: ConcurrencyState): number {
  return Math.max(USER_LIMIT_MIN, Math.floor(state.effectiveLimit));
}

/**
 * How many NEW submits may start now: 0 during a cooldown, else `currentLimit - inFlight` (never
 * negative). `inFlight` counts jobs in `submitting`, `queued` or `processing`. Polls are not gated.
 */
export function slotsAvailable(state: ConcurrencyState, inFlight: number, nowMs: number): number {
  if (isCoolingDown(state, nowMs)) return 0;
  return Math.max(0, currentLimit(state) - inFlight);
}

/**
 * When the engine should look again without any other event: the end of the current cooldown, or
 * null when nothing is timed (slots only change when a job finishes or the setting changes).
 */
export function nextWakeMs(state: ConcurrencyState, nowMs: number): number | null {
  return isCoolingDown(state, nowMs) ? state.cooldownUntilMs : null;
}
