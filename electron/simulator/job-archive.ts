/**
 * The simulator's job store on disk, so jobs outlive the process like Segmind's do: a studio killed in
 * simulator mode finds its submitted jobs where it left them after a restart (as QUEUED, PROCESSING or,
 * after a long absence, COMPLETED), and their results stay readable for the retention period.
 *
 * One SQLite file (`<stateDir>/jobs.sqlite`), separate from the studio's journal: the simulator plays a
 * remote service, so nothing of the studio's reaches it and nothing of its own reaches the journal.
 * A job row is written in its own transaction before the submit is answered, with its wall-clock submit
 * time and drawn latency, so a restarted simulator derives each job's phase from the clock alone.
 * Source images are stored once per content hash (a sweep sends one image many times). API keys are
 * stored only as sha256 hashes. Also kept: every origin the simulator served at, because its port
 * changes per start and the studio's stored status/result URLs name the old one (see
 * `SimulatorHandle.servedOrigins`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IdeogramParams } from '@shared/catalogue';
import Database from 'better-sqlite3';

/** What a restarted simulator needs to bring one job back. */
export interface ArchivedJob {
  id: string;
  /** sha256 hex of the submitting key (the key itself is never written). */
  keyHash: string;
  fingerprint: string;
  params: IdeogramParams;
  source: Buffer;
  /** Wall-clock submit time, epoch ms. */
  createdAt: number;
  queueMs: number;
  processMs: number;
  failReason: string | null;
  expireEarly: boolean;
  retentionMs: number;
}

export interface JobArchive {
  readonly file: string;
  /** Records a new job (and its source the first time that source is seen); durable on return. */
  save(job: Omit<ArchivedJob, 'keyHash'> & { apiKey: string }): void;
  /** Drops a job whose result expired. */
  forget(id: string): void;
  /** Every job whose retention has not ended by `nowMs`; expired rows are deleted on the way. */
  loadLive(nowMs: number): ArchivedJob[];
  /** One job by id (another process may have created it), or undefined. */
  find(id: string): ArchivedJob | undefined;
  /** Remembers an origin this simulator listens at; returns every origin it ever served at, newest first. */
  recordOrigin(origin: string, nowMs: number): string[];
  close(): void;
}

