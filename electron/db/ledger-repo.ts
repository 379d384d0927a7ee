/**
 * The ledger repository (table `ledger_entries`, migration 0002): one entry per request Segmind accepted,
 * settled as billed or not billed when the outcome is seen, plus the counts the ledger, the spend gate
 * and the duration estimate read. The only module with SQL on `ledger_entries`. Amounts not stated by
 * Segmind are recorded at the price the caller passes. Ambiguous submits (a 2xx answer that could not
 * be read: no request id, maybe charged) are notes on their job in `job_events`
 * (`{ ambiguousSubmit: true }`, written by the job runner); they are counted here, not stored twice.
 */
import type { SpendBackend } from '@shared/economics';
import { PRUNED_CODE } from '@shared/sweep';
import type { Database } from 'better-sqlite3';

export type LedgerBackend = SpendBackend;

/** Who an entry belongs to, for entries written before (or without) an `open`. */
export interface LedgerOwner {
  jobId: number;
  batchId: string;
  backend: LedgerBackend;
}

export interface BilledOutcome {
  /** The cost as Segmind's answer stated it, else the price setting. */
  costUsd: number;
  source: 'answer' | 'price';
  remainingCredits?: number | null;
  at?: number;
}

/** One billed request's time in its slot (epoch ms) and the fetch-and-write after it. */
export interface SlotTime {
  openedAt: number;
  settledAt: number;
  finishMs: number | null;
}

/** Ledger figures of one batch (amounts in USD). */
export interface BatchLedgerCounts {
  billed: number;
  billedUsd: number;
  billedFromAnswer: number;
  notBilled: number;
  ambiguous: number;
  /** Accepted requests still open whose job no longer waits for them: the outcome was never seen. */
  unconfirmed: number;
  /** Jobs submitting or accepted whose outcome is not settled yet. */
  inFlight: number;
  /** Segmind's remaining_credits from the batch's latest answer that carried it. */
  remainingCredits: number | null;
}

/** Ledger figures of a period on one backend (for the daily/monthly caps and Settings' month). */
export interface PeriodLedgerCounts {
  billed: number;
  billedUsd: number;
  billedFromAnswer: number;
  notBilled: number;
  ambiguous: number;
  unconfirmed: number;
  remainingCredits: number | null;
}

export interface LedgerRepo {
  /**
   * A request Segmind accepted; call in the same transaction as the job's `recordRequestId`. `sentAt`
   * is when its slot was taken (the submit intent), so settled - opened is the whole time it held it.
   */
  open(requestId: string, owner: LedgerOwner, sentAt?: number): void;
  /** COMPLETED seen: billed. Idempotent; a later call only replaces a price-based cost with a stated one. */
  settleBilled(requestId: string, owner: LedgerOwner, outcome: BilledOutcome): void;
  /** FAILED seen: not billed. Idempotent; never overrides a billed entry. */
  settleNotBilled(requestId: string, owner: LedgerOwner, at?: number): void;
  /** Ambiguous submits of a batch: its jobs' `ambiguousSubmit` notes (every attempt, retried jobs too). */
  countAmbiguousSubmits(batchId: string): number;
  /**
   * Pruned jobs of a batch: cancelled jobs carrying the prune marker (error code PRUNED_CODE, see
   * jobs-transitions.ts `prunePending`; undo clears it).
   */
  countPruned(batchId: string): number;
  batchCounts(batchId: string): BatchLedgerCounts;
  /**
   * Figures of entries on `backend` settled (billed, not billed) or opened (unconfirmed) since `since`;
   * ambiguous submits since then on any backend (their notes do not say which; they are rare).
   */
  periodCounts(backend: LedgerBackend, since: number): PeriodLedgerCounts;
  /** Jobs of every batch submitting or accepted whose outcome is not settled yet. */
  inFlightJobs(): number;
  /**
   * The latency history the duration estimate reads, newest first: when the latest billed requests on
   * `backend` took their slot (submit sent) and freed it (COMPLETED seen), and how long their result
   * then took to be fetched and written (null when the job did not complete: deleted, result expired).
   */
  recentSlotTimes(backend: LedgerBackend, limit: number): SlotTime[];
}

const IN_FLIGHT_STATES = "('submitting', 'queued', 'processing')";

