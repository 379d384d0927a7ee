/**
 * "Export picks…" (issue 12 §2): the outputs of a batch's picked (or N-star) results go to a folder,
 * byte for byte so their embedded generation record stays intact — a hard link where the file system
 * allows (no second copy of 50 MB), else a copy written atomically — with a manifest beside them in
 * CSV and JSON (@shared/ratings' manifest: every parameter, the input, the rating, both paths). A
 * result whose file cannot be exported is listed as a problem; the others still go.
 */
import { link, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { type ExportSelection, type ManifestEntry, manifestCsv, manifestJson } from '@shared/ratings';
import { foldCase } from '@shared/sweep';
import type { Journal } from '../db';
import type { BatchRow } from '../db/batches-repo';
import type { InputRow } from '../db/inputs-repo';
import type { JobRow } from '../db/job-types';
import { copyFileAtomic, writeFileAtomic } from '../images/atomic-write';
import { batchFolder } from './batch-folder';

export interface ExportPicksRequest {
  batchId: string;
  selection: ExportSelection;
  /** Default `<batch folder>/picks`. */
  dir?: string;
}

export interface PicksExportResult {
  dir: string;
  selection: ExportSelection;
  files: number;
  linked: number;
  copied: number;
  bytes: number;
  manifestCsv: string;
  manifestJson: string;
  problems: { jobId: number; message: string }[];
}

const PAGE = 1000;
/** Error codes for which a hard link is impossible here but a copy may work. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EACCES']);

/** The default export folder of a batch. */
export function picksFolder(batch: Pick<BatchRow, 'id' | 'outputDir'>): string {
  return join(batchFolder(batch), 'picks');
}

/** The batch's results passing `selection` that still have their output file, in ordinal order. */
function selectedResults(journal: Journal, batchId: string, selection: ExportSelection): JobRow[] {
  const jobs: JobRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = journal.jobs.page(batchId, {
      rating: selection,
      state: ['completed', 'skipped_duplicate'],
      offset,
      limit: PAGE,
    });
    jobs.push(...page.rows.filter((j) => j.outputPath !== null && j.outputDeletedAt === null));
    if (offset + PAGE >= page.total) return jobs;
  }
}

/** True when `a` and `b` are the same file or hold the same bytes. */
async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.size !== sb.size) return false;
  const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
  return ba.equals(bb);
}

/**
 * Puts `source` at `target`: nothing to do when `target` already holds it (an earlier export), a hard
 * link when possible, else an atomic copy. Returns how, or null when `target` holds something else.
 */
async function place(source: string, target: string): Promise<'link' | 'copy' | null> {
  const existing = await stat(target).catch(() => null);
  if (existing) {
    if (!(await sameContent(source, target))) return null;
    const src = await stat(source);
    return src.ino === existing.ino && src.dev === existing.dev ? 'link' : 'copy';
  }
  try {
    await link(source, target);
    return 'link';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!NO_LINK.has(code)) throw error;
  }
  await copyFileAtomic(source, target);
  return 'copy';
}

/** Exports the selection; null when there is no such batch. */
export async function exportPicks(
  journal: Journal,
  request: ExportPicksRequest,
  now: () => number = Date.now,
): Promise<PicksExportResult | null> {
  const batch = journal.batches.get(request.batchId);
  if (!batch) return null;
  const dir = request.dir ?? picksFolder(batch);
  await mkdir(dir, { recursive: true });
  const inputs = new Map<number, InputRow>(journal.inputs.listByBatch(batch.id).map((i) => [i.id, i]));
  const entries: ManifestEntry[] = [];
  const problems: PicksExportResult['problems'] = [];
  const taken = new Set<string>();
  let bytes = 0;
  for (const job of selectedResults(journal, batch.id, request.selection)) {
    const source = job.outputPath!;
    const name = basename(source);
    const stem = name.slice(0, name.length - extname(name).length);
    // Two results of one batch may share a file name in different folders: the later gets its job id.
    const candidates = [name, `${stem}-job${job.id}${extname(name)}`].filter((n) => !taken.has(foldCase(n)));
    try {
      const size = (await stat(source)).size;
      let placed: { file: string; how: 'link' | 'copy' } | null = null;
      for (const candidate of candidates) {
        const how = await place(source, join(dir, candidate));
        if (how) {
          placed = { file: candidate, how };
          break;
        }
      }
      if (!placed) throw new Error(`${candidates.join(' and ')} in ${dir} already hold other images`);
      taken.add(foldCase(placed.file));
      bytes += size;
      entries.push(manifestEntry(batch, inputs.get(job.inputId), job, join(dir, placed.file), placed.how));
    } catch (error) {
      problems.push({ jobId: job.id, message: `${source}: ${(error as Error).message}` });
    }
  }
  const csvPath = join(dir, `manifest-${batch.id}.csv`);
  const jsonPath = join(dir, `manifest-${batch.id}.json`);
  const manifest = {
    batchId: batch.id,
    batchName: batch.name,
    exportedAt: now(),
    selection: request.selection,
    entries,
  };
  await writeFileAtomic(csvPath, Buffer.from(manifestCsv(entries), 'utf8'));
  await writeFileAtomic(jsonPath, Buffer.from(manifestJson(manifest), 'utf8'));
  return {
    dir,
    selection: request.selection,
    files: entries.length,
    linked: entries.filter((e) => e.transfer === 'link').length,
    copied: entries.filter((e) => e.transfer === 'copy').length,
    bytes,
    manifestCsv: csvPath,
    manifestJson: jsonPath,
    problems,
  };
}

function manifestEntry(
  batch: BatchRow,
  input: InputRow | undefined,
  job: JobRow,
  exportedPath: string,
  transfer: 'link' | 'copy',
): ManifestEntry {
  return {
    jobId: job.id,
    batchId: batch.id,
    batchName: batch.name,
    ordinal: job.ordinal,
    inputName: input?.name ?? '',
    inputRelPath: input?.relPath ?? '',
    inputPath: input?.path ?? '',
    inputHash: input?.contentHash ?? '',
    inputCaption: input?.caption ?? '',
    prompt: job.prompt,
    negativePrompt: job.negativePrompt,
    seed: job.seed,
    style: job.style,
    resolution: job.resolution,
    resolutionMatched: job.resolutionMatched,
    imageWeight: job.imageWeight,
    magicPrompt: job.magicPrompt,
    palette: JSON.stringify(job.palette),
    flag: job.flag,
    stars: job.stars,
    sourcePath: job.outputPath ?? '',
    exportedPath,
    transfer,
    jobKey: job.key,
    requestId: job.requestId ?? '',
    inferenceTimeSec: job.inferenceTimeSec,
  };
}
