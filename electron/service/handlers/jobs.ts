/**
 * Contract handlers for the `jobs:` and `job:` domains: filtered pages and counts for the grid (the
 * filters are applied here, in SQL), jobs by id, one job's detail, retry, reveal in the file manager.
 */
import { access } from 'node:fs/promises';
import { type JobView, ServiceError } from '@shared/contract';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { toInputView, toJobEventView, toJobView } from '../view-mappers';

export function jobHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'jobs' | 'job'>> {
  const job = (jobId: number) => {
    const row = ctx.journal.jobs.get(jobId);
    if (!row) throw new ServiceError('not_found', `no job ${jobId}`);
    return row;
  };
  return {
    'jobs:page': ({ batchId, offset, limit, states, ...filter }) => {
      if (!ctx.journal.batches.get(batchId)) throw new ServiceError('not_found', `no batch ${batchId}`);
      const page = ctx.journal.jobs.page(batchId, { offset, limit, state: states, ...filter });
      return { total: page.total, rows: page.rows.map(toJobView) };
    },
    'jobs:counts': ({ batchId, states, ...filter }) => {
      if (!ctx.journal.batches.get(batchId)) throw new ServiceError('not_found', `no batch ${batchId}`);
      return ctx.journal.jobs.filteredCounts(batchId, { state: states, ...filter });
    },
    'jobs:byIds': ({ ids }) =>
      ids.flatMap((jobId) => {
        const row = ctx.journal.jobs.get(jobId);
        return row ? [toJobView(row)] : [];
      }),
    'job:get': ({ jobId }) => {
      const row = job(jobId);
      const input = ctx.journal.inputs.get(row.inputId);
      if (!input) throw new ServiceError('not_found', `input of job ${jobId} is gone`);
      return {
        job: toJobView(row),
        input: toInputView(input),
        events: ctx.journal.jobEvents.listForJob(jobId, 200).map(toJobEventView),
      };
    },
    'job:retry': async ({ jobId }): Promise<JobView> => {
      job(jobId);
      if (!(await ctx.engine().retryJob(jobId))) {
        const now = job(jobId);
        const input = ctx.journal.inputs.get(now.inputId);
        // The input was looked at again and is still unusable: say why, as the job does.
        if (now.state === 'failed' && input?.errorMessage)
          throw new ServiceError('conflict', `not retried: ${input.errorMessage}`);
        throw new ServiceError(
          'conflict',
          `job ${jobId} is not failed or cancelled, so there is nothing to retry`,
        );
      }
      return toJobView(job(jobId));
    },
    'job:reveal': async ({ jobId, open }) => {
      const row = job(jobId);
      if (!row.outputPath) throw new ServiceError('not_found', `job ${jobId} has no output yet`);
      // Say which: web mode cannot open a file manager at all, and that is not a missing file.
      if (!ctx.platform.reveal) return { ok: false, reason: 'unsupported' };
      const present = await access(row.outputPath).then(
        () => true,
        () => false,
      );
      if (!present) return { ok: false, reason: 'missing' };
      return (await ctx.platform.reveal(row.outputPath, open))
        ? { ok: true }
        : { ok: false, reason: 'failed' };
    },
  };
}
