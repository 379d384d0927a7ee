/**
 * The account's request budget. Segmind limits requests per minute per account (5 to 1,000 by plan),
 * and status and result reads may count, so every API request the client sends first takes a token
 * from a bucket filled at the account's rate. Three modes: a rate the user chose (their plan), "discover"
 * (start at a safe rate, learn the limit from 429s, grow slowly while none come), or unlimited (the
 * simulator without a limit). A 429 lowers the rate, not only the concurrency, and closes the bucket
 * until the server's reset time: no request of any kind goes out before it.
 *
 * Which waiting request gets the next token matters as much: a result read (it completes a job) before
 * a status poll (its job is probably done: the cadence polls late) before a new submit, first come
 * first served within each kind, so no job's polls starve behind new work. And a new submit goes only
 * when its polls can be afforded: submits also need a submit credit, and credits come at the budget's
 * rate divided by the requests a job takes (`requestsPerJob`), so new work is paced evenly at what the
 * budget sustains, leaving the rest of the tokens to the polls and results of the jobs in flight (and
 * the scheduler keeps no more jobs in flight than that, see `affordableInFlight`). Pure: time comes in
 * as `nowMs`; every event returns a new state.
 */

export type RequestKind = 'result' | 'poll' | 'submit';

export interface BudgetOptions {
  /** Discover mode starts here: the lower paid plans' rate, so a first run rarely sees a 429. Default 50. */
  discoverStartPerMinute: number;
  /** Discover never goes above this. Default 1 000 (the largest published plan). */
  discoverMaxPerMinute: number;
  /** No mode goes below this. Default 1. */
  minPerMinute: number;
  /** Share of the rate actually used: the server's window and our clock never line up exactly. Default 0.97. */
  margin: number;
  /**
   * How late a wake-up may come (a busy event loop) without losing the tokens meanwhile: the bucket
   * holds up to 1 + rate x this. Any window of length W then sees at most rate x (W + this) requests,
   * within the server's limit for every window of 5 s or more at the default margin (Segmind's is a
   * minute). Default 150 ms.
   */
  lagToleranceMs: number;
  /** The account's window, in ms: a 429's accepted-count is measured over it. Default 60 000. */
  windowMs: number;
  /** Rate multiplier on a 429 (once per window). Default 0.7. */
  decreaseFactor: number;
  /** Rate multiplier per quiet window while the budget binds, back up to the setting or the learnt limit. Default 1.2. */
  growthFactor: number;
  /**
   * Before its first 429, discover grows by `discoverGrowthFactor` every `discoverGrowthMs` while the
   * budget binds: it has no limit to go back to yet, and a 429 costs no credits. Defaults 1.5 and 10 000 ms.
   */
  discoverGrowthFactor: number;
  discoverGrowthMs: number;
  /** Wait after a 429 with no reset time and no Retry-After: doubles per 429 in a row, jittered. Defaults 1 000 and 60 000 ms. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * `pressure` is how fully the budget was used over this window (taken / allowed): 0 at 60 % or less,
   * 1 at 85 % or more. Default 10 000 ms.
   */
  pressureWindowMs: number;
  /**
   * Submit credits at the start: new work that may go back to back while no poll is due yet. Default 16.
   */
  creditBurst: number;
  /**
   * Submit credits saved up at most later on: small, so the jobs freed together by a burst of
   * completions do not go out together again and come back due together. Default 3.
   */
  creditCap: number;
}

export const DEFAULT_BUDGET_OPTIONS: Readonly<BudgetOptions> = Object.freeze({
  discoverStartPerMinute: 50,
  discoverMaxPerMinute: 1_000,
  minPerMinute: 1,
  margin: 0.97,
  lagToleranceMs: 150,
  windowMs: 60_000,
  decreaseFactor: 0.7,
  growthFactor: 1.2,
  discoverGrowthFactor: 1.5,
  discoverGrowthMs: 10_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  pressureWindowMs: 10_000,
  creditBurst: 16,
  creditCap: 3,
});

/** Requests-per-minute presets, named by Segmind plan (docs and pricing page disagree, so both). */
export const RPM_PRESETS: readonly { label: string; perMinute: number }[] = Object.freeze([
  { label: 'Free (5)', perMinute: 5 },
  { label: 'Pro, docs (50)', perMinute: 50 },
  { label: 'Flexible (60)', perMinute: 60 },
  { label: 'Pro (120)', perMinute: 120 },
  { label: 'Business (500)', perMinute: 500 },
  { label: 'Scale (1,000)', perMinute: 1_000 },
]);

/** The setting's bounds: 1..100 000 requests per minute. */
export const RPM_MIN = 1;
export const RPM_MAX = 100_000;

export type BudgetMode = 'unlimited' | 'fixed' | 'discover';

