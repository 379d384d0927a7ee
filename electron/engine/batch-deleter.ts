/**
 * Deleting a batch, the counterpart of batch-creator: stop what the batch still has in the air, remove
 * it from the journal (its inputs, jobs and events go with it), and on request the files it wrote. The
 * file list is read before the rows go; files are removed only after the journal no longer names them,
 * so a crash in between leaves stray files, never rows pointing at missing ones.
 */
import { rm } from 'node:fs/promises';
import type { Journal } from '../db';
import type { Engine } from './engine';

export interface BatchDeleterDeps {
  journal: Journal;
  /** The engine's cancel: pending jobs are cancelled, in-flight ones abandoned. */
  cancel: Engine['cancel'];
}

export interface DeleteBatchRequest {
  batchId: string;
  /** Also remove the batch's outputs, their thumbnails and its labelled grids. Default false. */
  deleteFiles?: boolean;
}

export interface DeletedBatch {
  deleted: boolean;
  /** Output images removed (thumbnails and grids are removed too but not counted). */
  filesDeleted: number;
}

/** Deletes the batch; null when there is no such batch. */
export async function deleteBatch(
  deps: BatchDeleterDeps,
  request: DeleteBatchRequest,
): Promise<DeletedBatch | null> {
  const { journal } = deps;
  const batch = journal.batches.get(request.batchId);
  if (!batch) return null;
  if (batch.state !== 'completed') await deps.cancel(batch.id, { abandonInFlight: true });
  const files = request.deleteFiles ? writtenFiles(journal, batch.id) : [];
  const deleted = journal.batches.remove(batch.id);
  let filesDeleted = 0;
  for (const { file, isOutput } of files) {
    // A reused result shows its source's thumbnail: it stays while a job of another batch names it.
    if (!isOutput && journal.jobs.idsWithThumbnailPath(file).length > 0) continue;
    const removed = await rm(file, { force: true }).then(
      () => true,
      () => false,
    );
    if (removed && isOutput) filesDeleted++;
  }
  return { deleted, filesDeleted };
}

/**
 * Output, thumbnail and grid files this batch wrote (outputs reused from other batches are copies, so
 * theirs). A file a clean-up already deleted is not listed: its path may hold something else by now.
 */
function writtenFiles(journal: Journal, batchId: string): { file: string; isOutput: boolean }[] {
  const files: { file: string; isOutput: boolean }[] = journal.grids
    .listByBatch(batchId)
    .map((g) => ({ file: g.path, isOutput: false }));
  for (let offset = 0; ; offset += 1000) {
    const page = journal.jobs.page(batchId, { offset, limit: 1000 });
    for (const job of page.rows) {
      if (job.outputDeletedAt !== null) continue;
      if (job.outputPath) files.push({ file: job.outputPath, isOutput: true });
      if (job.thumbnailPath) files.push({ file: job.thumbnailPath, isOutput: false });
    }
    if (offset + 1000 >= page.total) return files;
  }
}
