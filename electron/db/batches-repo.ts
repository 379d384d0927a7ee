/**
 * The batches repository: one row per sweep, holding the spec exactly as given, where its outputs go,
 * and its lifecycle. States: draft (created, not started) -> running -> paused (by the user, or by the
 * engine with a `pauseReason`, e.g. spend cap reached) | halted (the engine stopped submitting: bad
 * key, forbidden, no credits, disk full; `haltReason` says why) -> running again; completed (every job
 * terminal, some may have failed); cancelled (user). A retry of failed jobs may move a completed or
 * cancelled batch back to running.
 */
import { randomBytes } from 'node:crypto';
import type { BatchState } from '@shared/scheduling';
import type { Database } from 'better-sqlite3';

export { BATCH_STATES, type BatchState } from '@shared/scheduling';

/** Allowed source states for each target state. */
export const BATCH_TRANSITIONS: Readonly<Record<BatchState, readonly BatchState[]>> = {
  draft: [],
  running: ['draft', 'paused', 'halted', 'completed', 'cancelled'],
  paused: ['running', 'halted'],
  halted: ['running', 'paused'], // resuming a paused batch while submitting is halted globally
  completed: ['running', 'paused', 'halted'], // the last in-flight jobs may finish while paused/halted
  cancelled: ['draft', 'running', 'paused', 'halted'],
};

export interface NewBatch {
  /** Defaults to `newBatchId()`. */
  id?: string;
  name: string;
  /** The sweep spec as the user gave it; stored as JSON. Its `prompts` array feeds the prompt search. */
  spec: unknown;
  outputDir: string;
  template: string;
  /** Default true. */
  dedupe?: boolean;
  /** Higher runs first; default 0. */
  priority?: number;
  /** Default 'draft'. */
  state?: BatchState;
  /** Default 0; set with setJobCount once the jobs are inserted. */
  jobCount?: number;
  /** Epoch ms; defaults to the journal clock. */
  createdAt?: number;
  /** The `{batch}` folder (see shared/sweep's uniqueBatchFolder); default null (the id is used). */
  folder?: string | null;
  /** What the batch runs on; default null (not known). */
  backend?: BatchBackend | null;
  /** Spend cap of this batch in USD; default none. */
  maxSpendUsd?: number | null;
  /** What the batch was estimated to cost when created (jobs to pay x price); default unknown. */
  estimatedUsd?: number | null;
  /** The batch this one was started from ("Sweep around this…", a re-run from a PNG). */
  parentBatchId?: string | null;
  /** The job of that batch it was started from. */
  parentJobId?: number | null;
}

/** What a batch's jobs ran on; 'mixed' once both backends sent some of them. */
export type BatchBackend = 'simulator' | 'segmind' | 'mixed';

export interface BatchRow {
  id: string;
  name: string;
  spec: unknown;
  outputDir: string;
  template: string;
  dedupe: boolean;
  priority: number;
  state: BatchState;
  haltReason: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  jobCount: number;
  /** The `{batch}` folder under outputDir; null for batches made before folders had names (the id is used). */
  folder: string | null;
  backend: BatchBackend | null;
  /** Why the engine paused it (e.g. "spend cap reached ($2.00 of $2.00)"); null for a user's pause. */
  pauseReason: string | null;
  /** Machine-readable kind of that pause ('spend_cap', …); null for a user's pause. */
  pauseCode: string | null;
  maxSpendUsd: number | null;
  estimatedUsd: number | null;
  /** Where it came from; null for a fresh sweep or once the parent was deleted. */
  parentBatchId: string | null;
  parentJobId: number | null;
}

interface BatchRecord {
  id: string;
  name: string;
  spec_json: string;
  output_dir: string;
  template: string;
  dedupe: number;
  priority: number;
  state: string;
  halt_reason: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  job_count: number;
  folder: string | null;
  backend: string | null;
  pause_reason: string | null;
  pause_code: string | null;
  max_spend_usd: number | null;
  estimated_usd: number | null;
  parent_batch_id: string | null;
  parent_job_id: number | null;
}

