/**
 * Contract handlers for the `matrix:` domain: export one input's X/Y matrix as a PNG. The table is
 * shared/sweep's `buildTable` over the journal's jobs, narrowed by the same axis keys the matrix view
 * sends, so the picture shows exactly the cells the screen does; electron/images renders it.
 */
import { ServiceError } from '@shared/contract';
import { buildTable, type FixedAxes, type MatrixTable, narrowJobs, type SweepAxis } from '@shared/sweep';
import type { Journal } from '../../db';
import type { JobRow } from '../../db/job-types';
import { exportsDir, renderMatrix } from '../../images/matrix-export';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export interface MatrixChoice {
  batchId: string;
  inputId: number;
  xAxis: SweepAxis;
  yAxis: SweepAxis;
  fixed: FixedAxes;
}

/** The table main exports for `choice`: every job of the input, narrowed and laid out. */
export function matrixTable(journal: Journal, choice: MatrixChoice): MatrixTable<JobRow> {
  const jobs: JobRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = journal.jobs.page(choice.batchId, { inputId: choice.inputId, offset, limit: 1000 });
    jobs.push(...page.rows);
    if (offset + 1000 >= page.total) break;
  }
  return buildTable(narrowJobs(jobs, choice.inputId, choice.fixed), choice.xAxis, choice.yAxis);
}

export function matrixHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'matrix'>> {
  return {
    'matrix:export': async ({ cellSize, ...choice }) => {
      if (!ctx.journal.batches.get(choice.batchId))
        throw new ServiceError('not_found', `no batch ${choice.batchId}`);
      const table = matrixTable(ctx.journal, choice);
      if (table.xs.length === 0 || table.ys.length === 0)
        throw new ServiceError('not_found', 'no jobs of this input match the chosen axes');
      const input = ctx.journal.inputs.get(choice.inputId);
      const { id, path, width, height } = await renderMatrix(table, {
        cellSize,
        sourceImage: input?.thumbnailPath ?? input?.path ?? null,
        dir: exportsDir(ctx.dataDir),
      });
      return { media: { kind: 'export', id }, path, width, height };
    },
  };
}
