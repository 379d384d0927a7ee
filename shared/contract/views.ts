/**
 * The shapes that cross the renderer <-> main boundary (results and event payloads). They are plain
 * data in shared/, independent of the journal's row types, so the UI never depends on the database.
 * Media (originals, outputs, thumbnails) is addressed by id, never by path: the bridge turns a
 * MediaRef into a URL and main resolves the id, so no renderer string ever becomes a file path.
 */

import type { Ledger, SpendEstimate } from '../economics';
import type { RecordedParams } from '../provenance/generation-reading';
import type { CleanupScope, Flag, RatingFilter } from '../ratings';
import type { BatchState, JobState } from '../scheduling';
import type { SweepAxis } from '../sweep/expand';
import type { JobSpec } from '../sweep/job-spec';

export type { SweepPreview } from '../sweep/sweep-preview';

export type MediaKind =
  | 'output'
  | 'output-thumb'
  | 'input'
  | 'input-thumb'
  | 'export'
  | 'scan-thumb'
  | 'grid';
export interface MediaRef {
  kind: MediaKind;
  /**
   * Job id for output kinds, input id for input kinds, export id for exports, `thumbId` for scans,
   * grid id (GridView.id) for labelled grids.
   */
  id: number;
}

/**
 * A job as the renderer sees it: the sweep's parameters (`JobSpec`, input by row id, without the
 * internal dedupe key) plus its run state.
 */
export interface JobView extends Omit<JobSpec, 'inputIndex' | 'key'> {
  id: number;
  batchId: string;
  inputId: number;
  state: JobState;
  attempts: number;
  requestId: string | null;
  submittedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  inferenceTimeSec: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** Absolute path of the output PNG (for "reveal in folder"); media goes through `output` refs. */
  outputPath: string | null;
  /** False once a clean-up deleted the file (`outputPath` then says where it was). */
  hasOutput: boolean;
  hasThumbnail: boolean;
  reusedFromJobId: number | null;
  /** The artist's flag and 0-5 stars (see @shared/ratings). */
  flag: Flag;
  stars: number;
  /** When a clean-up deleted the output file; null while it is kept. */
  outputDeletedAt: number | null;
}

export type JobStateCounts = Record<JobState, number>;

/** What `jobs:counts` answers for a filter. */
export interface JobCounts {
  /** Jobs the whole filter passes. */
  total: number;
  /** Per state, under every filter except `states` (what each status chip would show). */
  byState: JobStateCounts;
  /** Per input, under the whole filter, in input order; inputs with no passing job are left out. */
  byInput: { inputId: number; count: number }[];
}

export interface BatchView {
  id: string;
  name: string;
  state: BatchState;
  haltReason: string | null;
  outputDir: string;
  template: string;
  dedupe: boolean;
  priority: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  total: number;
  done: number;
  counts: JobStateCounts;
  etaMs: number | null;
  jobsPerMinute: number;
  /** The sweep spec as the user gave it (to duplicate into the composer). */
  spec: unknown;
  /** Which axes vary in this batch (more than one value), for the matrix and the filters. */
  variedAxes: SweepAxisName[];
  /** Up to 4 output ids to show in history. */
  previewJobIds: number[];
  /** What the batch ran on ("ran live or on the simulator"); 'mixed' when both; null when not known. */
  backend: 'simulator' | 'segmind' | 'mixed' | null;
  /** The naming template's `{batch}` folder (the name, slugged and unique); null for older batches. */
  folder: string | null;
  /** How many results are picked, rejected, starred, and had their file deleted by a clean-up. */
  ratings: RatingCountsView;
  /** Why the engine paused it (e.g. "spend cap reached ($2.00 of $2.00)"); null for a user's pause. */
  pauseReason: string | null;
  /** Billed, not billed, reused, pruned, cancelled, ambiguous, in flight; estimated and actual dollars. */
  ledger: LedgerView;
  /** The batch this one was started from ("Sweep around this…", a re-run from a PNG), while it exists. */
  parentBatchId: string | null;
  /** The job of the parent batch it was started from. */
  parentJobId: number | null;
  /** The parent batch's name, for "from <name>" in history. */
  parentName: string | null;
}