export interface BudgetState {
  readonly mode: BudgetMode;
  /** The user's rate in fixed mode; null otherwise. */
  readonly setting: number | null;
  /** The rate now allowed (before `margin`); Infinity when unlimited. */
  readonly perMinute: number;
  /** Discover: the limit a 429 revealed (requests the server accepted over its window); null before. */
  readonly learntPerMinute: number | null;
  /** The reset time of the last 429 (epoch ms), the start of the server's next window; null before. */
  readonly lastResetAtMs: number | null;
  /** Tokens in the bucket, 0..capacity (see `lagToleranceMs`: no real bursts). */
  readonly tokens: number;
  readonly refilledAtMs: number;
  /** No request before this (a 429's reset time); 0 when open. */
  readonly blockedUntilMs: number;
  readonly consecutive429: number;
  /** When the rate was last lowered; a 429 for a request sent before it does not lower it again. */
  readonly lastDecreaseMs: number | null;
  /** Start of the current quiet stretch (no 429), for growth. */
  readonly quietSinceMs: number;
  /** Send times of requests the server accepted within the last window, oldest first. */
  readonly acceptedMs: readonly number[];
  /** Submit credits, 0..capacity: new work paced at the rate / `requestsPerJob` (see the module notes). */
  readonly credits: number;
  /** API requests a job takes (submit, polls, result), as the client measures it. Default 3. */
  readonly requestsPerJob: number;
  /** Tokens taken within the last `pressureWindowMs`, oldest first. */
  readonly takenMs: readonly number[];
  /** When the budget was created (the pressure window starts no earlier). */
  readonly sinceMs: number;
  /** How fully the budget is used (0..1, see `pressureWindowMs`): how much it binds. */
  readonly pressure: number;
  readonly options: Readonly<BudgetOptions>;
}

/**
 * A budget for a setting: a number = that many requests per minute (fixed); null = discover;
 * undefined = unlimited (still honouring a 429's reset time).
 */
export function createBudget(
  setting: number | null | undefined,
  nowMs: number,
  options: Partial<BudgetOptions> = {},
): BudgetState {
  const o = { ...DEFAULT_BUDGET_OPTIONS, ...options };
  const mode: BudgetMode = setting === undefined ? 'unlimited' : setting === null ? 'discover' : 'fixed';
  const perMinute =
    mode === 'unlimited'
      ? Number.POSITIVE_INFINITY
      : mode === 'discover'
        ? o.discoverStartPerMinute
        : Math.min(RPM_MAX, Math.max(o.minPerMinute, setting as number));
  return {
    mode,
    setting: mode === 'fixed' ? perMinute : null,
    perMinute,
    learntPerMinute: null,
    lastResetAtMs: null,
    tokens: 1,
    refilledAtMs: nowMs,
    blockedUntilMs: 0,
    consecutive429: 0,
    lastDecreaseMs: null,
    quietSinceMs: nowMs,
    acceptedMs: [],
    credits: o.creditBurst,
    requestsPerJob: 3,
    takenMs: [],
    sinceMs: nowMs,
    pressure: 0,
    options: o,
  };
}

/** The rate in requests per ms that tokens arrive at. */
function tokenRatePerMs(s: BudgetState): number {
  return (s.perMinute * s.options.margin) / 60_000;
}

/** Tokens the bucket holds at most: one, plus what arrives during a late wake-up. */
function capacity(s: BudgetState): number {
  return 1 + tokenRatePerMs(s) * s.options.lagToleranceMs;
}

/**
 * Submit credits per ms: the token rate over the requests a job takes, with some headroom, so the
 * tokens (which polls take first) stay the binding limit and none is left unused for want of a credit.
 */
function creditRatePerMs(s: BudgetState): number {
  return (CREDIT_HEADROOM * tokenRatePerMs(s)) / Math.max(2, s.requestsPerJob);
}

const CREDIT_HEADROOM = 1.15;

function refill(s: BudgetState, nowMs: number): BudgetState {
  if (s.mode === 'unlimited') return s;
  const elapsed = Math.max(0, nowMs - s.refilledAtMs);
  return {
    ...s,
    tokens: Math.min(capacity(s), s.tokens + elapsed * tokenRatePerMs(s)),
    credits: Math.min(Math.max(s.credits, 1, s.options.creditCap), s.credits + elapsed * creditRatePerMs(s)),
    refilledAtMs: nowMs,
  };
}

/** How long until a request may go, 0 when one may go now. */
export function msUntilToken(s: BudgetState, nowMs: number): number {
  if (nowMs < s.blockedUntilMs) return s.blockedUntilMs - nowMs;
  if (s.mode === 'unlimited') return 0;
  const r = refill(s, nowMs);
  return r.tokens >= 1 ? 0 : Math.ceil((1 - r.tokens) / tokenRatePerMs(r));
}

