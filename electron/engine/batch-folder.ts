/**
 * A batch's own folder under its output folder: the value of the naming template's `{batch}` token as a
 * directory (`<outputDir>/<batch>`), where the default template puts every output of the batch and
 * where the studio puts what it writes about the batch (labelled grids, exported picks).
 */
import { join } from 'node:path';
import { safeDirectorySegment } from '@shared/sweep';
import type { BatchRow } from '../db/batches-repo';

/** A batch as these need it: its id and, when it has one, its named folder. */
type BatchRef = Pick<BatchRow, 'id'> & { folder?: string | null };

/** What the naming template's `{batch}` token stands for in this batch's output names. */
export function batchToken(batch: BatchRef): string {
  // The batch's name, slugged and unique (batches.folder); batches made before folders had names keep their id.
  return batch.folder ?? batch.id;
}

/** `<outputDir>/<batch>`: the batch's folder. */
export function batchFolder(batch: BatchRef & Pick<BatchRow, 'outputDir'>): string {
  return join(batch.outputDir, safeDirectorySegment(batchToken(batch)) || batch.id);
}

/** Where the labelled grids of a batch go: `<batch folder>/grids`. */
export function gridsFolder(batch: BatchRef & Pick<BatchRow, 'outputDir'>): string {
  return join(batchFolder(batch), 'grids');
}
