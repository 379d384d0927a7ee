/**
 * The sweep engine's front: one object the Electron shell, web mode, the CLI and tests all drive.
 * It wires the journal, the Segmind client (or simulator), the output planner, the scheduler and the
 * change feed, and offers batch commands plus snapshot queries. Plain Node: never imports electron.
 */
import { join } from 'node:path';
import type { Ledger } from '@shared/economics';
import type { PollCadenceOptions } from '@shared/policy/poll-cadence';
import type { RetryPolicy } from '@shared/policy/retry-policy';
import type { RatingPatch } from '@shared/ratings';
import type { SlotHistory } from '@shared/scheduling';
import {
  DEFAULT_USER_LIMIT,
  estimatePace,
  type HaltGate,
  newPaceClock,
  openJobs,
  type PaceClock,
  recordCompletion,
  setRunning,
  totalJobs,
} from '@shared/scheduling';
import type { Connectivity, ConnectivityOptions } from '@shared/scheduling/connectivity';
import { affordableInFlight, type BudgetOptions } from '@shared/scheduling/request-budget';
import type { PruneTarget } from '@shared/sweep';
import type { Journal } from '../db';
import type { BatchRow } from '../db/batches-repo';
import type { JobPage, JobPageQuery, JobRow, JobStateCounts } from '../db/job-types';
import { nodeWriteFs, type WriteFs } from '../images/atomic-write';
import { cleanupStaleTemps } from '../images/write-output';
import { type Log, silentLog } from '../log/logger';
import {
  createSegmindClient,
  type RequestBudgetView,
  type SegmindClient,
  type SegmindClientOptions,
} from '../segmind/client';
import { type CreateBatchRequest, type CreatedBatch, createBatch } from './batch-creator';
import { createBatchPruner } from './batch-pruner';
import { type ChangeBatch, createChangeFeed } from './change-feed';
import { createInputFiles } from './input-files';
import { type InputRecheckDeps, inputsToRecheck, recheckInputs } from './input-recheck';
import { createJobLedger, DEFAULT_ECONOMICS, type EconomicsOptions } from './job-ledger';
import { batchLedger, periodLedger, slotTimeHistory } from './ledger-views';
import { createOfflineWatch } from './offline-watch';
import { createOutputPlanner } from './output-planner';
import { createReviewCheckpoint } from './review-checkpoint';
import { createScheduler } from './scheduler';
import { createSpendGate } from './spend-gate';
import { testPauseTarget, withRenamePause } from './test-pause';
import { STUDIO_VERSION } from './version';

export interface EngineOptions {
  journal: Journal;
  /** Holds prepared inputs and thumbnails. */
  dataDir: string;
  /** Where API calls go: Segmind's v1 base or the simulator's. */
  baseUrl: string;
  apiKey: string;
  /** Which backend `baseUrl` is, noted on every batch this engine runs (History says live or simulator). */
  backend?: 'simulator' | 'segmind';
  /**
   * A job's stored status/result URL as it must be read now. The in-process simulator moves to a new
   * port on each start while its jobs persist, so the service passes its backend's rebase (see
   * electron/service/backend.ts); the real API's URLs are never changed. Default: unchanged.
   */
  rebaseUrl?: (url: string) => string;
  /** Global concurrency limit. Default 4. */
  concurrency?: number;
  /** Change-feed flush period. Default 250 ms. */
  feedIntervalMs?: number;
  /** Engine rounds for transient errors before a job fails. Default 3. */
  maxRounds?: number;
  /** First engine retry delay. Default 2000 ms (tests shrink it). */
  retryBaseDelayMs?: number;
  /** The client's per-request retry policy (see shared/policy/retry-policy). Default: its defaults. */
  retry?: Partial<RetryPolicy>;
  /** First AIMD cooldown after a 429. Default 1000 ms (tests shrink it). */
  rateLimitBackoffMs?: number;
  /** File-system layer for output writes; default real `node:fs` (tests inject a full disk). */
  outputFs?: WriteFs;
  /**
   * The account's request budget: requests per minute, null = discover it from 429s, undefined =
   * unlimited (the simulator without a limit). Default undefined. Changed live by `setRequestsPerMinute`.
   */
  requestsPerMinute?: number | null;
  /** An outage longer than this fails the jobs waiting for it, in minutes; null = wait for ever. Default null. */
  offlineFailAfterMin?: number | null;
  /** The latency to expect before any is learnt (see SegmindClientOptions.expectedLatencyMs). */
  expectedLatencyMs?: number;
  /** Client tuning the tests shrink: poll cadence, request deadlines, budget and offline detection. */
  poll?: Partial<PollCadenceOptions>;
  timeouts?: SegmindClientOptions['timeouts'];
  budget?: Partial<BudgetOptions>;
  connectivity?: Partial<ConnectivityOptions>;
  probeTimeoutMs?: number;
  /** Injected client (tests); default: a Segmind client for baseUrl/apiKey whose 429s feed the scheduler. */
  client?: SegmindClient;
  /**
   * Where the engine, scheduler, job runner and Segmind client log (each through a child tagged with its
   * module): crashed jobs, failed clean-ups, errors recovered from. The engine never prints to a console
   * of its own. Default silentLog.
   */
  log?: Log;
  /**
   * Money: which backend this is (simulated dollars are kept apart from real ones) and the live price
   * and daily/monthly caps. Default: the simulator, $0.10, no caps.
   */
  economics?: EconomicsOptions;
}

