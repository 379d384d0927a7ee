/**
 * Contract handlers for the `grids:` domain (issue 12 §6): list a batch's labelled grid PNGs and write
 * them on demand for two axes (electron/engine/batch-grids does the work).
 */
import { type GridView, ServiceError } from '@shared/contract';
import type { GridRow } from '../../db';
import { writeBatchGrids } from '../../engine/batch-grids';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { toGridView } from '../view-mappers';

export function gridsHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'grids'>> {
  const views = (batchId: string, rows: GridRow[]): GridView[] => {
    const names = new Map(ctx.journal.inputs.listByBatch(batchId).map((i) => [i.id, i.name]));
    return rows.map((row) => toGridView(row, names.get(row.inputId) ?? `input ${row.inputId}`));
  };
  return {
    'grids:list': ({ batchId }) => {
      if (!ctx.journal.batches.get(batchId)) throw new ServiceError('not_found', `no batch ${batchId}`);
      return views(batchId, ctx.journal.grids.listByBatch(batchId));
    },
    'grids:write': async ({ batchId, xAxis, yAxis, inputIds }) => {
      if (xAxis === 'input' || yAxis === 'input')
        throw new ServiceError('invalid_input', 'a grid is drawn per input; pick two other axes');
      if (xAxis === yAxis) throw new ServiceError('invalid_input', 'pick two different axes');
      const written = await writeBatchGrids(ctx.journal, { batchId, xAxis, yAxis, inputIds });
      if (!written) throw new ServiceError('not_found', `no batch ${batchId}`);
      return { grids: views(batchId, written.grids), problems: written.problems };
    },
  };
}
