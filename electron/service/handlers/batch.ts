/**
 * Contract handlers for the `batch:` domain: create from a sweep spec, list and read, pause / resume /
 * cancel, retry failed jobs, prune and its undo, priority, the batch's inputs, and delete (optionally with its files).
 */
import { type BatchView, ServiceError } from '@shared/contract';
import {
  BatchRequestError,
  NeedsConfirmationError,
  NeedsSpendConfirmationError,
} from '../../engine/batch-creator';
import { deleteBatch } from '../../engine/batch-deleter';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { toInputView } from '../view-mappers';

export function batchHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'batch'>> {
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
    'batch:create': async ({
      spec,
      outputDir,
      name,
      priority,
      confirmLarge,
      maxSpendUsd,
      confirmSpendUsd,
      parentBatchId,
      parentJobId,
    }) => {
      const settings = ctx.settings.get();
      const withTemplate = { template: settings.template, ...spec };
      try {
        const created = await ctx.engine().createBatch({
          spec: withTemplate,
          outputDir: outputDir ?? settings.outputDir,
          name,
          priority,
          confirmLarge,
          maxSpendUsd: maxSpendUsd ?? null,
          spend: {
            priceUsd: settings.pricePerGenerationUsd,
            backend: ctx.backend().kind,
            confirmAboveUsd: settings.confirmAboveUsd,
            confirmedUsd: confirmSpendUsd,
          },
          wildcardsDir: settings.wildcardsDir,
          parentBatchId,
          parentJobId,
        });
        return {
          batchId: created.batchId,
          jobCount: created.jobCount,
          inputCount: created.inputCount,
          inputProblems: [...created.discoveryProblems, ...created.inputProblems],
        };
      } catch (error) {
        if (error instanceof NeedsConfirmationError)
          throw new ServiceError('needs_confirmation', error.message);
        if (error instanceof NeedsSpendConfirmationError)
          throw new ServiceError('needs_spend_confirmation', error.message);
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
    'batch:retryFailed': async ({ batchId }) => ({
      count: await ctx.engine().retryFailed(existing(batchId)),
    }),
    'batch:requeueCancelled': ({ batchId }) => ({ count: ctx.engine().requeueCancelled(existing(batchId)) }),
    'batch:setPriority': ({ batchId, priority }) => {
      ctx.engine().setPriority(existing(batchId), priority);
      return view(batchId);
    },
    'batch:delete': async ({ batchId, deleteFiles }) => {
      const cancel = (id: string, opts?: { abandonInFlight?: boolean }) => ctx.engine().cancel(id, opts);
      const result = await deleteBatch({ journal: ctx.journal, cancel }, { batchId, deleteFiles });
      if (!result) throw new ServiceError('not_found', `no batch ${batchId}`);
      return result;
    },
    'batch:prune': ({ batchId, axis, value, label }) => ({
      count: ctx.engine().prune(existing(batchId), { axis, value }, label),
    }),
    'batch:unprune': ({ batchId, axis, value }) => ({
      count: ctx.engine().unprune(existing(batchId), { axis, value }),
    }),
    'batch:inputs': ({ batchId }) => ctx.journal.inputs.listByBatch(existing(batchId)).map(toInputView),
    'batch:setMaxSpend': ({ batchId, maxSpendUsd }) => {
      ctx.engine().setMaxSpend(existing(batchId), maxSpendUsd);
      return view(batchId);
    },
  };
}
