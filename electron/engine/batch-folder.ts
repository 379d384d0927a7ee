/**
 * A batch's own folder under its output folder: the value of the naming template's `{batch}` token as a
 * directory (`<outputDir>/<batch>`), where the default template puts every output of the batch and
 * where the studio puts what it writes about the batch (labelled grids, exported picks).
 */
import { join } from 'node:path';
import { safeDirectorySegment } from '@shared/sweep';
import type { BatchRow } from '../db/batches-repo';

/** What the naming template's `{batch}` token stands for in this batch's output names. */
export function batchToken(batch: Pick<BatchRow, 'id'>): string {
  return batch.id;
}

/** `<outputDir>/<batch>`: the batch's folder. */
export function batchFolder(batch: Pick<BatchRow, 'id' | 'outputDir'>): string {
  return join(batch.outputDir, safeDirectorySegment(batchToken(batch)) || batch.id);
}

/** Where the labelled grids of a batch go: `<batch folder>/grids`. */
export function gridsFolder(batch: Pick<BatchRow, 'id' | 'outputDir'>): string {
  return join(batchFolder(batch), 'grids');
}
