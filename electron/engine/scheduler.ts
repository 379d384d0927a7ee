/**
 * The scheduler: keeps up to the effective concurrency of jobs in flight across every running batch,
 * fairly and by priority, discovering the account's limit from 429s (AIMD), closing the halt gate on
 * 401/403/406, and re-polling jobs that already have a request id instead of paying for them twice.
 * Decisions come from shared/scheduling (pure); this file only keeps the live state and the timers.
 */
import {
  type BatchCandidate,
  type ConcurrencyState,
  canPoll,
  canSubmit,
  createConcurrencyState,
  createHaltGate,
  currentLimit,
  type HaltGate,
  type HaltReason,
  nextWakeMs,
  onRateLimited,
  onSuccess,
  planSubmissions,
  recordHalt,
  reopenGate,
  settledBatchState,
  setUserLimit,
  slotsAvailable,
} from '@shared/scheduling';
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';
import { type Log, silentLog } from '../log/logger';
import { createJobLedger, type JobLedger } from './job-ledger';
import { type RunEnd, type RunnerDeps, runJob } from './job-runner';
import type { ReviewCheckpoint } from './review-checkpoint';
import type { SpendGate } from './spend-gate';

export type SchedulerDeps = Omit<
  RunnerDeps,
  'onAccepted' | 'onRateLimited' | 'onHalt' | 'maySubmit' | 'onOutputBlocked' | 'log' | 'isOffline' | 'ledger'
> & {
  journal: Journal;
  /**
   * Parent log: the scheduler and the job runner write through children tagged with their module
   * (a crashed job, a dedupe copy that failed). Default silentLog.
   */
  log?: Log;
  /** The user's concurrency limit. Default 4. */
  concurrency?: number;
  /** First AIMD cooldown after a 429 when the server asks for less. Default 1000 ms (tests shrink it). */
  rateLimitBackoffMs?: number;
  now?: () => number;
  /** A batch's state changed (halt, pause on a full disk, completion). */
  batchChanged(batchId: string): void;
  /** The halt gate opened or closed. */
  haltChanged(gate: HaltGate): void;
  /** A job left the in-flight set (the engine re-checks whether it is idle). */
  settled?(): void;
  /**
   * The way to Segmind: 'waiting' (offline: nothing is submitted, network failures park jobs),
   * 'given-up' (offline longer than the user allows: jobs run into that failure) or 'online'.
   * Default always online.
   */
  offline?(): 'online' | 'waiting' | 'given-up';
  /** Jobs the request budget can keep in flight (request-budget's affordableInFlight). Default unlimited. */
  affordableInFlight?(): number;
  /**
   * New submits the request budget lets go now, and when the next may: no job is started only to hold
   * a slot of the account's concurrency while it waits for the budget. Default: always ready.
   */
  submitReadiness?(): { ready: number; nextInMs: number };
  /** The money ledger jobs report to. Default: one on the journal at the default price (simulator). */
  ledger?: JobLedger;
  /** Consulted before every submit; a batch it refuses is paused at its cap. Default: no caps. */
  spendGate?: SpendGate;
  /** Review checkpoint (review-checkpoint.ts): jobs past it wait; reaching it pauses the batch. */
  review?: ReviewCheckpoint;
};

interface InFlight {
  batchId: string;
  controller: AbortController;
  done: Promise<RunEnd>;
}

