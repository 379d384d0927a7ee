/**
 * The simulator's job state machine: QUEUED -> PROCESSING -> COMPLETED | FAILED -> expired (deleted).
 * Phases follow the wall clock from the submit, as a remote service's do: a timer per job advances it
 * (and counts it in the stats), and every read also advances it, so a late timer never shows a stale
 * phase. Timers are unref'd so a simulator left running never keeps a test process alive. Running v1
 * sync calls are counted here too, because they occupy a concurrency slot like a queued job.
 *
 * With an archive (see job-archive.ts) every job is written to disk before its submit is answered and
 * brought back when the store is created again, so jobs outlive the process; an id not in memory is
 * also looked up there (another process on the same data folder may have created it).
 */
import type { IdeogramParams } from '@shared/catalogue';
import { type JobBilling, restoredBilling } from './billing';
import { type ArchivedJob, hashApiKey, type JobArchive } from './job-archive';

export type JobPhase = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

export interface Job {
  id: string;
  apiKey: string;
  fingerprint: string;
  params: IdeogramParams;
  /** Source image bytes, kept until expiry: an evicted output is rendered again from them. */
  source: Buffer;
  phase: JobPhase;
  processingAt: number;
  doneAt: number;
  /** Time spent PROCESSING, reported as `metrics.inference_time`. */
  processMs: number;
  /** Content-block reason when the job is planned to fail. */
  failReason: string | null;
  /** When true, results vanish as soon as COMPLETED has been announced (the `expireEarly` fault; the
   * caller also gives such jobs a short retention). */
  expireEarly: boolean;
  /** Set when the job becomes terminal. */
  expiresAt: number | null;
  retentionMs: number;
  timer: NodeJS.Timeout | null;
  /** What was reserved for it and what the client has learnt of its bill (see billing.ts). */
  billing: JobBilling;
}

export interface NewJob {
  id: string;
  apiKey: string;
  fingerprint: string;
  params: IdeogramParams;
  source: Buffer;
  queueMs: number;
  processMs: number;
  failReason: string | null;
  expireEarly: boolean;
  retentionMs: number;
  billing: JobBilling;
}

/** Wall clock: a job submitted before a restart (or a sleep) is as far along as the time that passed. */
const now = (): number => Date.now();

export class JobStore {
  private jobs = new Map<string, Job>();
  /** Jobs not yet terminal, so in-flight counts do not scan an hour of retained results. */
  private active = new Set<Job>();
  private syncRunning = new Map<string, number>();

  /**
   * @param onTerminal called once per job when it reaches COMPLETED or FAILED.
   * @param onExpire called when a job is forgotten (retention over, early expiry), to drop its cached output.
   * @param archive where jobs are kept across restarts; default none (jobs live in memory only).
   * @param apiKeys the accepted keys, to give restored jobs back their key (the archive holds hashes).
   */
  constructor(
    private readonly onTerminal: (job: Job) => void,
    private readonly onExpire: (job: Job) => void = () => {},
    private readonly archive: JobArchive | null = null,
    apiKeys: readonly string[] = [],
  ) {
    this.keysByHash = new Map(archive ? apiKeys.map((key) => [hashApiKey(key), key]) : []);
    for (const stored of archive?.loadLive(now()) ?? []) this.restore(stored);
  }

  /** Accepted keys by their archived hash. */
  private readonly keysByHash: Map<string, string>;

  create(input: NewJob): Job {
    const submittedAt = now();
    const job = this.build(input, submittedAt);
    // On disk before the submit is answered: a request id the client holds always names a kept job.
    const { billing: _billing, ...archived } = input;
    this.archive?.save({ ...archived, createdAt: submittedAt });
    this.track(job);
    return job;
  }

  /** The job, advanced to the current time; undefined when unknown or expired. */
  get(id: string): Job | undefined {
    const job = this.jobs.get(id) ?? this.fromArchive(id);
    if (!job) return undefined;
    this.advance(job);
    return this.jobs.get(id);
  }

  /** Ends a job's life now (expiry, or an `expireEarly` job whose completion has been announced). */
  expire(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    if (job.timer) clearTimeout(job.timer);
    this.jobs.delete(id);
    this.active.delete(job);
    this.archive?.forget(id);
    this.onExpire(job);
  }

