/**
 * Ambiguous submits (issue 11 §4): a submit whose 2xx answer is cut off on the way may have been
 * accepted and charged. The engine never sends it again, fails the job saying exactly that (never
 * "kept sending" after one answer), and notes it on the job, so the journal can count ambiguous submits
 * per batch for the ledger. A retry is the user's choice and pays again, knowingly; the count stays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { countRequests, createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

describe('engine: ambiguous submits', () => {
  it('are failed with what they mean, counted per batch, never sent twice', async () => {
    const h = await createHarness({ faults: { truncatedBody: 1 } }, { concurrency: 4 });
    harnesses.push(h);
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.goodDir], { seeds: '100', prompts: ['a red coat'] }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 60_000);
    const jobs = h.engine.pageJobs(created.batchId).rows;
    expect(jobs).toHaveLength(5);
    for (const job of jobs) {
      expect(job.state).toBe('failed');
      expect(job.errorCode).toBe('ambiguous_submit');
      expect(job.errorMessage).toMatch(
        /^Segmind may have accepted \(and charged\) this request; its answer was unreadable \(Segmind answered HTTP 200 but the answer was cut off .*; 1 attempt\)$/,
      );
      expect(job.errorMessage).not.toMatch(/kept/);
    }
    const stats = h.simulator.stats();
    expect(countRequests(stats, 'v2.submit')).toBe(5);
    expect(stats.acceptedSubmits).toBe(5);
    expect(h.journal.jobEvents.countAmbiguousSubmits(created.batchId)).toBe(5);

    // The user's retry pays again, knowingly; the ambiguous count of the batch stays.
    h.simulator.configure({ faults: { truncatedBody: 0 } });
    expect(await h.engine.retryFailed(created.batchId)).toBe(5);
    await idleWithin(h.engine, 60_000);
    expect(h.engine.summary(created.batchId)!.counts.completed).toBe(5);
    expect(h.journal.jobEvents.countAmbiguousSubmits(created.batchId)).toBe(5);
  }, 90_000);
});
