/**
 * The per-job event log: every state transition (written by the jobs repo in the same transaction as
 * the change) plus attempts, HTTP outcomes and notes the engine wants to keep for diagnosis. An
 * ambiguous submit (a 2xx answer that could not be read: Segmind may have charged it) is a note with
 * `ambiguousSubmit: true`, so it stays on the job's record after a retry and can be counted per batch.
 */
import type { Database } from 'better-sqlite3';
import type { JobState } from './job-types';

export type JobEventKind = 'state' | 'attempt' | 'http' | 'note';

export interface NewJobEvent {
  jobId: number;
  kind: JobEventKind;
  fromState?: JobState | null;
  toState?: JobState | null;
  /** Any JSON-serialisable value; stored as JSON text. */
  detail?: unknown;
  /** Epoch ms; defaults to the journal clock. */
  at?: number;
}

export interface JobEventRow {
  id: number;
  jobId: number;
  at: number;
  kind: JobEventKind;
  fromState: JobState | null;
  toState: JobState | null;
  detail: unknown;
}

interface JobEventRecord {
  id: number;
  job_id: number;
  at: number;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  detail_json: string | null;
}

export interface JobEventsRepo {
  /** Appends one event; returns its id. */
  append(event: NewJobEvent): number;
  /** Events of a job, oldest first. `limit` defaults to 1000. */
  listForJob(jobId: number, limit?: number): JobEventRow[];
  /** Notes an ambiguous submit on the job (call in the transaction that fails it). */
  recordAmbiguousSubmit(jobId: number, detail: { status: number | null }, at?: number): number;
  /** Ambiguous submits recorded for the jobs of a batch (every attempt counted, retried jobs included). */
  countAmbiguousSubmits(batchId: string): number;
}

export function createJobEventsRepo(db: Database, now: () => number): JobEventsRepo {
  const insert = db.prepare<[number, number, string, string | null, string | null, string | null]>(
    'INSERT INTO job_events (job_id, at, kind, from_state, to_state, detail_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byJob = db.prepare<[number, number], JobEventRecord>(
    'SELECT * FROM job_events WHERE job_id = ? ORDER BY id LIMIT ?',
  );
  const ambiguousInBatch = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM job_events e JOIN jobs j ON j.id = e.job_id
     WHERE j.batch_id = ? AND e.kind = 'note' AND json_extract(e.detail_json, '$.ambiguousSubmit') = 1`,
  );
  const append = (e: NewJobEvent): number => {
    const detail = e.detail === undefined ? null : JSON.stringify(e.detail);
    const info = insert.run(e.jobId, e.at ?? now(), e.kind, e.fromState ?? null, e.toState ?? null, detail);
    return Number(info.lastInsertRowid);
  };
  return {
    append,
    recordAmbiguousSubmit: (jobId, detail, at) =>
      append({ jobId, kind: 'note', detail: { ambiguousSubmit: true, status: detail.status }, at }),
    countAmbiguousSubmits: (batchId) => ambiguousInBatch.get(batchId)?.n ?? 0,
    listForJob(jobId, limit = 1000) {
      return byJob.all(jobId, limit).map((r) => ({
        id: r.id,
        jobId: r.job_id,
        at: r.at,
        kind: r.kind as JobEventKind,
        fromState: r.from_state as JobState | null,
        toState: r.to_state as JobState | null,
        detail: r.detail_json === null ? null : JSON.parse(r.detail_json),
      }));
    },
  };
}
