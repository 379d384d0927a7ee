/**
 * Where a re-run from a PNG gets what the PNG cannot carry: the source image (found in the journal by
 * the sha256 the studio recorded, and used only while the file on disk still has exactly that content,
 * so the re-run's key is the original's) and the batch and job it came from (for the new batch's
 * lineage, when they are still in the journal). Shared by the `png:` handlers and the CLI's `--from`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { GenerationReading } from '@shared/provenance';
import type { Journal } from '../db';

export interface RerunSource {
  /** The recorded source image, still on disk with the same content; null when not found. */
  inputPath: string | null;
  /** The batch (and job) the PNG was made by, while the journal still has them. */
  parent: { batchId: string; jobId: number | null; name: string } | null;
}

async function sha256Of(file: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return null; // moved, deleted or unreadable: not this input any more
  }
}

/** Looks the recorded input and batch up in `journal`. */
export async function locateRerunSource(
  journal: Journal,
  reading: Extract<GenerationReading, { ok: true }>,
): Promise<RerunSource> {
  let inputPath: string | null = null;
  const hash = reading.input?.hash;
  if (hash) {
    const tried = new Set<string>();
    for (const row of journal.inputs.findByContentHash(hash)) {
      if (tried.has(row.path)) continue;
      tried.add(row.path);
      if ((await sha256Of(row.path)) === hash) {
        inputPath = row.path;
        break;
      }
    }
  }
  const batch = reading.batchId ? journal.batches.get(reading.batchId) : undefined;
  const job = batch && reading.jobKey ? journal.jobs.findInBatchByKey(batch.id, reading.jobKey) : undefined;
  return {
    inputPath,
    parent: batch ? { batchId: batch.id, jobId: job?.id ?? null, name: batch.name } : null,
  };
}