/** How long until a new submit may go (a token and a submit credit), 0 when one may go now. */
export function msUntilSubmit(s: BudgetState, nowMs: number): number {
  const token = msUntilToken(s, nowMs);
  if (s.mode === 'unlimited' || nowMs < s.blockedUntilMs) return token;
  const r = refill(s, nowMs);
  const credit = r.credits >= 1 ? 0 : Math.ceil((1 - r.credits) / creditRatePerMs(r));
  return Math.max(token, credit);
}

/**
 * How many new submits could go right now (Infinity when unlimited and open): what the scheduler starts,
 * so a job never holds a slot of the account's concurrency while it only waits for the budget.
 */
export function submitsReady(s: BudgetState, nowMs: number): number {
  if (msUntilSubmit(s, nowMs) > 0) return 0;
  if (s.mode === 'unlimited') return Number.POSITIVE_INFINITY;
  const r = refill(s, nowMs);
  return Math.max(1, Math.floor(Math.min(r.credits, r.tokens)));
}

/** The shortest gap between two requests at the current rate (0 when unlimited). */
export function requestIntervalMs(s: BudgetState): number {
  return s.mode === 'unlimited' ? 0 : Math.ceil(1 / tokenRatePerMs(s));
}

/**
 * Takes what a request going out now needs (call only when `msUntilToken`, or for a submit
 * `msUntilSubmit`, is 0): a token, and for a submit a credit. Updates `pressure`.
 */
export function takeToken(s: BudgetState, nowMs: number, kind: RequestKind = 'poll'): BudgetState {
  const r = refill(s, nowMs);
  if (r.mode === 'unlimited') return r;
  const o = r.options;
  const horizon = nowMs - o.pressureWindowMs;
  const takenMs = [...r.takenMs.filter((t) => t > horizon), nowMs];
  const span = Math.max(1_000, Math.min(o.pressureWindowMs, nowMs - r.sinceMs));
  const used = takenMs.length / (tokenRatePerMs(r) * span);
  const pressure = Math.min(1, Math.max(0, (used - 0.6) / 0.25));
  const credits = kind === 'submit' ? Math.max(0, r.credits - 1) : r.credits;
  return { ...r, tokens: Math.max(0, r.tokens - 1), credits, takenMs, pressure };
}

/** The client's measure of API requests per job (paces the submit credits). */
export function setRequestsPerJob(s: BudgetState, requestsPerJob: number): BudgetState {
  return Number.isFinite(requestsPerJob) && requestsPerJob > 0 ? { ...s, requestsPerJob } : s;
}

/**
 * The server answered a request without a 429 (`sentAtMs`: when it went out). Remembered for learning.
 * While the budget binds (`pressure` >= 0.5), the rate grows after each quiet stretch: in discover mode
 * fast until the first 429 reveals the limit, then (like a fixed rate lowered by a 429) slowly, and
 * never above the setting or the learnt limit.
 */
export function onAccepted(s: BudgetState, sentAtMs: number, nowMs: number): BudgetState {
  if (s.mode === 'unlimited') return s;
  const o = s.options;
  const horizon = nowMs - o.windowMs;
  const acceptedMs = [...s.acceptedMs.filter((t) => t > horizon), sentAtMs];
  const next = { ...s, acceptedMs, consecutive429: 0 };
  const exploring = s.mode === 'discover' && s.learntPerMinute === null;
  const stretch = exploring ? o.discoverGrowthMs : o.windowMs;
  if (nowMs - s.quietSinceMs < stretch || s.pressure < 0.5) return next;
  const ceiling = s.mode === 'fixed' ? (s.setting as number) : (s.learntPerMinute ?? o.discoverMaxPerMinute);
  const factor = exploring ? o.discoverGrowthFactor : o.growthFactor;
  const perMinute = Math.min(ceiling, s.perMinute * factor);
  return { ...next, perMinute: Math.max(s.perMinute, perMinute), quietSinceMs: nowMs };
}

export interface RateLimitedAnswer {
  nowMs: number;
  /** When the refused request was sent. */
  sentAtMs: number;
  /** The window's reset time from `x-rate-limit-reset-at-utc`, epoch ms. */
  resetAtMs?: number;
  /** `Retry-After`, ms from now. */
  retryAfterMs?: number;
  /** In [0, 1), for the jitter of a backoff without either header. */
  random01: number;
}

/**
 * What the server's window allowed, per minute, as a 429 reveals it: the requests it accepted since its
 * window began, over the window's length. The window began at the previous 429's reset time when there
 * was one (so a window of any length is measured, e.g. the simulator's scaled minute), else a nominal
 * `windowMs` before this reset. Null when nothing was accepted.
 */