export interface Scheduler {
  /** Looks for work now (after any state change that may free or create work). */
  pump(): void;
  /**
   * A batch may have pending jobs again (a retry, a resume, a new start): forget that it ran dry and
   * read it from its first pending job, then look for work.
   */
  refresh(batchId: string): void;
  /** Starts polling jobs that already have a request id (restart recovery, halt reopened). */
  resumeParked(): void;
  setConcurrency(limit: number): void;
  /**
   * The client saw a 429 (it retries those itself, so the runner would hear of only the last one):
   * the AIMD limiter lowers the effective concurrency and cools down.
   */
  rateLimited(info: { retryAfterMs?: number; sentAtMs?: number }): void;
  /**
   * `inFlight`: jobs holding one of the account's concurrent slots (submitted, not yet COMPLETED);
   * `working`: every job the engine is busy with, including results being fetched and written.
   */
  concurrency(): { userLimit: number; effective: number; inFlight: number; working: number };
  halt(): HaltGate;
  /** The user fixed the key or topped up: submitting continues where it stopped. */
  reopen(): void;
  /** Aborts the in-flight work of one batch (cancel) and waits for it to settle. */
  abortBatch(batchId: string): Promise<void>;
  isInFlight(jobId: number): boolean;
  /** Stops submitting, lets in-flight submits record their request ids, aborts polls, waits. */
  stop(graceMs?: number): Promise<void>;
}

/** In-flight jobs (API plus result fetching and writing) may reach this multiple of the user limit. */
const POST_PROCESS_FACTOR = 2;

