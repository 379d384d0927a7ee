import type { BillingStats } from './billing';

/**
 * Request and job counters of the simulator, read by tests, benchmarks and the credit ledger through
 * `handle.stats()` and `GET /_sim/stats`. Every API and media request is counted once, by endpoint and
 * outcome (HTTP status as a string, or `'dropped'` when the socket was destroyed without an answer).
 */

export type SimEndpoint = 'v1.sync' | 'v2.submit' | 'v2.status' | 'v2.result' | 'v1.poll' | 'media' | 'other';

export interface SimulatorStats {
  /** endpoint -> outcome (`'200'`, `'429'`, `'dropped'`, ...) -> count. */
  requests: Partial<Record<SimEndpoint, Record<string, number>>>;
  totalRequests: number;
  /** Accepted generations (price reserved): v2 submits that created a job plus v1 sync calls that passed validation. */
  acceptedSubmits: number;
  /** Jobs (and sync calls) that reached COMPLETED. */
  completed: number;
  /** Jobs (and sync calls) that ended FAILED (422). */
  failed: number;
  /** Accepted submits (v2 or sync) whose fingerprint had already been accepted before (since the last reset). */
  duplicateSubmits: number;
  /** fingerprint (sha256 of the canonical validated params) -> accepted submits. */
  submitsByFingerprint: Record<string, number>;
  /** Jobs currently QUEUED or PROCESSING, plus sync calls still generating. */
  inFlight: number;
  /**
   * Latency the simulator drew for accepted submits (v2 jobs and sync calls): the sum of queue +
   * processing time in scaled ms, and how many were drawn. `drawnMsSum / drawnCount` is the mean a
   * perfect client would see, which benchmarks compare wall time with.
   */
  latency: { drawnMsSum: number; drawnCount: number };
  /**
   * The latest API and media requests (up to the `requestLogSize` option) in the order they were
   * answered, each with the wall-clock time (epoch ms) it arrived and, for a 429, the reset time it
   * announced: what a test needs to show that nothing came before a 429's reset time.
   */
  recent: { at: number; endpoint: SimEndpoint; outcome: string; resetAtMs?: number }[];
  /** What was billed, refused and reserved, and what clients learnt of it (billing.ts). */
  billing: BillingStats;
}

/** Mutable counters; `snapshot()` hands out a deep copy so callers can diff two readings. */
export class StatsRecorder {
  private requests: Partial<Record<SimEndpoint, Record<string, number>>> = {};
  private totalRequests = 0;
  private acceptedSubmits = 0;
  private completed = 0;
  private failed = 0;
  private duplicateSubmits = 0;
  private byFingerprint = new Map<string, number>();
  private drawnMsSum = 0;
  private drawnCount = 0;
  private recent: SimulatorStats['recent'] = [];

  /** @param logSize how many of the latest requests `recent` keeps. */
  constructor(private readonly logSize = 2_000) {}

  /** Counts one finished request. */
  recordRequest(endpoint: SimEndpoint, outcome: string, arrivedAt = Date.now(), resetAtMs?: number): void {
    const perEndpoint = this.requests[endpoint] ?? {};
    perEndpoint[outcome] = (perEndpoint[outcome] ?? 0) + 1;
    this.requests[endpoint] = perEndpoint;
    this.totalRequests += 1;
    if (this.logSize <= 0) return;
    this.recent.push(
      resetAtMs === undefined
        ? { at: arrivedAt, endpoint, outcome }
        : { at: arrivedAt, endpoint, outcome, resetAtMs },
    );
    if (this.recent.length > this.logSize * 2) this.recent = this.recent.slice(-this.logSize);
  }

  /** Counts an accepted (charged) submit; returns how many times this fingerprint was accepted before. */
  recordAccepted(fingerprint: string): number {
    const before = this.byFingerprint.get(fingerprint) ?? 0;
    this.byFingerprint.set(fingerprint, before + 1);
    this.acceptedSubmits += 1;
    if (before > 0) this.duplicateSubmits += 1;
    return before;
  }

  /** How many times a fingerprint was accepted (the attempt counter of the latency and fault draws). */
  acceptedCount(fingerprint: string): number {
    return this.byFingerprint.get(fingerprint) ?? 0;
  }

  /** Counts the latency (queue + processing, scaled ms) drawn for one accepted submit. */
  recordDrawnLatency(ms: number): void {
    this.drawnMsSum += ms;
    this.drawnCount += 1;
  }

  recordTerminal(outcome: 'completed' | 'failed'): void {
    if (outcome === 'completed') this.completed += 1;
    else this.failed += 1;
  }

  reset(): void {
    this.requests = {};
    this.totalRequests = 0;
    this.acceptedSubmits = 0;
    this.completed = 0;
    this.failed = 0;
    this.duplicateSubmits = 0;
    this.byFingerprint.clear();
    this.drawnMsSum = 0;
    this.drawnCount = 0;
    this.recent = [];
  }

  snapshot(inFlight: number, billing: BillingStats): SimulatorStats {
    const requests: SimulatorStats['requests'] = {};
    for (const [endpoint, outcomes] of Object.entries(this.requests)) {
      requests[endpoint as SimEndpoint] = { ...outcomes };
    }
    return {
      requests,
      totalRequests: this.totalRequests,
      acceptedSubmits: this.acceptedSubmits,
      completed: this.completed,
      failed: this.failed,
      duplicateSubmits: this.duplicateSubmits,
      submitsByFingerprint: Object.fromEntries(this.byFingerprint),
      inFlight,
      latency: { drawnMsSum: this.drawnMsSum, drawnCount: this.drawnCount },
      recent: this.recent.slice(-this.logSize),
      billing,
    };
  }
}