/** Bumped when the tables change; an older file is rebuilt empty rather than misread. */
const SCHEMA_VERSION = 1;
/** Origins kept: one per start; beyond this the oldest are dropped (a job that old has expired). */
const MAX_ORIGINS = 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  hash  TEXT PRIMARY KEY,
  bytes BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS jobs (
  id           TEXT PRIMARY KEY,
  key_hash     TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  params       TEXT NOT NULL,
  source_hash  TEXT NOT NULL REFERENCES sources (hash),
  created_at   INTEGER NOT NULL,
  queue_ms     REAL NOT NULL,
  process_ms   REAL NOT NULL,
  fail_reason  TEXT,
  expire_early INTEGER NOT NULL,
  retention_ms REAL NOT NULL,
  expires_at   REAL NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS jobs_expires ON jobs (expires_at);
CREATE TABLE IF NOT EXISTS origins (
  origin    TEXT PRIMARY KEY,
  last_seen INTEGER NOT NULL
) STRICT;
`;

interface JobRecord {
  id: string;
  key_hash: string;
  fingerprint: string;
  params: string;
  bytes: Buffer;
  source_hash: string;
  created_at: number;
  queue_ms: number;
  process_ms: number;
  fail_reason: string | null;
  expire_early: number;
  retention_ms: number;
}

/** sha256 hex of an API key, as stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Content hashes of source buffers; jobs of one input share one Buffer, so each is hashed once. */
const sourceHashes = new WeakMap<Buffer, string>();
function sourceHash(bytes: Buffer): string {
  let hash = sourceHashes.get(bytes);
  if (!hash) {
    hash = createHash('sha256').update(bytes).digest('hex');
    sourceHashes.set(bytes, hash);
  }
  return hash;
}

/**
 * Opens (creating if needed) the archive in `dir`.
 * @param nativeBinding better-sqlite3 build for the running ABI (Electron); default the Node one.
 */
export function openJobArchive(dir: string, nativeBinding?: string): JobArchive {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'jobs.sqlite');
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a kill of the process (what this is for), not a power cut.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    // A simulator's jobs are worth less than a readable file: another layout is dropped, not migrated.
    db.exec('DROP TABLE IF EXISTS jobs; DROP TABLE IF EXISTS sources; DROP TABLE IF EXISTS origins;');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }
  db.exec(SCHEMA);

  const insertSource = db.prepare('INSERT OR IGNORE INTO sources (hash, bytes) VALUES (?, ?)');
  const insertJob = db.prepare(
    `INSERT INTO jobs (id, key_hash, fingerprint, params, source_hash, created_at, queue_ms, process_ms,
       fail_reason, expire_early, retention_ms, expires_at)
     VALUES (@id, @keyHash, @fingerprint, @params, @sourceHash, @createdAt, @queueMs, @processMs,
       @failReason, @expireEarly, @retentionMs, @expiresAt)`,
  );
  const deleteJob = db.prepare('DELETE FROM jobs WHERE id = ?');
  const deleteExpired = db.prepare('DELETE FROM jobs WHERE expires_at <= ?');
  const deleteOrphanSources = db.prepare(
    'DELETE FROM sources WHERE hash NOT IN (SELECT source_hash FROM jobs)',
  );
  const selectJobs = `SELECT j.*, s.bytes FROM jobs j JOIN sources s ON s.hash = j.source_hash`;
  const selectLive = db.prepare<[number], JobRecord>(
    `${selectJobs} WHERE j.expires_at > ? ORDER BY j.created_at`,
  );
  const selectOne = db.prepare<[string], JobRecord>(`${selectJobs} WHERE j.id = ?`);
  const upsertOrigin = db.prepare(
    'INSERT INTO origins (origin, last_seen) VALUES (?, ?) ON CONFLICT (origin) DO UPDATE SET last_seen = excluded.last_seen',
  );
  const trimOrigins = db.prepare(
    'DELETE FROM origins WHERE origin NOT IN (SELECT origin FROM origins ORDER BY last_seen DESC LIMIT ?)',
  );
  const selectOrigins = db.prepare<[], { origin: string }>(
    'SELECT origin FROM origins ORDER BY last_seen DESC',
  );
  /** Sources written by this connection (skips re-sending megabytes to SQLite for every job of an input). */
  const stored = new Set<string>();
  let forgotten = 0;

  const insert = db.transaction((job: Omit<ArchivedJob, 'keyHash'> & { apiKey: string }) => {
    const hash = sourceHash(job.source);
    if (!stored.has(hash)) {
      insertSource.run(hash, job.source);
      stored.add(hash);
    }
    insertJob.run({
      id: job.id,
      keyHash: hashApiKey(job.apiKey),
      fingerprint: job.fingerprint,
      params: JSON.stringify(job.params),
      sourceHash: hash,
      createdAt: Math.round(job.createdAt),
      queueMs: job.queueMs,
      processMs: job.processMs,
      failReason: job.failReason,
      expireEarly: job.expireEarly ? 1 : 0,
      retentionMs: job.retentionMs,
      expiresAt: job.createdAt + job.queueMs + job.processMs + job.retentionMs,
    });
  });

  const save = (job: Omit<ArchivedJob, 'keyHash'> & { apiKey: string }): void => {
    try {
      insert(job);
    } catch (error) {
      // Another process sharing this data folder swept the source as orphaned: store it again.
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      stored.clear();
      insert(job);
    }
  };

  const toArchived = (r: JobRecord, sources: Map<string, Buffer>): ArchivedJob => {
    // Jobs of one source share one Buffer in memory, as they do when submitted.
    const source = sources.get(r.source_hash) ?? r.bytes;
    sources.set(r.source_hash, source);
    return {
      id: r.id,
      keyHash: r.key_hash,
      fingerprint: r.fingerprint,
      params: JSON.parse(r.params) as IdeogramParams,
      source,
      createdAt: r.created_at,
      queueMs: r.queue_ms,
      processMs: r.process_ms,
      failReason: r.fail_reason,
      expireEarly: r.expire_early === 1,
      retentionMs: r.retention_ms,
    };
  };

  const sweep = (nowMs: number) => {
    deleteExpired.run(nowMs);
    deleteOrphanSources.run();
    stored.clear();
  };

  return {
    file,
    save,
    forget(id) {
      deleteJob.run(id);
      // Orphaned sources are swept now and then, not per expiry (a sweep expires thousands at once).
      if (++forgotten % 500 === 0) sweep(Date.now());
    },
    loadLive(nowMs) {
      sweep(nowMs);
      const sources = new Map<string, Buffer>();
      return selectLive.all(nowMs).map((r) => toArchived(r, sources));
    },
    find(id) {
      const row = selectOne.get(id);
      return row ? toArchived(row, new Map()) : undefined;
    },
    recordOrigin(origin, nowMs) {
      upsertOrigin.run(origin, nowMs);
      trimOrigins.run(MAX_ORIGINS);
      return selectOrigins.all().map((r) => r.origin);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
