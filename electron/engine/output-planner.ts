/**
 * Decides where each job's result goes (the batch's naming template under its output folder) and
 * writes it with the full generation record embedded. Batch and input rows are cached: they do not
 * change while a batch runs, and a job finishing must not cost extra queries.
 */
import { join } from 'node:path';
import { MODEL_SLUG } from '@shared/catalogue';
import {
  createOutputNamer,
  type JobSpec,
  parseSweepSpec,
  type ResolvedInput,
  toIdeogramParams,
} from '@shared/sweep';
import type { Journal } from '../db';
import type { BatchRow } from '../db/batches-repo';
import type { InputRow } from '../db/inputs-repo';
import type { JobRow } from '../db/job-types';
import { linkOrCopyFileAtomic, type WriteFs } from '../images/atomic-write';
import {
  formatA1111Parameters,
  type GenerationRecord,
  generationTextChunks,
} from '../images/generation-record';
import { type WrittenOutput, writeOutput } from '../images/write-output';
import type { GeneratedImage } from '../segmind/client';
import { batchToken } from './batch-folder';
import { STUDIO_VERSION } from './version';

export interface OutputPlanner {
  dedupeEnabled(batchId: string): boolean;
  /** Absolute path the job's PNG gets. */
  targetPath(job: JobRow): string;
  /**
   * Dedupe: puts an earlier job's output at `target` (a `targetPath`) — a hard link where the file system
   * allows, else a copy — atomically and through the same file-system layer as every output, so a kill
   * midway never leaves half a file under the final name. Onto itself it does nothing.
   */
  copy(sourcePath: string, target: string): Promise<void>;
  write(job: JobRow, image: GeneratedImage): Promise<WrittenOutput>;
}

/**
 * Creates a planner; thumbnails go under `<dataDir>/thumbnails/<batch id>/`.
 * @param fs file-system layer for output writes; default real `node:fs` (tests inject ENOSPC here).
 */
export function createOutputPlanner(journal: Journal, dataDir: string, fs?: WriteFs): OutputPlanner {
  const batches = new Map<string, BatchRow>();
  const inputs = new Map<number, InputRow>();
  const namers = new Map<string, (job: JobSpec) => string>();

  const batch = (id: string): BatchRow => {
    let row = batches.get(id);
    if (!row) {
      row = journal.batches.get(id);
      if (!row) throw new Error(`batch ${id} not found`);
      batches.set(id, row);
    }
    return row;
  };
  const input = (id: number): InputRow => {
    let row = inputs.get(id);
    if (!row) {
      row = journal.inputs.get(id);
      if (!row) throw new Error(`input ${id} not found`);
      inputs.set(id, row);
    }
    return row;
  };

  // The naming plan needs the whole sweep and its inputs (to keep every name unique), so it is made
  // once per batch from the stored spec.
  const namer = (batchId: string): ((job: JobSpec) => string) => {
    let named = namers.get(batchId);
    if (!named) {
      const b = batch(batchId);
      const parsed = parseSweepSpec(b.spec);
      if (!parsed.ok) throw new Error(`batch ${batchId} has an invalid stored spec`);
      const rows = journal.inputs.listByBatch(batchId);
      for (const row of rows) inputs.set(row.id, row);
      const resolved: ResolvedInput[] = rows.map((row) => ({
        index: row.idx,
        name: row.name,
        relPath: row.relPath,
        contentHash: row.contentHash ?? `unusable:${row.relPath}`,
        caption: row.caption === null ? null : { prompt: row.caption, negative: row.negativeCaption ?? '' },
      }));
      const date = new Date(b.createdAt).toISOString().slice(0, 10);
      // `{batch}` is the batch's named folder; batches made before folders had names keep their id.
      named = createOutputNamer(parsed.value, resolved, { template: b.template, batch: batchToken(b), date });
      namers.set(batchId, named);
    }
    return named;
  };
  const relativePath = (job: JobRow): string =>
    namer(job.batchId)({ ...job, inputIndex: input(job.inputId).idx });

  return {
    dedupeEnabled: (batchId) => batch(batchId).dedupe,
    targetPath: (job) => join(batch(job.batchId).outputDir, ...relativePath(job).split('/')),
    async copy(sourcePath, target) {
      if (target !== sourcePath) await linkOrCopyFileAtomic(sourcePath, target, fs);
    },
    async write(job, image) {
      const b = batch(job.batchId);
      const i = input(job.inputId);
      const { image_file: _unused, ...params } = toIdeogramParams(job, 'x');
      const record: GenerationRecord = {
        model: MODEL_SLUG,
        params,
        inputName: i.name,
        inputHash: i.contentHash ?? '',
        batchId: b.id,
        requestId: image.requestId,
        inferenceTimeSec: image.inferenceTimeSec,
        jobKey: job.key,
        ...(job.resolutionMatched ? { resolutionChoice: 'match' as const } : {}),
        software: `Sweep Studio ${STUDIO_VERSION}`,
      };
      return writeOutput({
        bytes: image.bytes,
        outputRoot: b.outputDir,
        relPath: relativePath(job),
        metadata: generationTextChunks(record),
        parametersText: formatA1111Parameters(record),
        thumbnailDir: join(dataDir, 'thumbnails', b.id),
        fs,
      });
    },
  };
}