function limitFrom429(s: BudgetState, a: RateLimitedAnswer): number | null {
  const end = a.resetAtMs !== undefined && a.resetAtMs > a.nowMs ? a.resetAtMs : a.nowMs;
  const previous = s.lastResetAtMs;
  const start =
    previous !== null && previous < a.nowMs && end - previous <= s.options.windowMs
      ? previous
      : end - s.options.windowMs;
  const accepted = s.acceptedMs.filter((t) => t >= start).length;
  return accepted > 0 ? (accepted * 60_000) / Math.max(1, end - start) : null;
}

/**
 * A 429. The bucket closes until the reset time (or Retry-After; with neither, a jittered backoff that
 * doubles per 429 in a row). Once per window (not again for a request sent before the last decrease)
 * the rate drops: in discover mode to the limit the server just revealed (see `limitFrom429`), else to
 * `decreaseFactor` x itself.
 */
export function onRateLimitedAnswer(s: BudgetState, a: RateLimitedAnswer): BudgetState {
  const o = s.options;
  let until: number;
  // The server's word wins, even a reset time already past (a short wait that elapsed on the way back).
  if (a.resetAtMs !== undefined) until = Math.max(a.nowMs, a.resetAtMs);
  else if (a.retryAfterMs !== undefined && a.retryAfterMs >= 0) until = a.nowMs + a.retryAfterMs;
  else {
    const base = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** s.consecutive429);
    until = a.nowMs + Math.round(base * (0.5 + 0.5 * Math.min(1, Math.max(0, a.random01))));
  }
  const blocked = {
    ...s,
    blockedUntilMs: Math.max(s.blockedUntilMs, until),
    consecutive429: s.consecutive429 + 1,
    tokens: 0,
    credits: 0,
    refilledAtMs: Math.max(a.nowMs, until),
    quietSinceMs: Math.max(a.nowMs, until),
    lastResetAtMs: a.resetAtMs ?? s.lastResetAtMs,
  };
  const stale = s.lastDecreaseMs !== null && a.sentAtMs < s.lastDecreaseMs;
  if (s.mode === 'unlimited' || stale) return blocked;
  let perMinute = s.perMinute * o.decreaseFactor;
  let learnt = s.learntPerMinute;
  if (s.mode === 'discover') {
    const revealed = limitFrom429(s, a);
    if (revealed !== null) {
      // The server's own word, even above the current rate: an earlier estimate may have been low.
      learnt = Math.max(o.minPerMinute, revealed);
      perMinute = learnt;
    }
  }
  return {
    ...blocked,
    perMinute: Math.max(o.minPerMinute, perMinute),
    learntPerMinute: learnt,
    lastDecreaseMs: a.nowMs,
  };
}

const PRIORITY: Readonly<Record<RequestKind, number>> = { result: 0, poll: 1, submit: 2 };

/**
 * Which waiting request gets the next token: the most important kind (result, then poll, then submit),
 * first come first served within a kind (`seq` grows with arrival). Returns an index, or -1 when empty.
 */
export function pickNext(waiters: readonly { kind: RequestKind; seq: number }[]): number {
  let best = -1;
  for (let i = 0; i < waiters.length; i++) {
    const w = waiters[i]!;
    const b = best === -1 ? undefined : waiters[best]!;
    if (!b || PRIORITY[w.kind] < PRIORITY[b.kind] || (w.kind === b.kind && w.seq < b.seq)) best = i;
  }
  return best;
}

/**
 * How many jobs the budget can keep in flight without starving their polls (Little's law): a job holds
 * its slot for about `holdMs` and spends `requestsPerJob` requests meanwhile, so `perMinute` serves
 * `perMinute x holdMs / 60 000 / requestsPerJob` jobs at once; `slack` (default 1.5) leaves room for
 * the estimate being low. Infinity when unlimited or nothing is known yet.
 */
export function affordableInFlight(input: {
  perMinute: number;
  holdMs: number | null;
  requestsPerJob: number;
  slack?: number;
}): number {
  const { perMinute, holdMs, requestsPerJob } = input;
  if (!Number.isFinite(perMinute) || holdMs === null || !(holdMs > 0) || !(requestsPerJob > 0))
    return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.ceil(((perMinute * holdMs) / 60_000 / requestsPerJob) * (input.slack ?? 1.5)));
}

/**
 * `x-rate-limit-reset-at-utc` as epoch ms: ISO 8601 (a time without a zone is read as UTC, as the
 * header's name says) or epoch seconds (a number so large it can only be milliseconds is read as such).
 * Undefined for anything else.
 */
export function parseResetAt(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n >= 1e11 ? Math.round(n) : Math.round(n * 1000);
  }
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

/** `Retry-After` as ms from `nowMs`: delta seconds or an HTTP date. Undefined for anything else. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