export interface RatingCountsView {
  picks: number;
  rejects: number;
  /** One star or more, rejects excluded. */
  starred: number;
  deleted: number;
}

/** A ledger as it crosses the contract (see shared/economics' `Ledger`). */
export type LedgerView = Ledger;

/** This month's money on the backend in use. */
export interface MonthLedgerView {
  backend: 'simulator' | 'segmind';
  /** Start of the month (local time), epoch ms. */
  since: number;
  ledger: LedgerView;
  /** Billed today, and the caps from Settings. */
  todayUsd: number;
  dailyCapUsd: number | null;
  monthlyCapUsd: number | null;
}

/** `sweep:estimate`: the cost and time of a sweep before it is created. */
export type SweepEstimateView =
  | { ok: false; issues: { field: string; message: string }[] }
  | (SpendEstimate & {
      ok: true;
      /** Images found under the inputs. */
      images: number;
      durationMs: number;
      /** e.g. 'est. 2 h 47 m at concurrency 4'. */
      durationText: string;
      /** Whether the time rests on this backend's latency history or on a default latency. */
      latencyBasis: 'history' | 'default';
    });

/** A sweep axis, in expansion order (shared/sweep's AXIS_ORDER). */
export type SweepAxisName = SweepAxis;

export interface InputView {
  id: number;
  batchId: string;
  idx: number;
  name: string;
  relPath: string;
  path: string;
  width: number | null;
  height: number | null;
  format: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** The caption `{caption}` gave this input's jobs, and where it came from (`photo.txt`, `prompts.csv line 3`). */
  caption: string | null;
  captionSource: string | null;
}

export interface JobEventView {
  at: number;
  kind: string;
  fromState: JobState | null;
  toState: JobState | null;
  detail: unknown;
}

export interface JobDetail {
  job: JobView;
  input: InputView;
  events: JobEventView[];
}

export interface EngineStatus {
  halt:
    | { state: 'open' }
    | { state: 'halted'; reason: 'auth' | 'forbidden' | 'credits'; message: string; sinceMs: number };
  concurrency: { userLimit: number; effective: number; inFlight: number };
  /**
   * The way to Segmind. Online: `lastOkMs` is when a request last got an answer (null before the
   * first): "Healthy" means that was recent. Offline: nothing is submitted and nothing fails for it;
   * `nextProbeMs` is when the next probe goes ("Offline — retrying in 20 s"); `givenUp` once the outage
   * outlasted the user's limit (waiting jobs then fail). The `engine:status` event follows every change.
   */
  connectivity:
    | { state: 'online'; lastOkMs: number | null }
    | { state: 'offline'; sinceMs: number; nextProbeMs: number; cause: string; givenUp: boolean };
  /**
   * The account's request budget: `setting` is the user's requests per minute (fixed mode), `perMinute`
   * the rate in use (lowered by a 429, learnt in discover mode; null when unlimited), `blockedUntilMs`
   * a 429's reset time while it lasts.
   */
  budget: {
    mode: 'unlimited' | 'fixed' | 'discover';
    setting: number | null;
    perMinute: number | null;
    blockedUntilMs: number | null;
  };
}

export interface ScannedImage {
  path: string;
  relPath: string;
  name: string;
  sizeBytes: number;
  /** Id of a small preview (`{ kind: 'scan-thumb', id: thumbId }`), made on first request. */
  thumbId: number;
}

export interface InputScan {
  images: ScannedImage[];
  /** The first `limit` images only; `total` says how many were found. */
  total: number;
  problems: { path: string; code: string; message: string }[];
  /** Captions for `{caption}` (sidecar `.txt` or `prompts.csv`), counted over every image found. */
  captions: CaptionScan;
  /**
   * Found images a header probe (size, format, frames, dimensions; never the pixels) says cannot be
   * used, each with the reason; the first `limit`. They are part of `total`, not of `usable`.
   */
  unusable: { path: string; relPath: string; code: string; message: string }[];
  /** Images of `total` that passed the probe: what the composer counts jobs and the estimate from. */
  usable: number;
}

export interface CaptionScan {
  /** Images with a caption. */
  count: number;
  /** Relative paths of images without one (the first 50; `count` and `total` give the rest). */
  missing: string[];
  /** Caption files that cannot be used (a malformed `prompts.csv` with its line, an unreadable sidecar). */
  problems: { path: string; message: string }[];
}

