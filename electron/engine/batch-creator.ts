/**
 * Turns a sweep spec into a batch in the journal: read the wildcards its prompts use, validate the spec,
 * walk the input folders, read captions when `{caption}` is used, prepare every image once (hash,
 * convert, thumbnail), then in ONE transaction insert the batch, its inputs and the streamed expansion
 * of its jobs. A bad input is recorded with its reason and its jobs fail at once with that message; the
 * rest of the batch is unaffected.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { FieldIssue } from '@shared/catalogue';
import { formatUsd, type SpendEstimate } from '@shared/economics';
import { INPUT_ERROR_CODE } from '@shared/scheduling';
import {
  countJobs,
  expand,
  LARGE_SWEEP_JOBS,
  needsConfirmation,
  parseSweepSpec,
  type ResolvedInput,
  type SweepSpec,
  uniqueBatchFolder,
} from '@shared/sweep';
import type { Journal } from '../db';
import type { NewInput } from '../db/inputs-repo';
import { type DiscoveryProblem, discoverInputs } from '../images/discover-inputs';
import {
  type InputProblem,
  type InputProblemCode,
  type PrepareResult,
  prepareInput,
} from '../images/prepare-input';
import type { FoundCaption } from '../inputs/captions';
import { type Log, silentLog } from '../log/logger';
import { parentIssues } from './batch-parent';
import { type CreationSpend, estimateInsertedBatch, lacksSpendConfirmation } from './creation-spend';
import { captionColumns, captionsFor, specWithWildcards, toInputCaption } from './sweep-inputs';
import { testPause } from './test-pause';

export interface CreateBatchRequest {
  /** The sweep spec as the user gave it (validated here). */
  spec: unknown;
  /** Folder the batch's outputs go under. */
  outputDir: string;
  /** Shown in history; default: the first prompt, shortened. */
  name?: string;
  /** Default 0; higher runs first. */
  priority?: number;
  /** Required for sweeps over LARGE_SWEEP_JOBS jobs (shared/sweep). */
  confirmLarge?: boolean;
  /** Start running right away. Default true. */
  start?: boolean;
  /** Spend cap of the batch in USD. Default none. */
  maxSpendUsd?: number | null;
  /** Price the sweep and require a confirmation of its dollars on a live run (creation-spend.ts). Default: not priced. */
  spend?: CreationSpend;
  /** The studio's wildcards folder (searched after each input folder's `wildcards/`). Default none. */
  wildcardsDir?: string | null;
  /** The batch this one is started from ("Sweep around this…", a re-run from a PNG); must exist. */
  parentBatchId?: string;
  /** The job of `parentBatchId` it is started from; must belong to it. */
  parentJobId?: number;
}

export interface CreatedBatch {
  batchId: string;
  jobCount: number;
  inputCount: number;
  /** Inputs that could not be used, with the reason (their jobs are failed). */
  inputProblems: { path: string; code: string; message: string }[];
  /** Paths the walker could not enter (missing, unreadable, symlink loops). */
  discoveryProblems: DiscoveryProblem[];
  /** What it will cost, when `spend` was given. */
  estimate: SpendEstimate | null;
}

/** The spec or its inputs cannot make a batch; `issues` name the field and the cause. */
export class BatchRequestError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'BatchRequestError';
  }
}

/** A valid sweep over LARGE_SWEEP_JOBS jobs asked for without `confirmLarge`: the same request, confirmed, goes through. */
export class NeedsConfirmationError extends BatchRequestError {
  constructor(readonly jobCount: number) {
    super([
      {
        field: 'confirmLarge',
        message: `this sweep makes ${jobCount.toLocaleString('en-US')} jobs (over ${LARGE_SWEEP_JOBS.toLocaleString('en-US')}); confirm to create it`,
      },
    ]);
    this.name = 'NeedsConfirmationError';
  }
}

/** A live run above the confirmation threshold asked for without confirming its dollars. */
export class NeedsSpendConfirmationError extends BatchRequestError {
  constructor(readonly estimate: SpendEstimate) {
    const reused = estimate.reused ? `; ${estimate.reused.toLocaleString('en-US')} reused at $0` : '';
    super([
      {
        field: 'confirmSpendUsd',
        message:
          `this live run costs up to ${formatUsd(estimate.liveUsd)} (${estimate.jobsToPay.toLocaleString('en-US')} ` +
          `jobs to pay at ${formatUsd(estimate.priceUsd)}${reused}); confirm the dollars to start it`,
      },
    ]);
    this.name = 'NeedsSpendConfirmationError';
  }
}

