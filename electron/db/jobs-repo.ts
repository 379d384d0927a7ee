/**
 * The jobs repository: bulk insert of an expanded sweep, the scheduler's queries (pending work,
 * dedupe lookup, restart recovery, counts) and the UI's filtered pages, plus the guarded state
 * transitions from jobs-transitions.ts and the ratings from jobs-ratings.ts, the only other modules with
 * SQL on `jobs`.
 */
import { INPUT_ERROR_CODE } from '@shared/scheduling';
import type { Database, Statement } from 'better-sqlite3';
import type { JobEventsRepo } from './job-events-repo';
import { type Bind, type JobFilter, jobFilterSql } from './job-filter';
import {
  JOB_STATES,
  type JobPage,
  type JobPageQuery,
  type JobRecord,
  type JobRow,
  type JobStateCounts,
  type NewJob,
  toJobRow,
} from './job-types';
import { createJobCoverage, type JobCoverage } from './jobs-coverage';
import { createJobRatings, type JobRatings } from './jobs-ratings';
import { createJobTransitions, type JobTransitions } from './jobs-transitions';

export interface JobsRepo extends JobTransitions, JobCoverage, JobRatings {
  /**
   * Inserts jobs as the iterable yields them (never materialised), mapping each `inputIndex` to the
   * batch's input row. Joins the caller's transaction when there is one, else opens its own.
   * Returns the number inserted.
   */
  insertMany(batchId: string, jobs: Iterable<NewJob>, at?: number): number;
  get(id: number): JobRow | undefined;
  /** Pending jobs of a batch in ordinal order, after `afterOrdinal` (default: from the start). */
  listPending(batchId: string, limit: number, afterOrdinal?: number): JobRow[];
  /**
   * The most recently finished completed job with this key (any batch), for dedupe; a job whose output
   * a clean-up deleted is never one.
   */
  findCompletedByKey(key: string): JobRow | undefined;
  /** The first job of a batch with this key (a re-run from a PNG names its parent job so). */
  findInBatchByKey(batchId: string, key: string): JobRow | undefined;
  /**
   * Jobs in submitting / queued / processing, oldest batch and ordinal first. At startup: those with a
   * request id are polled again; those without go back to pending (`requeueInterrupted`).
   */
  listRecoverable(): JobRow[];
  /** Count per state for a batch; every state present, zero when none. */
  countsByState(batchId: string): JobStateCounts;
  /** Pending jobs whose key an earlier completion has (its file not cleaned up): dedupe reuses them ($0). */
  countReusablePending(batchId: string): number;
  /** Whether any completed job was made from an input with this content hash (so its keys may repeat). */
  hasCompletedForContent(contentHash: string): boolean;
  /** A filtered page of a batch's jobs in ordinal order. */
  page(batchId: string, query?: JobPageQuery): JobPage;
  /**
   * An input was prepared again (a retry re-checked it) and its content or size is not what its jobs
   * were made with: the failed jobs of the input (the ones that will run again) take the key and
   * resolution `remake` gives. Returns how many changed.
   */
  remakeFailedOfInput(inputId: number, remake: (job: JobRow) => Pick<JobRow, 'key' | 'resolution'>): number;
  /** An input's failed `input_error` jobs take the input's current reason (it changed since). */
  restateInputFailure(inputId: number, message: string): number;
  /** How many of a batch's jobs `filter` passes: in all, per input, and per state (ignoring its states). */
  filteredCounts(batchId: string, filter?: JobFilter): FilteredCounts;
}

export interface FilteredCounts {
  total: number;
  /** Under every filter except `state`. */
  byState: JobStateCounts;
  /** Under the whole filter, in input order; inputs with none left out. */
  byInput: { inputId: number; count: number }[];
}

const PAGE_LIMIT_DEFAULT = 100;
const PAGE_LIMIT_MAX = 1000;