/** Open entries whose job no longer waits for that request (finished, retried, deleted). */
const UNCONFIRMED = `e.outcome = 'open' AND NOT EXISTS (
  SELECT 1 FROM jobs j WHERE j.id = e.job_id AND j.request_id = e.request_id AND j.state IN ${IN_FLIGHT_STATES})`;

/** Jobs in flight whose current request has no settled entry yet. */
const IN_FLIGHT_JOBS = `j.state IN ${IN_FLIGHT_STATES} AND NOT EXISTS (
  SELECT 1 FROM ledger_entries s WHERE s.request_id = j.request_id AND s.outcome IN ('billed', 'not_billed'))`;

interface CountsRecord {
  billed: number;
  billed_usd: number;
  billed_from_answer: number;
  not_billed: number;
  unconfirmed: number;
}

const COUNT_COLUMNS = `
  coalesce(sum(e.outcome = 'billed'), 0) AS billed,
  total(CASE WHEN e.outcome = 'billed' THEN e.cost_usd END) AS billed_usd,
  coalesce(sum(e.outcome = 'billed' AND e.cost_source = 'answer'), 0) AS billed_from_answer,
  coalesce(sum(e.outcome = 'not_billed'), 0) AS not_billed,
  coalesce(sum(${UNCONFIRMED}), 0) AS unconfirmed`;

/**
 * The job runner's note for a submit whose 2xx answer could not be read; written exactly like the
 * partial index job_events_ambiguous_submit (migration 0002), so the counts read only that index.
 */
const AMBIGUOUS_NOTE = "kind = 'note' AND json_extract(detail_json, '$.ambiguousSubmit') = 1";

/** Dollar sums in SQLite are floats: round to the micro-dollar the rest of the studio counts in. */
const usd = (value: number) => Math.round(value * 1_000_000) / 1_000_000;

