/**
 * Contract handlers for batches: create from a sweep spec, list and read, pause / resume / cancel,
 * retry failed jobs, priority, and delete (optionally with the files it wrote).
 */
import { rm } from 'node:fs/promises';
import type { BatchView } from '@shared/contract';
import { BatchRequestError } from '../../engine/batch-creator';
import { type Handlers, ServiceError } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { toInputView } from '../view-mappers';

type BatchMethods =
  | 'batch:create'
  | 'batch:list'
  | 'batch:get'
  | 'batch:pause'
  | 'batch:resume'
  | 'batch:cancel'
  | 'batch:retryFailed'
  | 'batch:setPriority'
  | 'batch:delete'
  | 'batch:inputs';

export function batchHandlers(ctx: ServiceContext): Pick<Handlers, BatchMethods> {
  const view = (batchId: string): BatchView => {
    const v = ctx.views.batchById(batchId);
    if (!v) throw new ServiceError('not_found', `no batch ${batchId}`);
    return v;
  };
  const existing = (batchId: string) => {
    view(batchId);
    return batchId;
  };
  return {
    'batch:create': async ({ spec, outputDir, name, priority, confirmLarge }) => {
      const settings = ctx.settings.get();
      const withTemplate = { template: settings.template, ...spec };
      try {
        const created = await ctx.engine().createBatch({
          spec: withTemplate,
          outputDir: outputDir ?? settings.outputDir,
          name,
          priority,
          confirmLarge,
        });
        return {
          batchId: created.batchId,
          jobCount: created.jobCount,
          inputCount: created.inputCount,
          inputProblems: [...created.discoveryProblems, ...created.inputProblems],
        };
      } catch (error) {
        if (error instanceof BatchRequestError) throw new ServiceError('invalid_input', error.message);
        throw error;
      }
    },
    'batch:list': ({ limit }) => ctx.engine().listBatches().slice(0, limit).map(ctx.views.batch),
    'batch:get': ({ batchId }) => view(batchId),
    'batch:pause': ({ batchId }) => {
      ctx.engine().pause(existing(batchId));
      return view(batchId);
    },
    'batch:resume': ({ batchId }) => {
      ctx.engine().resume(existing(batchId));
      return view(batchId);
    },
    'batch:cancel': async ({ batchId }) => {
      await ctx.engine().cancel(existing(batchId));
      return view(batchId);
    },
    'batch:retryFailed': ({ batchId }) => ({ count: ctx.engine().retryFailed(existing(batchId)) }),
    'batch:setPriority': ({ batchId, priority }) => {
      ctx.engine().setPriority(existing(batchId), priority);
      return view(batchId);
    },
    'batch:delete': async ({ batchId, deleteFiles }) => {
      const batch = ctx.journal.batches.get(batchId);
      if (!batch) throw new ServiceError('not_found', `no batch ${batchId}`);
      if (batch.state !== 'completed') await ctx.engine().cancel(batchId, { abandonInFlight: true });
      const files = deleteFiles ? outputFiles(ctx, batchId) : [];
      const deleted = ctx.journal.batches.remove(batchId);
      let filesDeleted = 0;
      for (const { file, isOutput } of files) {
        const removed = await rm(file, { force: true }).then(
          () => true,
          () => false,
        );
        if (removed && isOutput) filesDeleted++;
      }
      return { deleted, filesDeleted };
    },
    'batch:inputs': ({ batchId }) => ctx.journal.inputs.listByBatch(existing(batchId)).map(toInputView),
  };
}

/** Output and thumbnail files this batch wrote (outputs reused from other batches are copies, so theirs). */
function outputFiles(ctx: ServiceContext, batchId: string): { file: string; isOutput: boolean }[] {
  const files: { file: string; isOutput: boolean }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = ctx.journal.jobs.page(batchId, { offset, limit: 1000 });
    for (const job of page.rows) {
      if (job.outputPath) files.push({ file: job.outputPath, isOutput: true });
      if (job.thumbnailPath) files.push({ file: job.thumbnailPath, isOutput: false });
    }
    if (offset + 1000 >= page.total) return files;
  }
}