export interface SettingsView {
  defaultConcurrency: number;
  /** The account's requests per minute (the plan's), or null = discover it from 429s. */
  requestsPerMinute: number | null;
  /** Minutes of outage after which waiting jobs fail; null = wait for ever. */
  offlineFailAfterMin: number | null;
  outputDir: string;
  template: string;
  backend: 'simulator' | 'segmind';
  /** A Segmind key is stored (never the key itself). */
  hasApiKey: boolean;
  /** Where the key is kept: OS keychain (Electron safeStorage), memory only (web mode), or env. */
  keyStorage: 'safe-storage' | 'memory' | 'env' | 'none';
  baseUrl: string;
  /** Write a labelled grid PNG per input when a batch completes. Default true. */
  gridAtBatchEnd: boolean;
  /** USD per generation when an answer does not state its cost. Default 0.10. */
  pricePerGenerationUsd: number;
  /** A live run estimated above this asks for a confirmation stating the dollars. Default 5. */
  confirmAboveUsd: number;
  /** Caps on committed spend per day / month on the backend in use; null = none. */
  dailyCapUsd: number | null;
  monthlyCapUsd: number | null;
  /** The studio's wildcard files (`__name__` reads `name.txt` here, after the input folder's `wildcards/`). */
  wildcardsDir: string;
}

export interface CreatedBatchView {
  batchId: string;
  jobCount: number;
  inputCount: number;
  inputProblems: { path: string; code: string; message: string }[];
}

export interface HistoryHit {
  batchId: string;
  prompt: string;
  /** The prompt with matches wrapped in [ and ]. */
  highlighted: string;
}

/** What a PNG records about how it was made, and what a re-run of it needs (see `png:read`). */
export interface PngRecordView {
  fileName: string;
  /** `studio`: this studio's exact record; `a1111`: translated from an AUTOMATIC1111 `parameters` text. */
  source: 'studio' | 'a1111';
  params: RecordedParams;
  /** The size was chosen by `match` (the re-run uses that size itself). */
  resolutionMatched: boolean;
  /** The source image as recorded; `path` when the journal knows a file with exactly its content. */
  input: { name: string; hash: string | null; path: string | null } | null;
  /** The batch and job it came from, while they are still in the journal. */
  parent: { batchId: string; jobId: number | null; name: string } | null;
  software: string | null;
  jobKey: string | null;
  /** A re-run over `input.path` has the recorded job key (null when that cannot be told). */
  keyMatches: boolean | null;
  /** Guesses made, settings ignored and what was wrong with the file, in words. */
  notes: string[];
}

export interface MatrixExport {
  media: MediaRef;
  path: string;
  width: number;
  height: number;
}

/** What "Export picks…" did. */
export interface PicksExport {
  /** The folder the files and manifests went to. */
  dir: string;
  selection: RatingFilter;
  /** Results exported (hard-linked or copied). */
  files: number;
  linked: number;
  copied: number;
  bytes: number;
  manifestCsv: string;
  manifestJson: string;
  /** Selected results that could not be exported (file gone, unreadable), with why. */
  problems: { jobId: number; message: string }[];
}

/** What a clean-up would delete; the confirmation states it and `ratings:cleanup` checks it still holds. */
export interface CleanupPlan {
  scope: CleanupScope;
  /** Output files to delete (those on disk). */
  files: number;
  bytes: number;
  /** Results to mark deleted (files already missing included). */
  results: number;
  /** Results in scope kept because another live result uses the same file. */
  shared: number;
}

export interface CleanupResult {
  filesDeleted: number;
  bytesFreed: number;
  resultsMarked: number;
}

/** A labelled grid PNG written for one input of a batch. */
export interface GridView {
  id: number;
  batchId: string;
  inputId: number;
  inputName: string;
  xAxis: SweepAxisName;
  yAxis: SweepAxisName;
  path: string;
  width: number;
  height: number;
  createdAt: number;
  media: MediaRef;
}

export interface GridsWritten {
  grids: GridView[];
  /** Inputs whose grid could not be written, with why (e.g. no results yet). */
  problems: { inputId: number; message: string }[];
}