export interface BatchesRepo {
  /** Inserts a batch; returns its id. */
  create(batch: NewBatch): string;
  get(id: string): BatchRow | undefined;
  /** Newest first. `limit` default 100. */
  list(opts?: { states?: readonly BatchState[]; limit?: number; offset?: number }): BatchRow[];
  /** Running batches, highest priority first, then oldest first: the scheduler's round-robin order. */
  listRunning(): BatchRow[];
  /**
   * Guarded state change (see BATCH_TRANSITIONS); false when refused. Sets started_at on the first
   * start, finished_at on completed/cancelled (cleared when running again), and halt_reason only
   * while halted (`reason` is required sense-wise for 'halted').
   */
  setState(id: string, to: BatchState, opts?: { reason?: string; at?: number }): boolean;
  /**
   * The engine pauses a running batch with a reason people read and a code it can act on (a batch paused
   * at its spend cap resumes when the cap is raised). On a batch already paused it updates both. False
   * when the batch is neither running nor paused.
   */
  pauseWithReason(id: string, reason: string, opts?: { code?: string; at?: number }): boolean;
  /** Sets or clears (null) the batch's spend cap. */
  setMaxSpend(id: string, usd: number | null): void;
  /** Records what the batch is estimated to cost (jobs to pay x price), once its jobs are inserted. */
  setEstimatedSpend(id: string, usd: number | null): void;
  setPriority(id: string, priority: number): void;
  setJobCount(id: string, jobCount: number): void;
  /** True when a batch under `outputDir` already uses `folder` (compared case-insensitively). */
  folderInUse(outputDir: string, folder: string): boolean;
  /** Notes that the batch's jobs run on `backend` (it becomes 'mixed' when another one ran some before). */
  noteBackend(id: string, backend: 'simulator' | 'segmind'): void;
  /** Deletes the batch with its inputs, jobs and events (files on disk are the caller's business). */
  remove(id: string): boolean;
}

/**
 * A short id that sorts by creation time and reads well in a terminal: `YYYYMMDD-HHMMSS-xxxx` (UTC,
 * four random hex digits so two batches made in the same second do not collide).
 */
export function newBatchId(at: number = Date.now()): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function toBatchRow(r: BatchRecord): BatchRow {
  return {
    id: r.id,
    name: r.name,
    spec: JSON.parse(r.spec_json),
    outputDir: r.output_dir,
    template: r.template,
    dedupe: r.dedupe === 1,
    priority: r.priority,
    state: r.state as BatchState,
    haltReason: r.halt_reason,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    jobCount: r.job_count,
    folder: r.folder,
    backend: r.backend as BatchBackend | null,
    pauseReason: r.pause_reason,
    pauseCode: r.pause_code,
    maxSpendUsd: r.max_spend_usd,
    estimatedUsd: r.estimated_usd,
    parentBatchId: r.parent_batch_id,
    parentJobId: r.parent_job_id,
  };
}