export function createLedgerRepo(db: Database, now: () => number): LedgerRepo {
  const insertOpen = db.prepare<[string, number, string, string, number]>(
    `INSERT INTO ledger_entries (request_id, job_id, batch_id, backend, outcome, opened_at)
     VALUES (?, ?, ?, ?, 'open', ?) ON CONFLICT (request_id) DO NOTHING`,
  );
  const billed = db.prepare(
    `INSERT INTO ledger_entries (request_id, job_id, batch_id, backend, outcome, opened_at, settled_at,
       cost_usd, cost_source, remaining_credits)
     VALUES (@requestId, @jobId, @batchId, @backend, 'billed', @at, @at, @cost, @source, @credits)
     ON CONFLICT (request_id) DO UPDATE SET
       outcome = 'billed',
       settled_at = coalesce(settled_at, excluded.settled_at),
       cost_usd = CASE WHEN outcome = 'billed' AND cost_source = 'answer' THEN cost_usd ELSE excluded.cost_usd END,
       cost_source = CASE WHEN outcome = 'billed' AND cost_source = 'answer' THEN cost_source
                          ELSE excluded.cost_source END,
       remaining_credits = coalesce(excluded.remaining_credits, remaining_credits)
     WHERE outcome IN ('open', 'not_billed') OR (cost_source = 'price' AND excluded.cost_source = 'answer')
        OR excluded.remaining_credits IS NOT NULL`,
  );
  const notBilled = db.prepare(
    `INSERT INTO ledger_entries (request_id, job_id, batch_id, backend, outcome, opened_at, settled_at, cost_usd)
     VALUES (@requestId, @jobId, @batchId, @backend, 'not_billed', @at, @at, 0)
     ON CONFLICT (request_id) DO UPDATE SET outcome = 'not_billed', settled_at = excluded.settled_at, cost_usd = 0
     WHERE outcome = 'open'`,
  );
  const ambiguousOfBatch = db.prepare<[string], { n: number }>(
    // CROSS JOIN keeps the notes (few, in the partial index) as the outer loop.
    `SELECT count(*) AS n FROM job_events CROSS JOIN jobs j ON j.id = job_events.job_id
     WHERE ${AMBIGUOUS_NOTE} AND j.batch_id = ?`,
  );
  const prunedOfBatch = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM jobs WHERE batch_id = ? AND state = 'cancelled' AND error_code = '${PRUNED_CODE}'`,
  );
  const ambiguousSince = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM job_events WHERE at >= ? AND ${AMBIGUOUS_NOTE}`,
  );
  const ofBatch = db.prepare<[string], CountsRecord>(
    `SELECT ${COUNT_COLUMNS} FROM ledger_entries e WHERE e.batch_id = ?`,
  );
  const inFlightOfBatch = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM jobs j WHERE j.batch_id = ? AND ${IN_FLIGHT_JOBS}`,
  );
  const inFlightAll = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM jobs j WHERE ${IN_FLIGHT_JOBS}`,
  );
  const creditsOfBatch = db.prepare<[string], { credits: number }>(
    `SELECT remaining_credits AS credits FROM ledger_entries
     WHERE batch_id = ? AND remaining_credits IS NOT NULL ORDER BY settled_at DESC, id DESC LIMIT 1`,
  );
  const ofPeriodBilled = db.prepare<[string, number], CountsRecord>(
    `SELECT ${COUNT_COLUMNS} FROM ledger_entries e
     WHERE e.backend = ? AND e.outcome = 'billed' AND e.settled_at >= ?`,
  );
  const ofPeriodOther = db.prepare<[string, number], CountsRecord>(
    `SELECT ${COUNT_COLUMNS} FROM ledger_entries e
     WHERE e.backend = ? AND e.outcome IN ('not_billed', 'open') AND e.opened_at >= ?`,
  );
  const creditsOfBackend = db.prepare<[string], { credits: number }>(
    `SELECT remaining_credits AS credits FROM ledger_entries
     WHERE backend = ? AND remaining_credits IS NOT NULL ORDER BY settled_at DESC, id DESC LIMIT 1`,
  );
  const slotTimes = db.prepare<
    [string, number],
    { opened_at: number; settled_at: number; finish_ms: number | null }
  >(
    `SELECT e.opened_at, e.settled_at,
       (SELECT j.finished_at - e.settled_at FROM jobs j
        WHERE j.id = e.job_id AND j.request_id = e.request_id AND j.state = 'completed') AS finish_ms
     FROM ledger_entries e
     WHERE e.backend = ? AND e.outcome = 'billed' ORDER BY e.settled_at DESC, e.id DESC LIMIT ?`,
  );

  const settleParams = (requestId: string, owner: LedgerOwner, at: number) => ({
    requestId,
    jobId: owner.jobId,
    batchId: owner.batchId,
    backend: owner.backend,
    at,
  });

  return {
    open: (requestId, owner, at = now()) =>
      void insertOpen.run(requestId, owner.jobId, owner.batchId, owner.backend, at),
    settleBilled(requestId, owner, outcome) {
      billed.run({
        ...settleParams(requestId, owner, outcome.at ?? now()),
        cost: outcome.costUsd,
        source: outcome.source,
        credits: outcome.remainingCredits ?? null,
      });
    },
    settleNotBilled: (requestId, owner, at = now()) => void notBilled.run(settleParams(requestId, owner, at)),
    countAmbiguousSubmits: (batchId) => ambiguousOfBatch.get(batchId)?.n ?? 0,
    countPruned: (batchId) => prunedOfBatch.get(batchId)?.n ?? 0,
    batchCounts(batchId) {
      const r = ofBatch.get(batchId)!;
      return {
        billed: r.billed,
        billedUsd: usd(r.billed_usd),
        billedFromAnswer: r.billed_from_answer,
        notBilled: r.not_billed,
        ambiguous: ambiguousOfBatch.get(batchId)?.n ?? 0,
        unconfirmed: r.unconfirmed,
        inFlight: inFlightOfBatch.get(batchId)?.n ?? 0,
        remainingCredits: creditsOfBatch.get(batchId)?.credits ?? null,
      };
    },
    periodCounts(backend, since) {
      const b = ofPeriodBilled.get(backend, since)!;
      const o = ofPeriodOther.get(backend, since)!;
      return {
        billed: b.billed,
        billedUsd: usd(b.billed_usd),
        billedFromAnswer: b.billed_from_answer,
        notBilled: o.not_billed,
        ambiguous: ambiguousSince.get(since)?.n ?? 0,
        unconfirmed: o.unconfirmed,
        remainingCredits: creditsOfBackend.get(backend)?.credits ?? null,
      };
    },
    inFlightJobs: () => inFlightAll.get()?.n ?? 0,
    recentSlotTimes: (backend, limit) =>
      slotTimes
        .all(backend, limit)
        .filter((r) => r.settled_at >= r.opened_at)
        .map((r) => ({
          openedAt: r.opened_at,
          settledAt: r.settled_at,
          finishMs: r.finish_ms !== null && r.finish_ms >= 0 ? r.finish_ms : null,
        })),
  };
}
