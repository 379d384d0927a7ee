/**
 * "Clean up batch" (issue 12 §2): deletes the output files of a batch's rejected (or rejected and
 * unrated) results. First a plan — how many files and bytes — that the confirmation states; the
 * clean-up itself re-plans and refuses when that changed, so it deletes only what it said. The rows
 * stay, marked deleted in the journal before any file goes (a crash in between leaves a stray file,
 * never a live row naming a missing one). A file another live result still uses (a reused output's
 * shared thumbnail, a copy made onto itself) is kept.
 */
import { rm, stat } from 'node:fs/promises';
import type { CleanupScope } from '@shared/ratings';
import { inCleanupScope } from '@shared/ratings';
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';

export interface CleanupPlanSummary {
  scope: CleanupScope;
  files: number;
  bytes: number;
  results: number;
  shared: number;
}

export interface CleanupOutcome {
  filesDeleted: number;
  bytesFreed: number;
  resultsMarked: number;
}

/** Thrown when the plan no longer matches what the confirmation stated. */
export class CleanupChangedError extends Error {
  override readonly name = 'CleanupChangedError';
}

interface Item {
  job: JobRow;
  /** The output file when it is on disk. */
  size: number | null;
}

interface Plan extends CleanupPlanSummary {
  items: Item[];
}

const PAGE = 1000;

function resultsInScope(journal: Journal, batchId: string, scope: CleanupScope): JobRow[] {
  const jobs: JobRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = journal.jobs.page(batchId, {
      state: ['completed', 'skipped_duplicate'],
      rating: scope === 'rejected' ? 'reject' : undefined,
      offset,
      limit: PAGE,
    });
    for (const j of page.rows)
      if (j.outputPath !== null && j.outputDeletedAt === null && inCleanupScope(j, scope)) jobs.push(j);
    if (offset + PAGE >= page.total) return jobs;
  }
}

async function plan(journal: Journal, batchId: string, scope: CleanupScope): Promise<Plan> {
  const jobs = resultsInScope(journal, batchId, scope);
  const ids = new Set(jobs.map((j) => j.id));
  const items: Item[] = [];
  let shared = 0;
  for (const job of jobs) {
    if (journal.jobs.idsWithOutputPath(job.outputPath!).some((id) => !ids.has(id))) {
      shared += 1;
      continue;
    }
    const info = await stat(job.outputPath!).catch(() => null);
    items.push({ job, size: info?.isFile() ? info.size : null });
  }
  const onDisk = items.filter((i) => i.size !== null);
  return {
    scope,
    files: onDisk.length,
    bytes: onDisk.reduce((n, i) => n + i.size!, 0),
    results: items.length,
    shared,
    items,
  };
}

/** What a clean-up of `scope` would delete; null when there is no such batch. */
export async function planCleanup(
  journal: Journal,
  request: { batchId: string; scope: CleanupScope },
): Promise<CleanupPlanSummary | null> {
  if (!journal.batches.get(request.batchId)) return null;
  const { items: _items, ...summary } = await plan(journal, request.batchId, request.scope);
  return summary;
}

export interface CleanupRequest {
  batchId: string;
  scope: CleanupScope;
  /** The files and bytes the confirmation stated. */
  expectFiles: number;
  expectBytes: number;
}

/**
 * Deletes what the plan for `scope` holds, if it is still `expectFiles` files of `expectBytes` bytes;
 * `announce` gets the rows marked deleted. Null when there is no such batch.
 * @throws CleanupChangedError when the plan changed since the confirmation.
 */
export async function cleanUpBatch(
  journal: Journal,
  request: CleanupRequest,
  announce: (jobs: readonly JobRow[]) => void,
): Promise<CleanupOutcome | null> {
  if (!journal.batches.get(request.batchId)) return null;
  const current = await plan(journal, request.batchId, request.scope);
  if (current.files !== request.expectFiles || current.bytes !== request.expectBytes) {
    throw new CleanupChangedError(
      `the clean-up now covers ${current.files} file(s), ${current.bytes} bytes, not the ` +
        `${request.expectFiles} file(s), ${request.expectBytes} bytes confirmed; check again`,
    );
  }
  // Re-read inside the transaction: a result rated a moment ago (picked, starred) is no longer in scope.
  const marked = journal.transaction(() => {
    const still = current.items.filter((i) => {
      const row = journal.jobs.get(i.job.id);
      return row !== undefined && row.outputDeletedAt === null && inCleanupScope(row, request.scope);
    });
    journal.jobs.markOutputDeleted(still.map((i) => i.job.id));
    return still;
  });
  announce(marked.map((i) => i.job));
  const outcome: CleanupOutcome = { filesDeleted: 0, bytesFreed: 0, resultsMarked: marked.length };
  for (const item of marked) {
    if (item.size !== null && (await removed(item.job.outputPath!))) {
      outcome.filesDeleted += 1;
      outcome.bytesFreed += item.size;
    }
    // A reused result shows its source's thumbnail: it goes only when no live result still shows it.
    const thumb = item.job.thumbnailPath;
    if (thumb && journal.jobs.idsWithThumbnailPath(thumb).length === 0) await removed(thumb);
  }
  return outcome;
}

/** Removes `file`; false when that failed (the outcome's counts then say fewer than planned). */
async function removed(file: string): Promise<boolean> {
  return rm(file, { force: true }).then(
    () => true,
    () => false,
  );
}