export function createBatchesRepo(db: Database, now: () => number): BatchesRepo {
  const insert = db.prepare(
    `INSERT INTO batches (id, name, spec_json, output_dir, template, dedupe, priority, state, created_at, job_count,
       folder, backend, max_spend_usd, estimated_usd, parent_batch_id, parent_job_id)
     VALUES (@id, @name, @specJson, @outputDir, @template, @dedupe, @priority, @state, @createdAt, @jobCount,
       @folder, @backend, @maxSpendUsd, @estimatedUsd, @parentBatchId, @parentJobId)`,
  );
  const byId = db.prepare<[string], BatchRecord>('SELECT * FROM batches WHERE id = ?');
  const running = db.prepare<[], BatchRecord>(
    "SELECT * FROM batches WHERE state = 'running' ORDER BY priority DESC, created_at, id",
  );
  const all = db.prepare<[number, number], BatchRecord>(
    'SELECT * FROM batches ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
  );
  const byStates = db.prepare<[string, number, number], BatchRecord>(
    `SELECT * FROM batches WHERE state IN (SELECT value FROM json_each(?))
     ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const move = db.prepare<[{ id: string; from: string; to: string; reason: string | null; at: number }]>(
    `UPDATE batches SET state = @to,
       halt_reason = CASE WHEN @to = 'halted' THEN @reason ELSE NULL END,
       pause_reason = NULL, pause_code = NULL,
       started_at = CASE WHEN @to = 'running' THEN coalesce(started_at, @at) ELSE started_at END,
       finished_at = CASE WHEN @to IN ('completed', 'cancelled') THEN @at
                          WHEN @to = 'running' THEN NULL ELSE finished_at END
     WHERE id = @id AND state = @from`,
  );
  const pauseNote = db.prepare<[string, string | null, string]>(
    "UPDATE batches SET pause_reason = ?, pause_code = ? WHERE id = ? AND state = 'paused'",
  );
  const maxSpend = db.prepare<[number | null, string]>('UPDATE batches SET max_spend_usd = ? WHERE id = ?');
  const estimated = db.prepare<[number | null, string]>('UPDATE batches SET estimated_usd = ? WHERE id = ?');
  const priority = db.prepare<[number, string]>('UPDATE batches SET priority = ? WHERE id = ?');
  const jobCount = db.prepare<[number, string]>('UPDATE batches SET job_count = ? WHERE id = ?');
  const del = db.prepare<[string]>('DELETE FROM batches WHERE id = ?');
  const folderUse = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM batches WHERE output_dir = ? AND lower(folder) = lower(?) LIMIT 1',
  );
  const backendNote = db.prepare<[{ id: string; backend: string }]>(
    `UPDATE batches SET backend = CASE WHEN backend IS NULL OR backend = @backend THEN @backend ELSE 'mixed' END
     WHERE id = @id AND (backend IS NULL OR backend <> @backend) AND (backend IS NULL OR backend <> 'mixed')`,
  );

  return {
    create(b) {
      const createdAt = b.createdAt ?? now();
      const id = b.id ?? newBatchId(createdAt);
      insert.run({
        id,
        name: b.name,
        specJson: JSON.stringify(b.spec),
        outputDir: b.outputDir,
        template: b.template,
        dedupe: b.dedupe === false ? 0 : 1,
        priority: b.priority ?? 0,
        state: b.state ?? 'draft',
        createdAt,
        jobCount: b.jobCount ?? 0,
        folder: b.folder ?? null,
        backend: b.backend ?? null,
        maxSpendUsd: b.maxSpendUsd ?? null,
        estimatedUsd: b.estimatedUsd ?? null,
        parentBatchId: b.parentBatchId ?? null,
        parentJobId: b.parentJobId ?? null,
      });
      return id;
    },
    get(id) {
      const r = byId.get(id);
      return r && toBatchRow(r);
    },
    list(opts = {}) {
      const limit = opts.limit ?? 100;
      const offset = opts.offset ?? 0;
      const rows = opts.states
        ? byStates.all(JSON.stringify(opts.states), limit, offset)
        : all.all(limit, offset);
      return rows.map(toBatchRow);
    },
    listRunning: () => running.all().map(toBatchRow),
    setState(id, to, opts = {}) {
      return db.transaction(() => {
        const from = byId.get(id)?.state as BatchState | undefined;
        if (!from || !BATCH_TRANSITIONS[to].includes(from)) return false;
        return move.run({ id, from, to, reason: opts.reason ?? null, at: opts.at ?? now() }).changes === 1;
      })();
    },
    pauseWithReason(id, reason, opts = {}) {
      return db.transaction(() => {
        const from = byId.get(id)?.state;
        if (from === 'running') {
          move.run({ id, from, to: 'paused', reason: null, at: opts.at ?? now() });
        } else if (from !== 'paused') {
          return false;
        }
        return pauseNote.run(reason, opts.code ?? null, id).changes === 1;
      })();
    },
    setMaxSpend: (id, usd) => void maxSpend.run(usd, id),
    setEstimatedSpend: (id, usd) => void estimated.run(usd, id),
    setPriority: (id, p) => void priority.run(p, id),
    setJobCount: (id, n) => void jobCount.run(n, id),
    remove: (id) => del.run(id).changes === 1,
    folderInUse: (outputDir, folder) => folderUse.get(outputDir, folder) !== undefined,
    noteBackend: (id, backend) => void backendNote.run({ id, backend }),
  };
}
