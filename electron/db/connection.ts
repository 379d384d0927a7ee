/**
 * The one owner of the journal's SQLite connection: opens the file, sets the pragmas, migrates, and
 * hands out the per-table repositories. Nothing else in the app opens the database or writes SQL
 * outside the repositories. Plain Node (never imports electron): the Electron shell only passes a
 * `nativeBinding` built for its ABI.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BatchesRepo, createBatchesRepo } from './batches-repo';
import { createGridsRepo, type GridsRepo } from './grids-repo';
import { createInputsRepo, type InputsRepo } from './inputs-repo';
import { createJobEventsRepo, type JobEventsRepo } from './job-events-repo';
import { createJobsRepo, type JobsRepo } from './jobs-repo';
import { createLedgerRepo, type LedgerRepo } from './ledger-repo';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { createPromptSearchRepo, type PromptSearchRepo } from './prompt-search-repo';
import { createSettingsRepo, type SettingsRepo } from './settings-repo';

export interface OpenJournalOptions {
  /** Path of the journal file (see `journalPath(resolveDataDir())`); parent folders are created. */
  file: string;
  /** Passed to better-sqlite3: a path to a `better_sqlite3.node` built for the running ABI (Electron). */
  nativeBinding?: string;
  /**
   * `NORMAL` (default): in WAL mode a commit survives a crash or kill of the app, which is what the
   * engine must survive; only an OS crash or power cut may lose the last few commits (never corrupt
   * the file), and it saves an fsync per commit. `FULL` fsyncs every commit as well.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another connection's lock (another process), in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock for every timestamp the repositories write, epoch ms. Default `Date.now`. */
  now?: () => number;
  /**
   * Called inside each migration's transaction, after its `up` and before the commit (crash tests
   * pause the process there: see electron/engine/test-pause.ts). Default: none.
   */
  onMigrationStep?: (version: number) => void;
}

export interface Journal {
  readonly file: string;
  /** Schema version after migration. */
  readonly schemaVersion: number;
  /** Migration versions applied by this open (empty when the file was already current). */
  readonly appliedMigrations: readonly number[];
  readonly batches: BatchesRepo;
  readonly inputs: InputsRepo;
  readonly jobs: JobsRepo;
  readonly jobEvents: JobEventsRepo;
  readonly settings: SettingsRepo;
  readonly prompts: PromptSearchRepo;
  readonly grids: GridsRepo;
  /** Money: what each accepted request cost (migration 0002). */
  readonly ledger: LedgerRepo;
  /**
   * Runs `fn` in one transaction (a savepoint when nested) and returns its result; rolls back if it
   * throws. `fn` must be synchronous: better-sqlite3 cannot keep a transaction open across an await.
   */
  transaction<T>(fn: () => T): T;
  /** Closes the connection (checkpointing the WAL). Safe to call twice. */
  close(): void;
}

/**
 * Opens (creating if needed) and migrates the journal.
 * @throws JournalTooNewError when the file was written by a newer app.
 */
export function openJournal(options: OpenJournalOptions): Journal {
  const { file, nativeBinding, synchronous = 'NORMAL', busyTimeoutMs = 5000, now = Date.now } = options;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    // busy_timeout first so that even the journal_mode switch waits for another process's lock.
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    const appliedMigrations = migrate(db, MIGRATIONS, file, options.onMigrationStep);
    const jobEvents = createJobEventsRepo(db, now);
    return {
      file,
      schemaVersion: schemaVersion(db),
      appliedMigrations,
      batches: createBatchesRepo(db, now),
      inputs: createInputsRepo(db),
      jobs: createJobsRepo(db, jobEvents, now),
      jobEvents,
      settings: createSettingsRepo(db),
      prompts: createPromptSearchRepo(db),
      grids: createGridsRepo(db, now),
      ledger: createLedgerRepo(db, now),
      transaction: (fn) => db.transaction(fn)(),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
