/**
 * Turns a MediaRef (kind + id) into a file path, for the Electron protocol and the web media route.
 * The renderer never sends a path: ids are looked up in the journal, and the resulting file must
 * resolve (symlinks followed) inside an allowed root — the batch's output folder, the data folder, or
 * for originals the input's own file — so nothing else on disk can be served. An output a clean-up
 * deleted resolves to nothing (the UI shows a placeholder), even if a file has since appeared there.
 */
import { realpath } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { MediaRef } from '@shared/contract';
import type { Journal } from '../db';
import { exportsDir } from '../images/matrix-export';

async function inside(file: string, roots: string[]): Promise<string | null> {
  try {
    const real = await realpath(file);
    for (const root of roots) {
      const realRoot = await realpath(root).catch(() => null);
      if (realRoot && (real === realRoot || real.startsWith(realRoot + sep))) return real;
    }
    return null;
  } catch {
    return null;
  }
}

/** The file for `ref`, or null (unknown id, no file yet, or outside its allowed root). */
export async function resolveMedia(journal: Journal, dataDir: string, ref: MediaRef): Promise<string | null> {
  switch (ref.kind) {
    case 'output':
    case 'output-thumb': {
      const job = journal.jobs.get(ref.id);
      const file = ref.kind === 'output' ? job?.outputPath : job?.thumbnailPath;
      if (!job || !file || job.outputDeletedAt !== null) return null;
      const batch = journal.batches.get(job.batchId);
      return inside(file, [batch?.outputDir ?? dataDir, dataDir]);
    }
    case 'input':
    case 'input-thumb': {
      const input = journal.inputs.get(ref.id);
      if (!input) return null;
      if (ref.kind === 'input-thumb')
        return input.thumbnailPath ? inside(input.thumbnailPath, [dataDir]) : null;
      // An original may live anywhere the artist keeps photos; only the exact file the batch imported is served.
      return inside(input.path, [dirname(input.path)]);
    }
    case 'export':
      return inside(join(exportsDir(dataDir), `${ref.id}.png`), [exportsDir(dataDir)]);
    case 'grid': {
      const grid = journal.grids.get(ref.id);
      const batch = grid && journal.batches.get(grid.batchId);
      return grid && batch ? inside(grid.path, [batch.outputDir]) : null;
    }
    case 'scan-thumb':
      return null; // served by the scan previews registry (see electron/images/scan-previews.ts)
  }
}
