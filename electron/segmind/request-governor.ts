/**
 * The request governor: every API request (submit, status poll, result read; media downloads are not
 * API requests) waits here for a token of the account's budget. The decisions (bucket, 429 handling,
 * which waiter goes first) are shared/scheduling/request-budget's; this module keeps the queue and the
 * one timer that wakes it.
 */
import {
  type BudgetOptions,
  type BudgetState,
  createBudget,
  msUntilSubmit,
  msUntilToken,
  onAccepted,
  onRateLimitedAnswer,
  pickNext,
  type RateLimitedAnswer,
  type RequestKind,
  requestIntervalMs,
  setRequestsPerJob,
  submitsReady,
  takeToken,
} from '@shared/scheduling/request-budget';
import { abortedError } from './errors';

export interface RequestGovernor {
  /** Resolves when a request of `kind` may go out (its token taken); rejects with 'aborted' on abort. */
  acquire(kind: RequestKind, signal?: AbortSignal): Promise<void>;
  /** The server answered a request sent at `sentAtMs` without a 429. */
  accepted(sentAtMs: number): void;
  /** The server answered 429. */
  rateLimited(answer: Omit<RateLimitedAnswer, 'nowMs' | 'random01'>): void;
  /** A new setting (number = requests per minute, null = discover, undefined = unlimited). */
  setRequestsPerMinute(setting: number | null | undefined): void;
  /** The client's measure of API requests per job, which paces new submits. */
  setRequestsPerJob(requestsPerJob: number): void;
  /**
   * New submits that could go now without waiting (submits already queued deducted; Infinity when
   * unlimited), and in how many ms one more could.
   */
  submitReadiness(): { ready: number; nextInMs: number };
  state(): BudgetState;
  /** Requests waiting for a token, by kind. */
  waiting(): Record<RequestKind, number>;
  stop(): void;
}

interface Waiter {
  kind: RequestKind;
  seq: number;
  since: number;
  resolve(): void;
  reject(error: Error): void;
}

export function createRequestGovernor(opts: {
  requestsPerMinute: number | null | undefined;
  options?: Partial<BudgetOptions>;
  random: () => number;
}): RequestGovernor {
  let budget = createBudget(opts.requestsPerMinute, Date.now(), opts.options);
  const queue: Waiter[] = [];
  let seq = 0;
  let timer: NodeJS.Timeout | null = null;

  /**
   * Hands out tokens while they last: to results and polls first, to a submit only when nothing else
   * waits and a submit credit is there too; then arms one timer for the next.
   */
  function drain(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (queue.length > 0) {
      const now = Date.now();
      const others = queue.filter((w) => w.kind !== 'submit');
      const wait = others.length > 0 ? msUntilToken(budget, now) : msUntilSubmit(budget, now);
      if (wait > 0) {
        timer = setTimeout(drain, wait);
        return;
      }
      const next = others.length > 0 ? others[pickNext(others)]! : queue[pickNext(queue)]!;
      queue.splice(queue.indexOf(next), 1);
      budget = takeToken(budget, now, next.kind);
      next.resolve();
    }
  }

  return {
    acquire(kind, signal) {
      if (signal?.aborted) return Promise.reject(abortedError());
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(abortedError());
        };
        const waiter: Waiter = {
          kind,
          seq: seq++,
          since: Date.now(),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        // A higher-priority arrival may go at once; otherwise the armed timer serves it in turn.
        if (!timer || kind !== 'submit') drain();
      });
    },
    accepted(sentAtMs) {
      budget = onAccepted(budget, sentAtMs, Date.now());
    },
    rateLimited(answer) {
      budget = onRateLimitedAnswer(budget, { ...answer, nowMs: Date.now(), random01: opts.random() });
      drain();
    },
    setRequestsPerMinute(setting) {
      const fresh = createBudget(setting, Date.now(), opts.options);
      // A 429's reset time still stands whatever the new setting says.
      budget = { ...fresh, blockedUntilMs: budget.blockedUntilMs };
      drain();
    },
    submitReadiness() {
      const now = Date.now();
      const queued = queue.filter((w) => w.kind === 'submit').length;
      const ready = submitsReady(budget, now) - queued;
      const next = ready > 0 ? requestIntervalMs(budget) : msUntilSubmit(budget, now);
      return { ready, nextInMs: Math.max(1, next) };
    },
    setRequestsPerJob(requestsPerJob) {
      budget = setRequestsPerJob(budget, requestsPerJob);
    },
    state: () => budget,
    waiting() {
      const counts: Record<RequestKind, number> = { result: 0, poll: 0, submit: 0 };
      for (const w of queue) counts[w.kind]++;
      return counts;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const w of queue.splice(0)) w.reject(abortedError());
    },
  };
}
