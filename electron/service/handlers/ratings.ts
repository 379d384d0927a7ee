/**
 * Contract handlers for the `ratings:` domain (issue 12 §2): set flags and stars on results, export the
 * picks with a manifest, and plan / run a clean-up of rejected (and unrated) results' files. The work
 * is in electron/engine (picks-export, batch-cleaner); changes reach every view as `jobs:changed`.
 */
import { ServiceError } from '@shared/contract';
import { CleanupChangedError, cleanUpBatch, planCleanup } from '../../engine/batch-cleaner';
import { exportPicks } from '../../engine/picks-export';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { toJobView } from '../view-mappers';

/** A file-system failure (a folder that cannot be written…) is the request's problem, said plainly. */
function fileProblem(error: unknown, what: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    throw new ServiceError('invalid_input', `${what}: ${(error as Error).message}`);
  throw error;
}

export function ratingsHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'ratings'>> {
  const noBatch = (batchId: string) => new ServiceError('not_found', `no batch ${batchId}`);
  return {
    'ratings:set': ({ jobIds, flag, stars }) => ({
      jobs: ctx.engine().rate(jobIds, { flag, stars }).map(toJobView),
    }),
    'ratings:exportPicks': async ({ batchId, selection, dir }) => {
      const result = await exportPicks(ctx.journal, { batchId, selection, dir }).catch((e) =>
        fileProblem(e, `could not export to ${dir ?? 'the picks folder'}`),
      );
      if (!result) throw noBatch(batchId);
      return result;
    },
    'ratings:cleanupPlan': async ({ batchId, scope }) => {
      const plan = await planCleanup(ctx.journal, { batchId, scope });
      if (!plan) throw noBatch(batchId);
      return plan;
    },
    'ratings:cleanup': async (request) => {
      try {
        const outcome = await cleanUpBatch(ctx.journal, request, (jobs) => ctx.engine().announce(jobs));
        if (!outcome) throw noBatch(request.batchId);
        return outcome;
      } catch (error) {
        if (error instanceof CleanupChangedError) throw new ServiceError('conflict', error.message);
        throw error;
      }
    },
  };
}
