/** The SQLite journal: open it with `openJournal`, then use its per-table repositories. */
export type { BatchesRepo, BatchRow, BatchState, NewBatch } from './batches-repo';
export { BATCH_STATES, BATCH_TRANSITIONS, newBatchId } from './batches-repo';
export type { Journal, OpenJournalOptions } from './connection';
export { openJournal } from './connection';
export { JOURNAL_FILE_NAME, journalPath, resolveDataDir } from './data-dir';
export type { GridRow, GridsRepo, NewGrid } from './grids-repo';
export type { InputRow, InputsRepo, NewInput, PreparedInput } from './inputs-repo';
export type { JobEventKind, JobEventRow, JobEventsRepo, NewJobEvent } from './job-events-repo';
export * from './job-types';
export type { JobRatings, RatingCounts } from './jobs-ratings';
export type { JobsRepo } from './jobs-repo';
export type { CompletedOutput, JobMoveOutcome, JobTransitions } from './jobs-transitions';
export type {
  BatchLedgerCounts,
  BilledOutcome,
  LedgerBackend,
  LedgerOwner,
  LedgerRepo,
  PeriodLedgerCounts,
  SlotTime,
} from './ledger-repo';
export { JournalTooNewError } from './migrate';
export { LATEST_SCHEMA_VERSION } from './migrations';
export type { PromptHit, PromptSearchRepo } from './prompt-search-repo';
export { isSecretSettingKey, SecretSettingError, type SettingsRepo } from './settings-repo';
