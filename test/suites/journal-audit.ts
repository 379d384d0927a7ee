/**
 * What the proof suites read back after a sweep: every job of a batch with the facts its event log
 * proves (request ids stored, states visited, submits interrupted by a kill) and the simulator
 * fingerprint of its params, so simulator counts can be matched to journal jobs one by one.
 */

import { validateIdeogramParams } from '@shared/catalogue';
import { toIdeogramParams } from '@shared/sweep';
import type { Journal } from '../../electron/db';
import type { JobRow } from '../../electron/db/job-types';
import { createInputFiles } from '../../electron/engine/input-files';
import { paramsFingerprint } from '../../electron/simulator/fingerprint';

export interface AuditedJob {
  job: JobRow;
  /** Simulator fingerprint of the params this job sends (sha256 of the canonical validated params). */
  fingerprint: string;
  /** submitting -> queued moves: the request id was committed this many times. */
  requestIdsStored: number;
  /** Every state the job entered, in order. */
  visited: string[];
  /** Submits cut short by a kill (released with 'interrupted before the submit returned'). */
  interruptedSubmits: number;
}

/** Reads every job of `batchId` with its event facts and fingerprint. */
export async function auditBatch(journal: Journal, batchId: string): Promise<AuditedJob[]> {
  const rows: JobRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = journal.jobs.page(batchId, { limit: 1000, offset }).rows;
    rows.push(...page);
    if (page.length < 1000) break;
  }
  const inputFiles = createInputFiles(journal);
  const out: AuditedJob[] = [];
  for (const job of rows) {
    const events = journal.jobEvents.listForJob(job.id, 100_000);
    const states = events.filter((e) => e.kind === 'state' && e.toState);
    const params = validateIdeogramParams(toIdeogramParams(job, await inputFiles.imageFileFor(job.inputId)));
    if (!params.ok) throw new Error(`job ${job.id} has invalid stored params`);
    out.push({
      job,
      fingerprint: paramsFingerprint(params.value),
      requestIdsStored: states.filter((e) => e.fromState === 'submitting' && e.toState === 'queued').length,
      visited: states.map((e) => e.toState as string),
      interruptedSubmits: states.filter(
        (e) =>
          e.fromState === 'submitting' &&
          e.toState === 'pending' &&
          JSON.stringify(e.detail).includes('interrupted before the submit returned'),
      ).length,
    });
  }
  return out;
}

/** Collects failed checks instead of stopping at the first, so a report shows every broken identity. */
export class Violations {
  readonly list: string[] = [];
  check(ok: boolean, message: string): void {
    if (!ok && this.list.length < 200) this.list.push(message);
  }
  equal(actual: unknown, expected: unknown, what: string): void {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    this.check(a === e, `${what}: got ${a}, expected ${e}`);
  }
}
