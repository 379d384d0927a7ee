/**
 * THE renderer <-> main API, declared once. Channel names are `domain:action`; each method takes one
 * argument object (validated with zod in main) and resolves to its result; events are pushed from
 * main. The Electron preload bridge, the web-mode bridge and the main dispatcher all derive from this.
 */
import { z } from 'zod';
import { STYLE_TYPES } from '../catalogue';
import { MAX_USD_SETTING } from '../economics';
import { CLEANUP_SCOPES, EXPORT_SELECTIONS, FLAGS, MAX_STARS, RATING_FILTERS } from '../ratings';
import { JOB_STATES, userLimitSchema } from '../scheduling';
import { RPM_MAX, RPM_MIN } from '../scheduling/request-budget';
import { AXIS_ORDER } from '../sweep/expand';
import { PRUNE_AXES } from '../sweep/prune-target';
import { event, method } from './contract-kit';
import type { MenuCommand } from './menu';
import type {
  BatchView,
  CleanupPlan,
  CleanupResult,
  CreatedBatchView,
  EngineStatus,
  GridsWritten,
  GridView,
  HistoryHit,
  InputScan,
  InputView,
  JobCounts,
  JobDetail,
  JobView,
  MatrixExport,
  MediaRef,
  MonthLedgerView,
  PicksExport,
  PngRecordView,
  SettingsView,
  SweepEstimateView,
  SweepPreview,
} from './views';

export type BackendKind = 'simulator' | 'segmind';

export interface AppInfo {
  version: string;
  backend: BackendKind;
  /** Where API calls go, e.g. `http://127.0.0.1:40123/v1` for the simulator. */
  baseUrl: string;
  shell: 'electron' | 'web';
  dataDir: string;
}

export interface RevealResult {
  ok: boolean;
  reason?: 'unsupported' | 'missing' | 'failed';
}

export interface BackendHealth {
  backend: BackendKind;
  reachable: boolean;
  latencyMs: number | null;
  detail: string;
  /** Simulator request counts by endpoint and outcome (simulator only). */
  simulatorRequests?: Record<string, Record<string, number>>;
}

const none = z.strictObject({});
const batchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'batchId must be a batch id' });
const id = z.number().int().nonnegative();
const byBatch = z.strictObject({ batchId });
const pruneArgs = z.strictObject({
  batchId,
  axis: z.enum(PRUNE_AXES),
  value: z.string().min(1).max(2000),
  label: z.string().max(200).optional(),
});
const path = z.string().min(1).max(4096);
/** A dollar amount a user typed: finite, not negative, below a typo guard. */
const usd = z.number().nonnegative().max(MAX_USD_SETTING);
/** Sweep specs are validated in full by shared/sweep inside main; here only their outer shape. */
const spec = z.record(z.string(), z.unknown());
/** Base64 of a PNG's chunks without image data; well under the web bridge's 1 MB body. */
export const PNG_UPLOAD_MAX_BASE64 = 900_000;

/**
 * The grid's filters, applied by main (`jobs:page`, `jobs:counts`); every field is optional and they
 * combine with AND. A new filter is one more field here and one more clause in electron/db/job-filter.ts.
 */
export const jobFilterShape = {
  states: z.array(z.enum(JOB_STATES)).max(JOB_STATES.length).optional(),
  style: z.enum(STYLE_TYPES).optional(),
  seed: z.number().int().optional(),
  promptIndex: z.number().int().nonnegative().optional(),
  inputId: id.optional(),
  /** Case-insensitive (ASCII letters) substring of the expanded prompt. */
  promptContains: z.string().min(1).max(500).optional(),
  rating: z.enum(RATING_FILTERS).optional(),
};
/** A filter as the renderer sends it (see `jobFilterShape`). */
export type JobFilterArgs = z.input<z.ZodObject<typeof jobFilterShape>>;