export interface BatchCreatorDeps {
  journal: Journal;
  /** Prepared uploads and input thumbnails are cached here by content hash. */
  cacheDir: string;
  /** Images prepared at once. Default 2 (sharp already uses the cores). */
  prepareConcurrency?: number;
  /** Called after each image is prepared, for a progress line. */
  onPrepared?(done: number, total: number): void;
  /** Parent log; creation notes what it skips over through a child tagged `batch-creator`. Default silentLog. */
  log?: Log;
  /** What the batch will run on (noted on the batch). Default: not known. */
  backend?: 'simulator' | 'segmind';
}

/**
 * Validates, prepares and inserts; throws BatchRequestError for an unusable request (NeedsConfirmationError,
 * a subclass, for a large one asked for without `confirmLarge`).
 */
export async function createBatch(
  deps: BatchCreatorDeps,
  request: CreateBatchRequest,
): Promise<CreatedBatch> {
  const withWildcards = await specWithWildcards(request.spec, request.wildcardsDir ?? null);
  if (withWildcards.issues.length) throw new BatchRequestError(withWildcards.issues);
  const parsed = parseSweepSpec(withWildcards.spec);
  if (!parsed.ok) throw new BatchRequestError(parsed.issues);
  const spec = parsed.value;
  const parentProblems = parentIssues(deps.journal, request);
  if (parentProblems.length) throw new BatchRequestError(parentProblems);
  const discovery = await discoverInputs(spec.inputs);
  if (discovery.files.length === 0) {
    const why = discovery.problems.map((p) => p.message).join('; ');
    throw new BatchRequestError([
      {
        field: 'inputs',
        message: `no images found in ${spec.inputs.paths.join(', ')}${why ? ` (${why})` : ''}`,
      },
    ]);
  }
  const captions = await captionsFor(spec, discovery.files);
  if (captions.issues.length) throw new BatchRequestError(captions.issues);
  const log = (deps.log ?? silentLog).child({ module: 'batch-creator' });
  const unusable = await unusableInputs(spec.inputs, discovery.problems, log);
  const files = [...discovery.files, ...unusable.map((u) => u.file)];
  const jobCount = countJobs(spec, files.length);
  if (needsConfirmation(jobCount) && !request.confirmLarge) throw new NeedsConfirmationError(jobCount);
  const prepared = [...(await prepareAll(deps, discovery.files)), ...unusable.map((u) => u.problem)];
  const found = [...captions.captions, ...unusable.map(() => null)];
  const stored = { ...request, spec: withWildcards.spec };
  const { batchId, estimate } = insertBatch(deps, stored, spec, files, prepared, found, jobCount);
  return {
    batchId,
    estimate,
    jobCount,
    inputCount: files.length,
    inputProblems: prepared.filter((p) => !p.ok).map(({ path, code, message }) => ({ path, code, message })),
    // Problems that became inputs are reported once, as input problems.
    discoveryProblems: discovery.problems.filter((p) => !unusable.some((u) => u.file.path === p.path)),
  };
}

async function prepareAll(
  deps: BatchCreatorDeps,
  files: readonly { path: string; relPath: string }[],
): Promise<PrepareResult[]> {
  const results: PrepareResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await prepareInput(files[i]!, { cacheDir: join(deps.cacheDir, 'inputs') });
      deps.onPrepared?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.prepareConcurrency ?? 2) }, worker));
  return results;
}