export function createJobsRepo(db: Database, events: JobEventsRepo, now: () => number): JobsRepo {
  const insert = db.prepare(
    `INSERT INTO jobs (batch_id, input_id, ordinal, key, prompt, prompt_index, negative_prompt, seed, style,
       resolution, image_weight, magic_prompt, palette_json, updated_at, negative_index, resolution_matched)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inputIds = db.prepare<[string], { idx: number; id: number }>(
    'SELECT idx, id FROM inputs WHERE batch_id = ?',
  );
  const byId = db.prepare<[number], JobRecord>('SELECT * FROM jobs WHERE id = ?');
  const pending = db.prepare<[string, number, number], JobRecord>(
    "SELECT * FROM jobs WHERE batch_id = ? AND state = 'pending' AND ordinal > ? ORDER BY ordinal LIMIT ?",
  );
  const completedByKey = db.prepare<[string], JobRecord>(
    "SELECT * FROM jobs WHERE key = ? AND state = 'completed' AND output_deleted_at IS NULL ORDER BY finished_at DESC, id DESC LIMIT 1",
  );
  const inBatchByKey = db.prepare<[string, string], JobRecord>(
    'SELECT * FROM jobs WHERE batch_id = ? AND key = ? ORDER BY ordinal LIMIT 1',
  );
  const recoverable = db.prepare<[], JobRecord>(
    `SELECT jobs.* FROM jobs JOIN batches ON batches.id = jobs.batch_id
     WHERE jobs.state IN ('submitting', 'queued', 'processing')
     ORDER BY batches.created_at, jobs.batch_id, jobs.ordinal`,
  );
  const reusablePending = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM jobs j WHERE j.batch_id = ? AND j.state = 'pending'
       AND EXISTS (SELECT 1 FROM jobs c WHERE c.key = j.key AND c.state = 'completed'
                   AND c.output_deleted_at IS NULL)`,
  );
  const completedForContent = db.prepare<[string], { found: number }>(
    `SELECT 1 AS found FROM inputs i JOIN jobs j ON j.input_id = i.id
     WHERE i.content_hash = ? AND j.state = 'completed' LIMIT 1`,
  );
  const counts = db.prepare<[string], { state: string; n: number }>(
    'SELECT state, count(*) AS n FROM jobs WHERE batch_id = ? GROUP BY state',
  );
  const pageStatements = new Map<
    string,
    { count: Statement<Bind, { n: number }>; rows: Statement<Bind, JobRecord> }
  >();
  const stateCounts = new Map<string, Statement<Bind, { state: string; n: number }>>();
  const inputCounts = new Map<string, Statement<Bind, { inputId: number; n: number }>>();

  const insertMany = (batchId: string, jobs: Iterable<NewJob>, at = now()): number => {
    const ids = new Map(inputIds.all(batchId).map((r) => [r.idx, r.id]));
    let n = 0;
    for (const j of jobs) {
      const inputId = ids.get(j.inputIndex);
      if (inputId === undefined) {
        throw new Error(
          `job ${j.ordinal} refers to input ${j.inputIndex}, which batch ${batchId} does not have`,
        );
      }
      insert.run(
        batchId,
        inputId,
        j.ordinal,
        j.key,
        j.prompt,
        j.promptIndex,
        j.negativePrompt,
        j.seed,
        j.style,
        j.resolution,
        j.imageWeight,
        j.magicPrompt,
        j.palette === null ? null : JSON.stringify(j.palette),
        at,
        j.negativeIndex,
        j.resolutionMatched ? 1 : 0,
      );
      n++;
    }
    return n;
  };

  /** Statements cached by the shape of their WHERE clause (values are bound, never interpolated). */
  const cached = <T>(cache: Map<string, T>, where: string, make: () => T): T => {
    let stmt = cache.get(where);
    if (!stmt) {
      stmt = make();
      cache.set(where, stmt);
    }
    return stmt;
  };

  const page = (batchId: string, q: JobPageQuery = {}): JobPage => {
    const { where, bind } = jobFilterSql(batchId, q);
    const stmts = cached(pageStatements, where, () => ({
      count: db.prepare<Bind, { n: number }>(`SELECT count(*) AS n FROM jobs WHERE ${where}`),
      rows: db.prepare<Bind, JobRecord>(
        `SELECT * FROM jobs WHERE ${where} ORDER BY ordinal LIMIT ? OFFSET ?`,
      ),
    }));
    const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? PAGE_LIMIT_DEFAULT)), PAGE_LIMIT_MAX);
    const offset = Math.max(0, Math.trunc(q.offset ?? 0));
    const total = stmts.count.get(...bind)?.n ?? 0;
    return { total, rows: stmts.rows.all(...bind, limit, offset).map(toJobRow) };
  };

  const failedOfInput = db.prepare<[number], JobRecord>(
    "SELECT * FROM jobs WHERE input_id = ? AND state = 'failed' ORDER BY ordinal",
  );
  const setKey = db.prepare<[string, string, number]>('UPDATE jobs SET key = ?, resolution = ? WHERE id = ?');
  const restate = db.prepare<[string, number, number]>(
    `UPDATE jobs SET error_message = ?, updated_at = ? WHERE input_id = ? AND state = 'failed' AND error_code = '${INPUT_ERROR_CODE}'`,
  );
  const remake = db.transaction(
    (inputId: number, next: (job: JobRow) => Pick<JobRow, 'key' | 'resolution'>): number => {
      let changed = 0;
      for (const r of failedOfInput.all(inputId)) {
        const { key, resolution } = next(toJobRow(r));
        if (key !== r.key || resolution !== r.resolution)
          changed += setKey.run(key, resolution, r.id).changes;
      }
      return changed;
    },
  );
  const filteredCounts = (batchId: string, filter: JobFilter = {}): FilteredCounts => {
    const byState = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as JobStateCounts;
    const { state: _states, ...others } = filter;
    const other = jobFilterSql(batchId, others);
    const perState = cached(stateCounts, other.where, () =>
      db.prepare<Bind, { state: string; n: number }>(
        `SELECT state, count(*) AS n FROM jobs WHERE ${other.where} GROUP BY state`,
      ),
    );
    for (const r of perState.all(...other.bind)) byState[r.state as keyof JobStateCounts] = r.n;
    const full = jobFilterSql(batchId, filter);
    // Groups in the order the filtered list has them (by ordinal), which is input order: input is the
    // sweep's outermost axis.
    const perInput = cached(inputCounts, full.where, () =>
      db.prepare<Bind, { inputId: number; n: number }>(
        `SELECT input_id AS inputId, count(*) AS n FROM jobs WHERE ${full.where}
         GROUP BY input_id ORDER BY min(ordinal)`,
      ),
    );
    const byInput = perInput.all(...full.bind).map((r) => ({ inputId: r.inputId, count: r.n }));
    return { total: byInput.reduce((sum, r) => sum + r.count, 0), byState, byInput };
  };

  return {
    ...createJobTransitions(db, events, now),
    ...createJobCoverage(db, events, now),
    ...createJobRatings(db, now),
    insertMany: (batchId, jobs, at) =>
      db.inTransaction ? insertMany(batchId, jobs, at) : db.transaction(insertMany)(batchId, jobs, at),
    get: (id) => {
      const r = byId.get(id);
      return r && toJobRow(r);
    },
    listPending: (batchId, limit, afterOrdinal = -1) =>
      pending.all(batchId, afterOrdinal, limit).map(toJobRow),
    findCompletedByKey: (key) => {
      const r = completedByKey.get(key);
      return r && toJobRow(r);
    },
    findInBatchByKey: (batchId, key) => {
      const r = inBatchByKey.get(batchId, key);
      return r && toJobRow(r);
    },
    listRecoverable: () => recoverable.all().map(toJobRow),
    countsByState: (batchId) => {
      const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as JobStateCounts;
      for (const r of counts.all(batchId)) out[r.state as keyof JobStateCounts] = r.n;
      return out;
    },
    countReusablePending: (batchId) => reusablePending.get(batchId)?.n ?? 0,
    hasCompletedForContent: (contentHash) => completedForContent.get(contentHash) !== undefined,
    page,
    remakeFailedOfInput: (inputId, next) => remake(inputId, next),
    restateInputFailure: (inputId, message) => restate.run(message, now(), inputId).changes,
    filteredCounts,
  };
}