export const studioApi = {
  'app:info': method<AppInfo>()(none),
  'backend:health': method<BackendHealth>()(none),

  'settings:get': method<SettingsView>()(none),
  'settings:update': method<SettingsView>()(
    z.strictObject({
      defaultConcurrency: userLimitSchema.optional(),
      outputDir: path.optional(),
      template: z.string().min(1).max(500).optional(),
      gridAtBatchEnd: z.boolean().optional(),
      /** Requests per minute of the account (its plan), or null = discover from 429s. */
      requestsPerMinute: z.number().int().min(RPM_MIN).max(RPM_MAX).nullable().optional(),
      /** Fail jobs waiting for the way back after this many minutes offline; null = never. */
      offlineFailAfterMin: z.number().min(1).max(10_080).nullable().optional(),
      /** Money (USD): the price when an answer does not state it, the live-run confirmation threshold, caps. */
      pricePerGenerationUsd: usd.positive().optional(),
      confirmAboveUsd: usd.optional(),
      dailyCapUsd: usd.nullable().optional(),
      monthlyCapUsd: usd.nullable().optional(),
      wildcardsDir: path.optional(),
    }),
  ),
  /** Stores (or with null, forgets) the Segmind key and switches backend. Never echoed back. */
  'settings:setApiKey': method<SettingsView>()(z.strictObject({ apiKey: z.string().max(500).nullable() })),

  /** Native folder picker (Electron); web mode answers `{ paths: null, supported: false }`. */
  'inputs:pickFolder': method<{ paths: string[] | null; supported: boolean }>()(
    z.strictObject({ purpose: z.enum(['inputs', 'output']).default('inputs') }),
  ),
  'inputs:scan': method<InputScan>()(
    z.strictObject({
      paths: z.array(path).min(1).max(100),
      recursive: z.boolean().default(false),
      extensions: z.array(z.string().max(10)).max(30).optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
  ),
  'sweep:preview': method<SweepPreview>()(
    z.strictObject({
      spec,
      imageCount: z.number().int().nonnegative().optional(),
      concurrency: userLimitSchema.optional(),
    }),
  ),

  /**
   * What a sweep will cost and take: jobs to pay (dedupe reuse looked up by key and excluded), dollars
   * ($0 on the simulator, with the live figure), time at the latency history and concurrency.
   */
  'sweep:estimate': method<SweepEstimateView>()(
    z.strictObject({ spec, concurrency: userLimitSchema.optional() }),
  ),

  'batch:create': method<CreatedBatchView>()(
    z.strictObject({
      spec,
      outputDir: path.optional(),
      name: z.string().max(200).optional(),
      priority: z.number().int().min(-100).max(100).optional(),
      confirmLarge: z.boolean().optional(),
      /** The batch's spend cap in USD (null or absent: none). */
      maxSpendUsd: usd.nullable().optional(),
      /** The dollars the user confirmed for a live run above the threshold (`needs_spend_confirmation`). */
      confirmSpendUsd: usd.optional(),
      /** Lineage: the batch (and job) this one is started from ("Sweep around this…", a re-run). */
      parentBatchId: batchId.optional(),
      parentJobId: id.optional(),
    }),
  ),
  'batch:list': method<BatchView[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }),
  ),
  'batch:get': method<BatchView>()(byBatch),
  'batch:pause': method<BatchView>()(byBatch),
  'batch:resume': method<BatchView>()(byBatch),
  'batch:cancel': method<BatchView>()(byBatch),
  'batch:retryFailed': method<{ count: number }>()(byBatch),
  /** Puts the batch's cancelled jobs back in the queue (and the batch back to running). */
  'batch:requeueCancelled': method<{ count: number }>()(byBatch),
  'batch:setPriority': method<BatchView>()(
    z.strictObject({ batchId, priority: z.number().int().min(-100).max(100) }),
  ),
  'batch:delete': method<{ deleted: boolean; filesDeleted: number }>()(
    z.strictObject({ batchId, deleteFiles: z.boolean().default(false) }),
  ),
  'batch:inputs': method<InputView[]>()(byBatch),
  /**
   * Prune: "skip the rest of style ANIME / of this prompt / of this input". Cancels the batch's pending
   * jobs with that axis value (in-flight ones finish and are kept); `label` is what the jobs' message
   * names. `batch:unprune` with the same target queues them again (undo).
   */
  'batch:prune': method<{ count: number }>()(pruneArgs),
  'batch:unprune': method<{ count: number }>()(pruneArgs),
  /** Sets or removes (null) a batch's spend cap; a batch paused at its cap resumes once it has room. */
  'batch:setMaxSpend': method<BatchView>()(z.strictObject({ batchId, maxSpendUsd: usd.nullable() })),

  /** This month's ledger on the backend in use, with the daily and monthly caps (Settings). */
  'ledger:month': method<MonthLedgerView>()(none),

  /** A filtered page of a batch's jobs in ordinal order; `total` counts every job the filter passes. */
  'jobs:page': method<{ total: number; rows: JobView[] }>()(
    z.strictObject({
      batchId,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      ...jobFilterShape,
    }),
  ),
  /** How many jobs a filter passes, per state (ignoring the filter's own `states`) and per input. */
  'jobs:counts': method<JobCounts>()(z.strictObject({ batchId, ...jobFilterShape })),
  /** Jobs by id (those that exist; any batch), e.g. the jobs compare shows. */
  'jobs:byIds': method<JobView[]>()(z.strictObject({ ids: z.array(id).max(1000) })),
  'job:get': method<JobDetail>()(z.strictObject({ jobId: id })),
  'job:retry': method<JobView>()(z.strictObject({ jobId: id })),
  /**
   * Opens the job's output with the system's app (`open`) or shows it in the file manager. Not ok with a
   * reason: `unsupported` (web mode has no file manager: offer a new tab, a download or the path),
   * `missing` (the file is not on disk), `failed` (the system refused).
   */
  'job:reveal': method<RevealResult>()(z.strictObject({ jobId: id, open: z.boolean().default(false) })),

  'engine:status': method<EngineStatus>()(none),
  'engine:setConcurrency': method<EngineStatus>()(z.strictObject({ limit: userLimitSchema })),
  'engine:resumeAfterHalt': method<EngineStatus>()(none),

  'history:search': method<HistoryHit[]>()(
    z.strictObject({ text: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }),
  ),

  'matrix:export': method<MatrixExport>()(
    z.strictObject({
      batchId,
      inputId: id,
      xAxis: z.enum(AXIS_ORDER),
      yAxis: z.enum(AXIS_ORDER),
      /**
       * Values held for the other varied axes, as shared/sweep's `axisKey` gives them, e.g.
       * `{ resolution: 'RESOLUTION_1024_1024', prompt: '2', palette: 'null' }`.
       */
      fixed: z.partialRecord(z.enum(AXIS_ORDER), z.string().max(20_000)).default({}),
      cellSize: z.number().int().min(64).max(1024).default(256),
    }),
  ),

  /** Sets the flag and/or stars of results (jobs without a result are skipped); returns those changed. */
  'ratings:set': method<{ jobs: JobView[] }>()(
    z
      .strictObject({
        jobIds: z.array(id).min(1).max(10_000),
        flag: z.enum(FLAGS).optional(),
        stars: z.number().int().min(0).max(MAX_STARS).optional(),
      })
      .refine((a) => a.flag !== undefined || a.stars !== undefined, { error: 'give a flag or stars' }),
  ),
  /**
   * Copies (hard-links where possible) the selected results' outputs, metadata intact, into `dir`
   * (default `<batch folder>/picks`) with a CSV and a JSON manifest.
   */
  'ratings:exportPicks': method<PicksExport>()(
    z.strictObject({ batchId, selection: z.enum(EXPORT_SELECTIONS).default('pick'), dir: path.optional() }),
  ),
  /** What a clean-up of `scope` would delete: files and bytes, for the confirmation. */
  'ratings:cleanupPlan': method<CleanupPlan>()(z.strictObject({ batchId, scope: z.enum(CLEANUP_SCOPES) })),
  /**
   * Deletes the output files of the results in `scope` and marks the rows deleted. Refused (`conflict`)
   * unless the plan still has exactly `expectFiles` files and `expectBytes` bytes: it deletes only what
   * the confirmation said.
   */
  'ratings:cleanup': method<CleanupResult>()(
    z.strictObject({
      batchId,
      scope: z.enum(CLEANUP_SCOPES),
      expectFiles: z.number().int().nonnegative(),
      expectBytes: z.number().int().nonnegative(),
    }),
  ),

  /** The labelled grid PNGs written for a batch. */
  'grids:list': method<GridView[]>()(byBatch),
  /**
   * Writes a labelled grid PNG per input (or per `inputIds`) over `xAxis` x `yAxis` into
   * `<batch folder>/grids/<input>__<x>-by-<y>.png`; every other varied axis becomes a section.
   */
  'grids:write': method<GridsWritten>()(
    z.strictObject({
      batchId,
      xAxis: z.enum(AXIS_ORDER),
      yAxis: z.enum(AXIS_ORDER),
      inputIds: z.array(id).min(1).max(10_000).optional(),
    }),
  ),
  /**
   * How a PNG was made: by path (read on main's machine), or as its bytes with the image data left out
   * (shared/provenance's `pngWithoutImageData`, so any PNG fits the web bridge's body limit). A PNG
   * without a usable record fails with `invalid_input` and a message saying why.
   */
  'png:read': method<PngRecordView>()(
    z.union([
      z.strictObject({ path }),
      z.strictObject({
        name: z.string().min(1).max(255),
        bytesBase64: z.string().min(1).max(PNG_UPLOAD_MAX_BASE64),
      }),
    ]),
  ),
  /** Native file picker for a PNG (Electron); web mode answers `{ path: null, supported: false }`. */
  'png:pick': method<{ path: string | null; supported: boolean }>()(none),
} as const;