function insertBatch(
  { journal, backend }: BatchCreatorDeps,
  request: CreateBatchRequest,
  spec: SweepSpec,
  files: readonly { path: string; relPath: string; name: string }[],
  prepared: readonly PrepareResult[],
  captions: readonly (FoundCaption | null)[],
  jobCount: number,
): { batchId: string; estimate: SpendEstimate | null } {
  const inputs: NewInput[] = files.map((file, idx) => {
    const p = prepared[idx]!;
    const base = {
      idx,
      path: file.path,
      relPath: file.relPath,
      name: file.name,
      ...captionColumns(captions[idx]),
    };
    if (!p.ok) return { ...base, errorCode: p.code, errorMessage: p.message };
    return {
      ...base,
      contentHash: p.contentHash,
      sizeBytes: p.sizeBytes,
      width: p.width,
      height: p.height,
      format: p.format,
      thumbnailPath: p.thumbnailPath,
      preparedPath: p.preparedPath,
    };
  });
  // An unusable input has no content hash; its jobs get a placeholder one and are failed right away.
  // `match` reads the size of the upload itself (the prepared image), the image the API really sees.
  const resolved: ResolvedInput[] = inputs.map((input, i) => {
    const p = prepared[i]!;
    return {
      index: input.idx,
      name: input.name,
      relPath: input.relPath,
      contentHash: input.contentHash ?? `unusable:${input.relPath}`,
      ...(p.ok ? { width: p.preparedWidth, height: p.preparedHeight } : {}),
      caption: toInputCaption(captions[i] ?? null),
    };
  });
  return journal.transaction(() => {
    const name = request.name ?? defaultName(spec);
    // The `{batch}` folder: the name, slugged, free both in the journal and on disk under outputDir.
    const folder = uniqueBatchFolder(
      name,
      (f) => journal.batches.folderInUse(request.outputDir, f) || existsSync(join(request.outputDir, f)),
    );
    const batchId = journal.batches.create({
      name,
      folder,
      backend: backend ?? null,
      spec: request.spec,
      outputDir: request.outputDir,
      template: spec.template,
      dedupe: spec.dedupe,
      priority: request.priority ?? 0,
      state: 'draft',
      maxSpendUsd: request.maxSpendUsd ?? null,
      parentBatchId: request.parentBatchId ?? null,
      parentJobId: request.parentJobId ?? null,
    });
    const inputIds = journal.inputs.insertMany(batchId, inputs);
    const inserted = journal.jobs.insertMany(batchId, expand(spec, resolved));
    if (inserted !== jobCount) throw new Error(`expansion yielded ${inserted} jobs, count said ${jobCount}`);
    journal.batches.setJobCount(batchId, inserted);
    inputs.forEach((input, i) => {
      if (input.errorCode)
        journal.jobs.failPendingForInput(inputIds[i]!, INPUT_ERROR_CODE, input.errorMessage ?? '');
    });
    let estimate: SpendEstimate | null = null;
    if (request.spend) {
      estimate = estimateInsertedBatch(journal, batchId, { dedupe: spec.dedupe, spend: request.spend });
      // Thrown inside the transaction: nothing of an unconfirmed batch is kept.
      if (lacksSpendConfirmation(estimate, request.spend, request.maxSpendUsd ?? null))
        throw new NeedsSpendConfirmationError(estimate);
      journal.batches.setEstimatedSpend(batchId, estimate.liveUsd);
    }
    if (request.start ?? true) journal.batches.setState(batchId, 'running');
    testPause('batch-insert'); // crash tests only: inert without STUDIO_TEST_PAUSE_AT
    return { batchId, estimate };
  });
}

interface UnusableInput {
  file: { path: string; relPath: string; name: string };
  problem: InputProblem;
}

/**
 * Paths that look like images but cannot be read as files: discovery problems (a dangling link, an
 * unreadable entry) whose name has an accepted extension, and — walking non-recursively, where the
 * walker skips folders silently — a folder named like an image (`holiday.png/`). Each becomes an input
 * whose jobs fail with a message naming it, so the user sees it in the batch rather than losing it.
 */
async function unusableInputs(
  inputs: SweepSpec['inputs'],
  problems: readonly DiscoveryProblem[],
  log: Log,
): Promise<UnusableInput[]> {
  const accepted = new Set(inputs.extensions.map((e) => e.toLowerCase()));
  const looksLikeImage = (p: string) => accepted.has(extname(p).slice(1).toLowerCase());
  const out: UnusableInput[] = [];
  const add = (path: string, root: string, code: InputProblemCode, cause: string) => {
    const relPath = relative(root, path).split('\\').join('/') || basename(path);
    const name = basename(path, extname(path));
    out.push({
      file: { path, relPath, name },
      problem: { ok: false, path, code, message: `"${relPath}" ${cause}` },
    });
  };
  for (const p of problems) {
    if (!looksLikeImage(p.path)) continue;
    const root = inputs.paths.map((r) => resolve(r)).find((r) => p.path.startsWith(r)) ?? dirname(p.path);
    const cause =
      p.code === 'dangling_symlink'
        ? 'is a symbolic link to a file that does not exist'
        : p.code === 'symlink_loop'
          ? 'is a symbolic link loop'
          : p.code === 'missing'
            ? 'does not exist'
            : p.code === 'not_regular_file'
              ? p.message.slice(p.path.length + 1) // discovery's own words: the path, then the cause
              : `cannot be read (${p.message})`;
    const code: InputProblemCode =
      p.code === 'dangling_symlink' || p.code === 'missing'
        ? 'missing'
        : p.code === 'not_regular_file'
          ? 'not_regular_file'
          : 'unreadable';
    add(p.path, root, code, cause);
  }
  if (!inputs.recursive) {
    for (const root of inputs.paths.map((r) => resolve(r))) {
      const isDir = await stat(root).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isDir) continue;
      // An unreadable folder is already one of discovery's problems, reported to the user; here it only
      // means there is nothing to look at.
      const entries = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
        log.debug({ err: error, root }, 'cannot list an input folder to look for folders named like images');
        return [];
      });
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith('.') && looksLikeImage(e.name))
          add(join(root, e.name), root, 'unreadable', 'is a folder, not an image file');
      }
    }
  }
  return out;
}

function defaultName(spec: SweepSpec): string {
  const first = spec.prompts[0] ?? 'sweep';
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}