  /** Jobs QUEUED or PROCESSING plus running sync calls; for one key when given. */
  inFlight(apiKey?: string): number {
    let n = 0;
    for (const job of this.active) {
      if ((apiKey === undefined || job.apiKey === apiKey) && !this.isTerminal(job)) n += 1;
    }
    if (apiKey !== undefined) return n + (this.syncRunning.get(apiKey) ?? 0);
    for (const running of this.syncRunning.values()) n += running;
    return n;
  }

  /** Ms until the first in-flight job of this key finishes (a slot frees), or null when none is queued. */
  msUntilSlotFrees(apiKey: string): number | null {
    const t = now();
    let earliest: number | null = null;
    for (const job of this.active) {
      if (job.apiKey !== apiKey || this.isTerminal(job)) continue;
      earliest = earliest === null ? job.doneAt : Math.min(earliest, job.doneAt);
    }
    return earliest === null ? null : Math.max(0, earliest - t);
  }

  syncStarted(apiKey: string): void {
    this.syncRunning.set(apiKey, (this.syncRunning.get(apiKey) ?? 0) + 1);
  }

  syncEnded(apiKey: string): void {
    const left = (this.syncRunning.get(apiKey) ?? 1) - 1;
    if (left > 0) this.syncRunning.set(apiKey, left);
    else this.syncRunning.delete(apiKey);
  }

  /** Stops every timer and forgets every job in memory (server close); archived jobs stay on disk. */
  clear(): void {
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.jobs.clear();
    this.active.clear();
    this.syncRunning.clear();
  }

  private build(input: NewJob, submittedAt: number): Job {
    return {
      id: input.id,
      apiKey: input.apiKey,
      fingerprint: input.fingerprint,
      params: input.params,
      source: input.source,
      phase: 'QUEUED',
      processingAt: submittedAt + input.queueMs,
      doneAt: submittedAt + input.queueMs + input.processMs,
      processMs: input.processMs,
      failReason: input.failReason,
      expireEarly: input.expireEarly,
      expiresAt: null,
      retentionMs: input.retentionMs,
      timer: null,
      billing: input.billing,
    };
  }

  private track(job: Job): void {
    this.jobs.set(job.id, job);
    this.active.add(job);
    this.schedule(job);
  }

  /** Brings an archived job back as of now (its phase follows from its submit time). */
  private restore(stored: ArchivedJob): Job {
    const { keyHash, createdAt, ...rest } = stored;
    // A key no longer accepted keeps its hash: it still counts in flight, for no key that can ask.
    const job = this.build(
      { ...rest, apiKey: this.keysByHash.get(keyHash) ?? keyHash, billing: restoredBilling() },
      createdAt,
    );
    this.track(job);
    this.advance(job);
    return job;
  }

  private fromArchive(id: string): Job | undefined {
    const stored = this.archive?.find(id);
    return stored ? this.restore(stored) : undefined;
  }

  private isTerminal(job: Job): boolean {
    return job.phase === 'COMPLETED' || job.phase === 'FAILED' || now() >= job.doneAt;
  }

  private advance(job: Job): void {
    const t = now();
    if (job.phase === 'QUEUED' && t >= job.processingAt) job.phase = 'PROCESSING';
    if (job.phase === 'PROCESSING' && t >= job.doneAt) {
      job.phase = job.failReason === null ? 'COMPLETED' : 'FAILED';
      job.expiresAt = job.doneAt + job.retentionMs;
      this.active.delete(job);
      this.onTerminal(job);
    }
    if (job.expiresAt !== null && t >= job.expiresAt) {
      this.expire(job.id);
      return;
    }
    this.schedule(job);
  }

  private schedule(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    const next =
      job.phase === 'QUEUED' ? job.processingAt : job.phase === 'PROCESSING' ? job.doneAt : job.expiresAt;
    if (next === null) return;
    // setTimeout caps at 2^31-1 ms; a longer retention re-arms when that fires.
    const delay = Math.min(2 ** 31 - 1, Math.max(0, next - now()));
    job.timer = setTimeout(() => this.advance(job), delay);
    job.timer.unref();
  }
}
