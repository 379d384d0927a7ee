/**
 * Writes the labelled grid PNG of each input of a batch (issue 12 §6) beside its outputs, as
 * `<batch folder>/grids/<input>__<x>-by-<y>.png`, and records it in the journal. The sections and
 * their order are shared/sweep's `gridSections` (the tables the on-screen matrix shows);
 * electron/images/grid-render draws them. One input's failure is that input's problem: the others
 * are still written.
 */
import { join } from 'node:path';
import {
  AXIS_TITLES,
  type GridAxis,
  gridFileName,
  gridInputNames,
  gridSections,
  variedAxes,
} from '@shared/sweep';
import type { GridRow, Journal } from '../db';
import type { BatchRow } from '../db/batches-repo';
import type { InputRow } from '../db/inputs-repo';
import type { JobRow } from '../db/job-types';
import { renderGrid } from '../images/grid-render';
import type { ExportJob } from '../images/matrix-export';
import { gridsFolder } from './batch-folder';
import { STUDIO_VERSION } from './version';

export interface WriteGridsRequest {
  batchId: string;
  xAxis: GridAxis;
  yAxis: GridAxis;
  /** Only these inputs; default every input of the batch. */
  inputIds?: readonly number[];
}

export interface WriteGridsResult {
  grids: GridRow[];
  problems: { inputId: number; message: string }[];
}

const PAGE = 1000;

/** Every job of one input, in ordinal order. */
function inputJobs(journal: Journal, batchId: string, inputId: number): JobRow[] {
  const jobs: JobRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = journal.jobs.page(batchId, { inputId, offset, limit: PAGE });
    jobs.push(...page.rows);
    if (offset + PAGE >= page.total) return jobs;
  }
}

/** A job as a grid tile: a deleted output is drawn as the word "deleted". */
function tileJob(job: JobRow): ExportJob {
  return job.outputDeletedAt === null ? job : { ...job, state: 'deleted', outputPath: null };
}

/** The prompt line of the title band: the input's one prompt, or how many it has. */
function promptLine(jobs: readonly JobRow[]): string {
  const prompts = [...new Set(jobs.map((j) => j.prompt))];
  return prompts.length === 1 ? prompts[0]! : `${prompts.length} prompts (see the labels)`;
}

/**
 * Writes the grids; null when there is no such batch. Inputs without a result yet, or whose grid
 * cannot be drawn or written, are listed in `problems`.
 */
export async function writeBatchGrids(
  journal: Journal,
  request: WriteGridsRequest,
): Promise<WriteGridsResult | null> {
  const batch = journal.batches.get(request.batchId);
  if (!batch) return null;
  const { xAxis, yAxis } = request;
  const inputs = journal.inputs.listByBatch(batch.id);
  const names = gridInputNames(inputs);
  const varied = variedAxes(batch.spec, inputs.length);
  const wanted = request.inputIds ? new Set(request.inputIds) : null;
  const result: WriteGridsResult = { grids: [], problems: [] };
  for (const input of inputs) {
    if (wanted && !wanted.has(input.id)) continue;
    try {
      const grid = await writeInputGrid(journal, {
        batch,
        input,
        name: names.get(input.id)!,
        xAxis,
        yAxis,
        varied,
      });
      if (grid) result.grids.push(grid);
      else result.problems.push({ inputId: input.id, message: `${input.name} has no results yet` });
    } catch (error) {
      result.problems.push({ inputId: input.id, message: `${input.name}: ${(error as Error).message}` });
    }
  }
  if (wanted) {
    for (const id of wanted)
      if (!inputs.some((i) => i.id === id))
        result.problems.push({ inputId: id, message: `batch ${batch.id} has no input ${id}` });
  }
  return result;
}

async function writeInputGrid(
  journal: Journal,
  o: {
    batch: BatchRow;
    input: InputRow;
    name: string;
    xAxis: GridAxis;
    yAxis: GridAxis;
    varied: ReturnType<typeof variedAxes>;
  },
): Promise<GridRow | null> {
  const jobs = inputJobs(journal, o.batch.id, o.input.id);
  if (!jobs.some((j) => j.outputPath !== null && j.outputDeletedAt === null)) return null;
  const sections = gridSections(jobs.map(tileJob), o.input.id, o.xAxis, o.yAxis, o.varied);
  const target = join(gridsFolder(o.batch), gridFileName(o.name, o.xAxis, o.yAxis));
  const prompt = promptLine(jobs);
  const description = {
    batchId: o.batch.id,
    batchName: o.batch.name,
    input: o.input.relPath,
    xAxis: o.xAxis,
    yAxis: o.yAxis,
    sections: sections.map((s) => ({
      held: s.title,
      xs: s.table.xs.map((v) => v.label),
      ys: s.table.ys.map((v) => v.label),
    })),
  };
  const { width, height } = await renderGrid(
    {
      batchName: o.batch.name,
      inputName: o.input.name,
      prompt,
      xTitle: AXIS_TITLES[o.xAxis],
      yTitle: AXIS_TITLES[o.yAxis],
      sections,
      sourceImage: o.input.thumbnailPath ?? o.input.path,
      text: {
        Title: `${o.batch.name} - ${o.input.name}`,
        Description: prompt,
        Software: `Sweep Studio ${STUDIO_VERSION}`,
        'X axis': AXIS_TITLES[o.xAxis],
        'Y axis': AXIS_TITLES[o.yAxis],
        'sweep-grid': JSON.stringify(description),
      },
    },
    target,
  );
  return journal.grids.put({
    batchId: o.batch.id,
    inputId: o.input.id,
    xAxis: o.xAxis,
    yAxis: o.yAxis,
    path: target,
    width,
    height,
  });
}