export interface JobsChanged {
  jobs: JobView[];
  batches: BatchView[];
}

export const studioEvents = {
  'backend:changed': event<AppInfo>(),
  'jobs:changed': event<JobsChanged>(),
  'engine:status': event<EngineStatus>(),
  /** Desktop only: an application-menu item (see menu.ts); never sent in web mode. */
  'menu:command': event<MenuCommand>(),
} as const;

export type StudioApi = typeof studioApi;
export type MethodName = keyof StudioApi;
export type MethodArgs<M extends MethodName> = z.input<StudioApi[M]['args']>;
export type MethodResult<M extends MethodName> = NonNullable<StudioApi[M]['result']>;
export type EventName = keyof typeof studioEvents;
export type EventPayload<E extends EventName> = NonNullable<(typeof studioEvents)[E]['payload']>;
export const METHOD_NAMES = Object.keys(studioApi) as MethodName[];
export const EVENT_NAMES = Object.keys(studioEvents) as EventName[];

/** The typed client both bridges produce. */
export type StudioClient = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>>;
} & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL of an image served by main (custom protocol in Electron, token-checked route in web mode). */
  mediaUrl(ref: MediaRef): string;
  /**
   * Follows the link to main: 'lost' while a web-mode page cannot reach its studio (calls wait for it
   * instead of failing), 'live' again once it is back, when stores re-read what they show. Electron's
   * link never drops, so there it never fires.
   */
  onConnection(listener: (state: ConnectionState) => void): () => void;
};

/** The state of the renderer's link to main (see StudioClient.onConnection). */
export type ConnectionState = 'live' | 'lost';