/** Creates the scheduler; call `resumeParked()` then `pump()` to start. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const now = deps.now ?? Date.now;
  const journal = deps.journal;
  const log = (deps.log ?? silentLog).child({ module: 'scheduler' });
  const offline = deps.offline ?? (() => 'online' as const);
  let limiter: ConcurrencyState = createConcurrencyState(deps.concurrency, {
    baseBackoffMs: deps.rateLimitBackoffMs ?? 1_000,
  });
  let gate: HaltGate = createHaltGate();
  let stopping = false;
  let pumpQueued = false;
  let wakeTimer: NodeJS.Timeout | null = null;
  let wakeAt = 0;
  const inFlight = new Map<number, InFlight>();
  /**
   * In-flight jobs the server already reported COMPLETED: they only fetch and write their result now,
   * so they no longer count against the account's concurrency (the server's slot is free). Local
   * post-processing is bounded separately by POST_PROCESS_FACTOR x the user limit.
   */
  const serverDone = new Set<number>();
  /** Highest ordinal handed out per batch; pending jobs at or below it are found again via `rewind`. */
  const cursors = new Map<string, number>();
  const exhausted = new Set<string>();
  const lastServed = new Map<string, number>();

  const runnerDeps: RunnerDeps = {
    ...deps,
    log: (deps.log ?? silentLog).child({ module: 'job-runner' }),
    ledger: deps.ledger ?? createJobLedger(journal),
    onServerDone: (jobId) => {
      if (!inFlight.has(jobId)) return;
      serverDone.add(jobId);
      pump();
    },
    onAccepted: () => {
      limiter = onSuccess(limiter, now());
    },
    onRateLimited: (retryAfterMs) => {
      limiter = onRateLimited(limiter, { retryAfterMs, nowMs: now() });
    },
    onHalt: (reason: HaltReason, message: string) => {
      const wasOpen = gate.state === 'open';
      gate = recordHalt(gate, { reason, message, nowMs: now() });
      // A refused key also refuses every poll: stop polling jobs at once (they keep their request ids
      // and are polled again on reopen) instead of spending one more refused request each. Jobs still
      // submitting are left alone: aborting a submit on the wire could lose an accepted request id.
      if (!canPoll(gate)) {
        for (const [id, f] of inFlight) {
          const state = journal.jobs.get(id)?.state;
          if (state === 'queued' || state === 'processing') f.controller.abort();
        }
      }
      if (!wasOpen) return;
      for (const batch of journal.batches.listRunning()) {
        journal.batches.setState(batch.id, 'halted', { reason: message });
        deps.batchChanged(batch.id);
      }
      deps.haltChanged(gate);
    },
    // Only this batch stops (its folder is full or read-only), with the reason kept: the journal keeps a
    // reason for 'halted' only, and other batches writing elsewhere go on (the global gate stays open).
    onOutputBlocked: (batchId, message) => {
      if (journal.batches.setState(batchId, 'halted', { reason: message })) deps.batchChanged(batchId);
    },
    maySubmit: (batchId) =>
      !stopping &&
      canSubmit(gate) &&
      offline() !== 'waiting' &&
      journal.batches.get(batchId)?.state === 'running' &&
      (deps.spendGate?.admit(batchId) ?? true),
    isOffline: () => offline() === 'waiting',
  };

  function refreshBatch(batchId: string): void {
    exhausted.delete(batchId);
    cursors.delete(batchId);
  }

  function rewind(batchId: string, ordinal: number): void {
    const cursor = cursors.get(batchId);
    if (cursor !== undefined && ordinal <= cursor) cursors.set(batchId, ordinal - 1);
    exhausted.delete(batchId);
  }

  function start(job: JobRow): void {
    const controller = new AbortController();
    const entry: InFlight = { batchId: job.batchId, controller, done: Promise.resolve('requeued') };
    inFlight.set(job.id, entry);
    entry.done = runJob(runnerDeps, job, controller.signal).then(
      (end) => settle(job, end),
      (error) => {
        // A bug, not an API or file error (those end the job): keep the stack, free the slot, go on.
        log.error({ err: error, jobId: job.id, batchId: job.batchId }, 'job crashed; its slot is freed');
        return settle(job, 'requeued');
      },
    );
  }

  function settle(job: JobRow, end: RunEnd): RunEnd {
    inFlight.delete(job.id);
    serverDone.delete(job.id);
    const batch = journal.batches.get(job.batchId);
    if (batch?.state === 'cancelled' && journal.jobs.markCancelled(job.id).ok) {
      deps.changed(job);
    } else if (end === 'requeued') {
      rewind(job.batchId, job.ordinal);
    }
    settleBatch(job.batchId);
    deps.review?.reached(job.batchId);
    // A FAILED job was not billed: a batch paused at its cap may have room again.
    for (const batchId of deps.spendGate?.recheck() ?? []) refreshBatch(batchId);
    pump();
    deps.settled?.();
    return end;
  }

  /** A running batch with nothing open and nothing in flight here is done (see settledBatchState). */
  function settleBatch(batchId: string): void {
    const batch = journal.batches.get(batchId);
    if (!batch) return;
    // A job this scheduler still holds has not settled yet, whatever its row says.
    if ([...inFlight.values()].some((f) => f.batchId === batchId)) return;
    const next = settledBatchState(batch.state, journal.jobs.countsByState(batchId));
    if (next !== batch.state && journal.batches.setState(batchId, next)) deps.batchChanged(batchId);
  }

  function nextPending(batchId: string): JobRow | null {
    for (;;) {
      const after = cursors.get(batchId) ?? -1;
      const [job] = journal.jobs.listPending(batchId, 1, after);
      if (!job) {
        if (after === -1) return null;
        cursors.set(batchId, -1); // wrap once: a requeued job may sit behind the cursor
        const [first] = journal.jobs.listPending(batchId, 1, -1);
        if (!first || inFlight.has(first.id)) return null;
        cursors.set(batchId, first.ordinal);
        return first;
      }
      cursors.set(batchId, job.ordinal);
      if (!inFlight.has(job.id)) return job;
    }
  }

  function fill(): void {
    pumpQueued = false;
    // Offline: nothing new goes out; the engine pumps again when the way is back.
    if (stopping || !canSubmit(gate) || offline() === 'waiting') return;
    const t = now();
    const apiInFlight = inFlight.size - serverDone.size;
    const localRoom = POST_PROCESS_FACTOR * limiter.userLimit - inFlight.size;
    const budgetRoom = (deps.affordableInFlight?.() ?? Number.POSITIVE_INFINITY) - apiInFlight;
    const room = Math.min(slotsAvailable(limiter, apiInFlight, t), localRoom, budgetRoom);
    // Asked only when there is room otherwise: the question itself tells the budget work is waiting.
    const budget =
      room > 0 && deps.submitReadiness
        ? deps.submitReadiness()
        : { ready: Number.POSITIVE_INFINITY, nextInMs: 0 };
    const slots = Math.min(room, budget.ready);
    // The budget held some work back: look again when it lets the next submit go.
    if (budget.ready < room) armWake(t + budget.nextInMs);
    if (slots <= 0) {
      armWake(nextWakeMs(limiter, t));
      return;
    }
    const running = journal.batches.listRunning();
    const candidates: BatchCandidate[] = running
      .filter((b) => !exhausted.has(b.id))
      .map((b) => ({
        batchId: b.id,
        priority: b.priority,
        inFlight: [...inFlight.values()].filter((f) => f.batchId === b.id).length,
        pending: 1,
        lastServedMs: lastServed.get(b.id) ?? null,
      }));
    let started = 0;
    for (const batchId of planSubmissions(candidates, slots)) {
      if (exhausted.has(batchId)) continue;
      const job = nextPending(batchId);
      if (!job) {
        exhausted.add(batchId);
        settleBatch(batchId);
        continue;
      }
      if (deps.review?.holds(job)) {
        exhausted.add(batchId); // until the checkpoint pauses the batch and a resume refreshes it
        deps.review.reached(batchId);
        continue;
      }
      lastServed.set(batchId, t);
      start(job);
      started++;
    }
    // Every slot may have gone to a batch that turned out empty: try the others once more.
    if (started < slots && candidates.some((c) => !exhausted.has(c.batchId)) && started > 0) pump();
  }

  /** Looks again at `at` (an earlier wake replaces a later one). */
  function armWake(at: number | null): void {
    if (at === null || (wakeTimer && wakeAt <= at)) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(
      () => {
        wakeTimer = null;
        pump();
      },
      Math.max(1, at - now()),
    );
  }

  function pump(): void {
    if (pumpQueued || stopping) return;
    pumpQueued = true;
    setImmediate(fill);
  }

  return {
    pump,
    refresh(batchId) {
      refreshBatch(batchId);
      pump();
    },
    resumeParked() {
      if (!canPoll(gate)) return;
      for (const job of journal.jobs.listRecoverable()) {
        if (!job.requestId || inFlight.has(job.id)) continue;
        const state = journal.batches.get(job.batchId)?.state;
        if (state === 'cancelled') {
          if (journal.jobs.markCancelled(job.id).ok) deps.changed(job);
          continue;
        }
        start(job);
      }
    },
    setConcurrency(limit) {
      limiter = setUserLimit(limiter, limit);
      pump();
    },
    rateLimited(info) {
      limiter = onRateLimited(limiter, {
        nowMs: now(),
        retryAfterMs: info.retryAfterMs,
        sentAtMs: info.sentAtMs,
      });
    },
    concurrency: () => ({
      userLimit: limiter.userLimit,
      effective: currentLimit(limiter),
      inFlight: inFlight.size - serverDone.size,
      working: inFlight.size,
    }),
    halt: () => gate,
    reopen() {
      if (gate.state === 'open') return;
      gate = reopenGate(gate);
      for (const batch of journal.batches.list({ states: ['halted'] })) {
        journal.batches.setState(batch.id, 'running');
        deps.batchChanged(batch.id);
      }
      exhausted.clear();
      deps.haltChanged(gate);
      this.resumeParked();
      pump();
    },
    async abortBatch(batchId) {
      const mine = [...inFlight.values()].filter((f) => f.batchId === batchId);
      for (const f of mine) f.controller.abort();
      await Promise.all(mine.map((f) => f.done));
      exhausted.delete(batchId);
    },
    isInFlight: (jobId) => inFlight.has(jobId),
    async stop(graceMs = 15_000) {
      stopping = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      // Submits in the air get a grace period to come back with their request id, so a restart polls
      // them instead of paying again; polls are aborted at once (they resume after restart).
      const submitting = () =>
        [...inFlight.keys()].filter((id) => journal.jobs.get(id)?.state === 'submitting').length > 0;
      const deadline = now() + graceMs;
      while (submitting() && now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const f of inFlight.values()) f.controller.abort();
      await Promise.all([...inFlight.values()].map((f) => f.done));
    },
  };
}