export interface BatchSummary {
  batch: BatchRow;
  counts: JobStateCounts;
  total: number;
  done: number;
  etaMs: number | null;
  jobsPerMinute: number;
  /** Billed, not billed, reused, cancelled, ambiguous… and the dollars (shared/economics). */
  ledger: Ledger;
}

export type EngineChanges = ChangeBatch<JobRow, BatchSummary>;

export interface Engine {
  createBatch(request: CreateBatchRequest): Promise<CreatedBatch>;
  start(batchId: string): void;
  pause(batchId: string): void;
  resume(batchId: string): void;
  /**
   * Cancels what is not yet paid for: pending jobs are cancelled at once; jobs already submitted finish
   * (their credit is spent, so their result is kept). `abandonInFlight` (used before deleting a batch)
   * also aborts those, cancelling them.
   */
  cancel(batchId: string, opts?: { abandonInFlight?: boolean }): Promise<void>;
  /**
   * Runs a failed or cancelled job again; false when it cannot be retried (not failed, or its input is
   * still unusable: the input is re-checked first, see input-recheck.ts, and the job keeps its reason).
   * Resolves at once (in the same tick) when no input needs a re-check.
   */
  retryJob(jobId: number): Promise<boolean>;
  /** Prune: cancels a batch's pending jobs with one axis value (batch-pruner.ts); returns how many. */
  prune(batchId: string, target: PruneTarget, label?: string): number;
  /** Undo of a prune: queues those jobs again; returns how many. */
  unprune(batchId: string, target: PruneTarget): number;
  /** retryJob for every failed job of a batch; resolves with how many run again. */
  retryFailed(batchId: string): Promise<number>;
  /** Puts a batch's cancelled jobs back in the queue and reopens it; returns how many. */
  requeueCancelled(batchId: string): number;
  setConcurrency(limit: number): void;
  setPriority(batchId: string, priority: number): void;
  /** Rates results (see the jobs repo's `rate`); subscribers see the changed jobs. Returns them. */
  rate(jobIds: readonly number[], patch: RatingPatch): JobRow[];
  /** Tells subscribers these jobs changed by a write made beside the engine (e.g. a clean-up). */
  announce(jobs: readonly Pick<JobRow, 'id' | 'batchId'>[]): void;
  /** Sets (or with null removes) a batch's spend cap; a batch paused at its cap resumes if it now has room. */
  setMaxSpend(batchId: string, usd: number | null): void;
  /** The price or the daily/monthly caps changed: batches paused at a cap are decided again. */
  spendSettingsChanged(): void;
  /** The ledger of everything on this engine's backend since `since` (epoch ms), e.g. this month's. */
  periodLedger(since: number): Ledger;
  /**
   * How long jobs on this backend held their slot lately (median, log-normal spread), from the journal's
   * ledger; null before 5 billed jobs. The duration estimate's latency history.
   */
  latencyHistory(): SlotHistory | null;
  /** Which backend the engine bills as ('simulator' or 'segmind'). */
  readonly backend: EconomicsOptions['backend'];
  /** The user fixed the key / topped up: continue submitting. */
  reopenAfterHalt(): void;
  halt(): HaltGate;
  /** Online or offline; see shared/scheduling/connectivity. */
  connectivity(): Connectivity;
  /** Whether an outage has outlasted `offlineFailAfterMin` (jobs then fail instead of waiting). */
  offlineGivenUp(): boolean;
  /** Called on every change between online and offline (and when the outage limit passes). */
  onConnectivityChange(listener: (state: Connectivity) => void): () => void;
  requestBudget(): RequestBudgetView;
  /** number = requests per minute, null = discover, undefined = unlimited. */
  setRequestsPerMinute(setting: number | null | undefined): void;
  /** Minutes of outage before waiting jobs fail; null = never. */
  setOfflineFailAfterMin(minutes: number | null): void;
  concurrency(): { userLimit: number; effective: number; inFlight: number; working: number };
  summary(batchId: string): BatchSummary | null;
  listBatches(): BatchSummary[];
  pageJobs(batchId: string, query?: JobPageQuery): JobPage;
  subscribe(listener: (changes: EngineChanges) => void): () => void;
  onHaltChange(listener: (gate: HaltGate) => void): () => void;
  /** Resolves when no running batch has open jobs (or the engine stops). */
  idle(): Promise<void>;
  /** Stops submitting, keeps in-flight request ids, flushes events. The journal stays open. */
  stop(): Promise<void>;
}

