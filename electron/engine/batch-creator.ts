/**
 * Turns a sweep spec into a batch in the journal: validate the spec, walk the input folders, prepare
 * every image once (hash, convert, thumbnail), then in ONE transaction insert the batch, its inputs and
 * the streamed expansion of its jobs. A bad input is recorded with its reason and its jobs fail at once
 * with that message; the rest of the batch is unaffected.
 */
import { join } from 'node:path';
import type { FieldIssue } from '../../shared/catalogue';
import { countJobs, expand, parseSweepSpec, type ResolvedInput, type SweepSpec } from '../../shared/sweep';
import type { Journal } from '../db';
import type { NewInput } from '../db/inputs-repo';
import { type DiscoveryProblem, discoverInputs } from '../images/discover-inputs';
import { type PrepareResult, prepareInput } from '../images/prepare-input';

/** Sweeps above this many jobs must be confirmed (at ~12.7 s and concurrency 4 that is ~18 hours). */
export const LARGE_SWEEP_JOBS = 20_000;

export interface CreateBatchRequest {
  /** The sweep spec as the user gave it (validated here). */
  spec: unknown;
  /** Folder the batch's outputs go under. */
  outputDir: string;
  /** Shown in history; default: the first prompt, shortened. */
  name?: string;
  /** Default 0; higher runs first. */
  priority?: number;
  /** Required for sweeps over LARGE_SWEEP_JOBS jobs. */
  confirmLarge?: boolean;
  /** Start running right away. Default true. */
  start?: boolean;
}

export interface CreatedBatch {
  batchId: string;
  jobCount: number;
  inputCount: number;
  /** Inputs that could not be used, with the reason (their jobs are failed). */
  inputProblems: { path: string; code: string; message: string }[];
  /** Paths the walker could not enter (missing, unreadable, symlink loops). */
  discoveryProblems: DiscoveryProblem[];
}

/** The spec or its inputs cannot make a batch; `issues` name the field and the cause. */
export class BatchRequestError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'BatchRequestError';
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
}

/** Validates, prepares and inserts; throws BatchRequestError for an unusable request. */
export async function createBatch(
  deps: BatchCreatorDeps,
  request: CreateBatchRequest,
): Promise<CreatedBatch> {
  const parsed = parseSweepSpec(request.spec);
  if (!parsed.ok) throw new BatchRequestError(parsed.issues);
  const spec = parsed.value;
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
  const jobCount = countJobs(spec, discovery.files.length);
  if (jobCount > LARGE_SWEEP_JOBS && !request.confirmLarge) {
    throw new BatchRequestError([
      {
        field: 'confirmLarge',
        message: `this sweep makes ${jobCount.toLocaleString('en-US')} jobs (over ${LARGE_SWEEP_JOBS.toLocaleString('en-US')}); confirm to create it`,
      },
    ]);
  }
  const prepared = await prepareAll(deps, discovery.files);
  const batchId = insertBatch(deps.journal, request, spec, discovery.files, prepared, jobCount);
  return {
    batchId,
    jobCount,
    inputCount: discovery.files.length,
    inputProblems: prepared.filter((p) => !p.ok).map(({ path, code, message }) => ({ path, code, message })),
    discoveryProblems: discovery.problems,
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
  journal: Journal,
  request: CreateBatchRequest,
  spec: SweepSpec,
  files: readonly { path: string; relPath: string; name: string }[],
  prepared: readonly PrepareResult[],
  jobCount: number,
): string {
  const inputs: NewInput[] = files.map((file, idx) => {
    const p = prepared[idx]!;
    const base = { idx, path: file.path, relPath: file.relPath, name: file.name };
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
  const resolved: ResolvedInput[] = inputs.map((input) => ({
    index: input.idx,
    name: input.name,
    relPath: input.relPath,
    contentHash: input.contentHash ?? `unusable:${input.relPath}`,
  }));
  return journal.transaction(() => {
    const batchId = journal.batches.create({
      name: request.name ?? defaultName(spec),
      spec: request.spec,
      outputDir: request.outputDir,
      template: spec.template,
      dedupe: spec.dedupe,
      priority: request.priority ?? 0,
      state: 'draft',
    });
    const inputIds = journal.inputs.insertMany(batchId, inputs);
    const inserted = journal.jobs.insertMany(batchId, expand(spec, resolved));
    if (inserted !== jobCount) throw new Error(`expansion yielded ${inserted} jobs, count said ${jobCount}`);
    journal.batches.setJobCount(batchId, inserted);
    inputs.forEach((input, i) => {
      if (input.errorCode)
        journal.jobs.failPendingForInput(inputIds[i]!, 'input_error', input.errorMessage ?? '');
    });
    if (request.start ?? true) journal.batches.setState(batchId, 'running');
    return batchId;
  });
}

function defaultName(spec: SweepSpec): string {
  const first = spec.prompts[0] ?? 'sweep';
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}
