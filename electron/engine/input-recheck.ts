/**
 * "Retry" of a job that failed because of its input: the input is looked at again before anything is
 * retried, so a retry never sends (or blames Segmind for) a file that is still broken. Each input is
 * prepared again from its original path (same recipe and cache as batch creation). Still unusable: the
 * input keeps its error, now the current one, and so do its failed jobs, which the journal then refuses
 * to retry. Usable now (the file was fixed, or the data folder's prepared copy is rebuilt): the input
 * records what preparation learnt and its failed jobs are keyed by the content they will really send
 * (a `match` job also takes the size nearest the input's shape, unknown while it was unusable).
 */
import { join } from 'node:path';
import { nearestResolution } from '@shared/catalogue';
import { INPUT_ERROR_CODE } from '@shared/scheduling';
import { jobKey } from '@shared/sweep';
import type { Journal } from '../db';
import type { JobRow } from '../db/job-types';
import { prepareInput } from '../images/prepare-input';

export interface InputRecheckDeps {
  journal: Journal;
  /** The engine's cache folder (`<data>/cache`); prepared inputs live in its `inputs` folder. */
  cacheDir: string;
  /** An input was prepared again: forget what was cached of its upload. */
  prepared(inputId: number): void;
}

/** Inputs a retry of these jobs must re-check: recorded as unusable, or failed as an input error. */
export function inputsToRecheck(journal: Journal, jobs: readonly JobRow[]): number[] {
  const ids = new Set<number>();
  for (const job of jobs) {
    if (job.state !== 'failed') continue;
    if (job.errorCode === INPUT_ERROR_CODE || journal.inputs.get(job.inputId)?.errorCode)
      ids.add(job.inputId);
  }
  return [...ids];
}

/** Prepares each input again and records the outcome (see the file comment). Never throws for a bad file. */
export async function recheckInputs(deps: InputRecheckDeps, inputIds: readonly number[]): Promise<void> {
  const { journal } = deps;
  for (const id of inputIds) {
    const input = journal.inputs.get(id);
    if (!input) continue;
    const result = await prepareInput(
      { path: input.path, relPath: input.relPath },
      { cacheDir: join(deps.cacheDir, 'inputs') },
    );
    journal.transaction(() => {
      if (!result.ok) {
        journal.inputs.recordError(id, result.code, result.message);
        journal.jobs.restateInputFailure(id, result.message);
        return;
      }
      journal.inputs.recordPrepared(id, result);
      journal.jobs.remakeFailedOfInput(id, (job) => {
        const resolution = job.resolutionMatched
          ? nearestResolution(result.width, result.height)
          : job.resolution;
        return { key: jobKey(result.contentHash, { ...job, resolution }), resolution };
      });
    });
    deps.prepared(id);
  }
}