/** Creates the engine and recovers interrupted work: unsent jobs requeue, sent ones are polled again. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const { journal, dataDir } = options;
  const parentLog = options.log ?? silentLog;
  const log = parentLog.child({ module: 'engine' });
  const client =
    options.client ??
    createSegmindClient({
      log: parentLog,
      apiKey: options.apiKey,
      baseUrl: options.baseUrl,
      concurrency: options.concurrency ?? DEFAULT_USER_LIMIT,
      userAgent: `sweep-studio/${STUDIO_VERSION}`,
      retry: options.retry,
      poll: options.poll,
      timeouts: options.timeouts,
      expectedLatencyMs: options.expectedLatencyMs,
      requestsPerMinute: options.requestsPerMinute,
      budget: options.budget,
      connectivity: options.connectivity,
      probeTimeoutMs: options.probeTimeoutMs,
      // The client retries 429s itself; every one of them still tells the limiter to slow down.
      onRateLimited: (info) => scheduler.rateLimited(info),
    });
  const offline = createOfflineWatch({
    client,
    failAfterMin: options.offlineFailAfterMin ?? null,
    log,
    // The way is back, or the user's limit passed: parked jobs poll again (or fail), pending ones go out.
    wake: () => {
      scheduler.resumeParked();
      scheduler.pump();
    },
  });
  const economics = options.economics ?? DEFAULT_ECONOMICS;
  const priceUsd = () => economics.settings().pricePerGenerationUsd;
  const haltListeners = new Set<(gate: HaltGate) => void>();
  const idleWaiters = new Set<() => void>();
  /** Each batch's running clock and completions (its pace and ETA; frozen while it does not run). */
  const clocks = new Map<string, PaceClock>();
  const clockOf = (batchId: string): PaceClock => {
    let clock = clocks.get(batchId);
    if (!clock) {
      const running = journal.batches.get(batchId)?.state === 'running';
      clock = setRunning(newPaceClock(), running, Date.now());
      clocks.set(batchId, clock);
    }
    return clock;
  };
  const followState = (batchId: string) => {
    const running = journal.batches.get(batchId)?.state === 'running';
    clocks.set(batchId, setRunning(clockOf(batchId), running, Date.now()));
    // A batch that runs on this engine runs on its backend (both, if another engine ran it before).
    if (running && options.backend) journal.batches.noteBackend(batchId, options.backend);
  };

  const summary = (batchId: string): BatchSummary | null => {
    const batch = journal.batches.get(batchId);
    if (!batch) return null;
    const counts = journal.jobs.countsByState(batchId);
    const total = totalJobs(counts);
    const done = total - openJobs(counts);
    const { effective } = scheduler.concurrency();
    const inFlight = counts.submitting + counts.queued + counts.processing;
    const pace = estimatePace({
      clock: clockOf(batchId),
      now: Date.now(),
      remainingJobs: counts.pending,
      inFlight,
      concurrency: effective,
      medianLatencyMs: client.latencyModel().medianMs,
      // The account's request budget as the client holds it now (null: unlimited or not learnt yet).
      requestsPerMinute: client.requestBudget().perMinute,
    });
    return {
      batch,
      counts,
      total,
      done,
      etaMs: pace.etaMs,
      jobsPerMinute: pace.jobsPerMinute,
      ledger: batchLedger(journal, batch, counts, priceUsd()),
    };
  };

  const feed = createChangeFeed<JobRow, BatchSummary>({
    loadJobs: (ids) => ids.map((id) => journal.jobs.get(id)).filter((j): j is JobRow => j !== undefined),
    loadBatches: (ids) => ids.map(summary).filter((s): s is BatchSummary => s !== null),
    intervalMs: options.feedIntervalMs,
  });
  // Crash tests only (STUDIO_TEST_PAUSE_AT=output-rename): inert otherwise, see test-pause.ts.
  const outputFs =
    testPauseTarget()?.point === 'output-rename'
      ? withRenamePause(options.outputFs ?? nodeWriteFs)
      : options.outputFs;
  const outputs = createOutputPlanner(journal, dataDir, outputFs);
  const inputFiles = createInputFiles(journal);
  const recheckDeps: InputRecheckDeps = {
    journal,
    cacheDir: join(dataDir, 'cache'),
    prepared: (inputId) => inputFiles.forget(inputId),
  };

  const spendGate = createSpendGate({
    journal,
    economics,
    batchChanged: (batchId) => {
      feed.batchChanged(batchId);
      checkIdle();
    },
  });
  const review = createReviewCheckpoint({
    journal,
    batchChanged: (batchId) => {
      feed.batchChanged(batchId);
      checkIdle();
    },
  });
  const scheduler = createScheduler({
    journal,
    review,
    log: parentLog,
    ledger: createJobLedger(journal, economics),
    spendGate,
    client,
    outputs,
    concurrency: options.concurrency,
    rateLimitBackoffMs: options.rateLimitBackoffMs,
    maxRounds: options.maxRounds,
    baseDelayMs: options.retryBaseDelayMs,
    imageFileFor: inputFiles.imageFileFor,
    rebaseUrl: options.rebaseUrl,
    changed: (job) => {
      const row = journal.jobs.get(job.id);
      if (row && (row.state === 'completed' || row.state === 'skipped_duplicate'))
        clocks.set(job.batchId, recordCompletion(clockOf(job.batchId), Date.now()));
      feed.jobChanged(job.id, job.batchId);
    },
    batchChanged: (batchId) => {
      followState(batchId);
      feed.batchChanged(batchId);
      checkIdle();
    },
    haltChanged: (gate) => {
      for (const listener of haltListeners) listener(gate);
    },
    settled: () => checkIdle(),
    offline: () => offline.gate(),
    affordableInFlight: () => {
      // Little's law on what the client measured (or, before the first job, the latency it expects).
      const budget = client.requestBudget();
      const expected = client.latencyModel().medianMs;
      return affordableInFlight({
        perMinute: budget.perMinute ?? Number.POSITIVE_INFINITY,
        holdMs: budget.holdMs ?? (expected === null ? null : expected * 1.5),
        requestsPerJob: budget.requestsPerJob,
      });
    },
    submitReadiness: () => client.submitReadiness(),
  });

  function checkIdle(): void {
    if (journal.batches.listRunning().length > 0 && scheduler.halt().state === 'open') return;
    if (scheduler.concurrency().working > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters.clear();
  }

  /** Removes temp files a killed write left under `dir`; a failure is logged, never fatal to start-up. */
  const removeStaleTemps = async (dir: string): Promise<void> => {
    try {
      const removed = await cleanupStaleTemps(dir);
      if (removed.length > 0)
        log.info({ dir, count: removed.length }, 'removed temp files of interrupted writes');
    } catch (error) {
      log.warn({ err: error, dir }, 'could not remove temp files of interrupted writes');
    }
  };
  // Recovery: a crash may leave temp files and jobs caught between intent and request id.
  for (const batch of journal.batches.list({ limit: 1000 })) await removeStaleTemps(batch.outputDir);
  // Thumbnails and prepared inputs are written atomically too: a kill can leave their temps behind.
  for (const own of ['thumbnails', 'cache']) await removeStaleTemps(join(dataDir, own));
  journal.jobs.requeueInterrupted();
  for (const batch of journal.batches.listRunning()) followState(batch.id);
  scheduler.resumeParked();
  scheduler.pump();

  const setBatchState = (batchId: string, to: BatchRow['state']) => {
    const moved = journal.batches.setState(batchId, to);
    if (moved) {
      followState(batchId);
      feed.batchChanged(batchId);
    }
    checkIdle();
    return moved;
  };

  const pruner = createBatchPruner({
    journal,
    jobChanged: (id, batchId) => feed.jobChanged(id, batchId),
    settle: (batchId) => {
      feed.batchChanged(batchId);
      scheduler.refresh(batchId);
    },
    reopen: (batchId) => reopenBatch(batchId),
  });

  return {
    createBatch: async (request) => {
      const created = await createBatch(
        { journal, cacheDir: join(dataDir, 'cache'), log: parentLog, backend: options.backend },
        request,
      );
      followState(created.batchId);
      feed.batchChanged(created.batchId);
      scheduler.pump();
      return created;
    },
    start: (batchId) => {
      setBatchState(batchId, 'running');
      scheduler.refresh(batchId);
    },
    pause: (batchId) => {
      setBatchState(batchId, 'paused');
    },
    resume: (batchId) => {
      setBatchState(batchId, 'running');
      scheduler.refresh(batchId);
    },
    cancel: async (batchId, opts = {}) => {
      const already = journal.batches.get(batchId)?.state === 'cancelled';
      if (!already && !setBatchState(batchId, 'cancelled')) return;
      const pending = idsIn(batchId, ['pending']);
      journal.jobs.cancelPending(batchId);
      for (const id of pending) feed.jobChanged(id, batchId);
      if (opts.abandonInFlight) await scheduler.abortBatch(batchId);
      feed.batchChanged(batchId);
    },
    retryJob: async (jobId) => {
      const job = journal.jobs.get(jobId);
      if (!job) return false;
      // Only awaited when there is an input to look at again: otherwise the retry happens in this tick.
      const recheck = inputsToRecheck(journal, [job]);
      if (recheck.length > 0) await recheckInputs(recheckDeps, recheck);
      // The input's other failed jobs may carry a new reason now: the grid hears of them too.
      for (const inputId of recheck)
        for (const id of idsIn(job.batchId, ['failed'], inputId)) feed.jobChanged(id, job.batchId);
      const moved = journal.jobs.resetForRetry(jobId).ok;
      feed.jobChanged(jobId, job.batchId);
      if (moved) reopenBatch(job.batchId);
      return moved;
    },
    retryFailed: async (batchId) => {
      const failed = idsIn(batchId, ['failed']);
      const recheck = inputsToRecheck(journal, failedInputJobs(batchId));
      if (recheck.length > 0) await recheckInputs(recheckDeps, recheck);
      const moved = journal.jobs.resetFailedForRetry(batchId);
      for (const id of failed) feed.jobChanged(id, batchId);
      if (moved > 0) reopenBatch(batchId);
      return moved;
    },
    requeueCancelled: (batchId) => {
      const cancelled = idsIn(batchId, ['cancelled']);
      const moved = journal.jobs.requeueCancelled(batchId);
      for (const id of cancelled) feed.jobChanged(id, batchId);
      if (moved > 0) reopenBatch(batchId);
      return moved;
    },
    prune: (batchId, target, label) => pruner.prune(batchId, target, label),
    unprune: (batchId, target) => pruner.unprune(batchId, target),
    setConcurrency: (limit) => {
      scheduler.setConcurrency(limit);
      client.setConcurrency(limit);
    },
    setPriority: (batchId, priority) => {
      journal.batches.setPriority(batchId, priority);
      feed.batchChanged(batchId);
    },
    rate: (jobIds, patch) => {
      const rows = journal.jobs.rate(jobIds, patch);
      for (const row of rows) feed.jobChanged(row.id, row.batchId);
      return rows;
    },
    announce: (jobs) => {
      for (const job of jobs) feed.jobChanged(job.id, job.batchId);
    },
    setMaxSpend: (batchId, usd) => {
      journal.batches.setMaxSpend(batchId, usd);
      feed.batchChanged(batchId);
      for (const id of spendGate.recheck()) scheduler.refresh(id);
    },
    spendSettingsChanged: () => {
      for (const id of spendGate.recheck()) scheduler.refresh(id);
    },
    periodLedger: (since) => periodLedger(journal, economics.backend, since, priceUsd()),
    latencyHistory: () => slotTimeHistory(journal, economics.backend),
    backend: economics.backend,
    reopenAfterHalt: () => scheduler.reopen(),
    halt: () => scheduler.halt(),
    connectivity: () => client.connectivity(),
    offlineGivenUp: () => offline.gate() === 'given-up',
    onConnectivityChange: (listener) => offline.onChange(listener),
    requestBudget: () => client.requestBudget(),
    setRequestsPerMinute: (setting) => {
      client.setRequestsPerMinute(setting);
      scheduler.pump();
    },
    setOfflineFailAfterMin: (minutes) => offline.setFailAfterMin(minutes),
    concurrency: () => scheduler.concurrency(),
    summary,
    listBatches: () =>
      journal.batches
        .list({ limit: 500 })
        .map((b) => summary(b.id))
        .filter((s): s is BatchSummary => s !== null),
    pageJobs: (batchId, query) => journal.jobs.page(batchId, query),
    subscribe: (listener) => feed.subscribe(listener),
    onHaltChange: (listener) => {
      haltListeners.add(listener);
      return () => haltListeners.delete(listener);
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.add(resolve);
        checkIdle();
      }),
    stop: async () => {
      offline.stop();
      await scheduler.stop();
      feed.flush();
      feed.close();
      for (const resolve of idleWaiters) resolve();
      await client.close();
    },
  };

  function reopenBatch(batchId: string): void {
    const state = journal.batches.get(batchId)?.state;
    if (state === 'completed' || state === 'cancelled' || state === 'halted')
      setBatchState(batchId, 'running');
    feed.batchChanged(batchId);
    scheduler.refresh(batchId);
    // Jobs whose paid result could not be saved came back as queued with their request id: fetch again.
    scheduler.resumeParked();
  }

  /** A batch's failed jobs whose input is unusable or that failed as an input error. */
  function failedInputJobs(batchId: string): JobRow[] {
    const out: JobRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = journal.jobs.page(batchId, { state: ['failed'], offset, limit: 1000 });
      out.push(...page.rows);
      if (offset + 1000 >= page.total) return out;
    }
  }

  /** The ids of a batch's jobs in `states` (of one input when given), for marking them changed after a bulk move. */
  function idsIn(batchId: string, states: JobRow['state'][], inputId?: number): number[] {
    const ids: number[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = journal.jobs.page(batchId, { state: states, inputId, offset, limit: 1000 });
      ids.push(...page.rows.map((j) => j.id));
      if (offset + 1000 >= page.total) return ids;
    }
  }
}
