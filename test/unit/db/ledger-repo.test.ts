import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

/** Moves a job to queued with `requestId` and opens its ledger entry, as the job runner does. */
function accept(jobId: number, batchId: string, requestId: string) {
  const { jobs, ledger } = t.journal;
  t.journal.transaction(() => {
    expect(jobs.markSubmitting(jobId).ok).toBe(true);
    expect(jobs.recordRequestId(jobId, { requestId, statusUrl: null, responseUrl: null }).ok).toBe(true);
    ledger.open(requestId, { jobId, batchId, backend: 'simulator' });
  });
}

describe('ledger repo', () => {
  it('counts billed, not billed, ambiguous, unconfirmed and in-flight jobs of a batch', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 8 });
    const { jobs, ledger } = t.journal;
    const owner = (i: number) => ({ jobId: jobIds[i]!, batchId, backend: 'simulator' as const });
    for (let i = 0; i < 6; i++) accept(jobIds[i]!, batchId, `r${i}`);
    expect(jobs.markSubmitting(jobIds[6]!).ok).toBe(true); // a submit in the air
    expect(ledger.batchCounts(batchId)).toMatchObject({ billed: 0, inFlight: 7, unconfirmed: 0 });

    t.clock.now += 1500;
    ledger.settleBilled('r0', owner(0), { costUsd: 0.1, source: 'price' });
    ledger.settleBilled('r1', owner(1), { costUsd: 0.08, source: 'answer', remainingCredits: 9.92 });
    ledger.settleNotBilled('r2', owner(2));
    // The job runner's note for a submit whose answer could not be read (no request id).
    t.journal.jobEvents.append({
      jobId: jobIds[6]!,
      kind: 'note',
      detail: { ambiguousSubmit: true, status: 200 },
    });
    // r3: the result expired before its outcome was seen; the job fails with the entry still open.
    jobs.markFailed(jobIds[3]!, 'expired', 'the result expired');
    expect(ledger.batchCounts(batchId)).toEqual({
      billed: 2,
      billedUsd: 0.18,
      billedFromAnswer: 1,
      notBilled: 1,
      ambiguous: 1,
      unconfirmed: 1,
      // r0 and r1 are billed but still writing their output: they no longer count as in flight.
      inFlight: 3, // r4, r5 and the submit in the air
      remainingCredits: 9.92,
    });
    expect(ledger.countAmbiguousSubmits(batchId)).toBe(1);
    expect(ledger.countPruned(batchId)).toBe(0);
    expect(ledger.inFlightJobs()).toBe(3);
    // Slot time from the submit (opened at the clock's then-time) to COMPLETED seen; neither wrote its output.
    const opened = t.clock.now - 1500;
    expect(ledger.recentSlotTimes('simulator', 10)).toEqual([
      { openedAt: opened, settledAt: opened + 1500, finishMs: null },
      { openedAt: opened, settledAt: opened + 1500, finishMs: null },
    ]);
    expect(ledger.recentSlotTimes('segmind', 10)).toEqual([]);
    // Once r0's output is written 200 ms later, its finish time joins the history.
    t.clock.now += 200;
    jobs.markCompleted(jobIds[0]!, { outputPath: '/out/0.png', thumbnailPath: null, inferenceTimeSec: 1 });
    expect(ledger.recentSlotTimes('simulator', 10)).toContainEqual({
      openedAt: opened,
      settledAt: opened + 1500,
      finishMs: 200,
    });
  });

  it('settles once: a repeated COMPLETED keeps the first cost, a stated cost replaces the price', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 2 });
    const { ledger } = t.journal;
    const owner = { jobId: jobIds[0]!, batchId, backend: 'segmind' as const };
    accept(jobIds[0]!, batchId, 'r0');
    ledger.settleBilled('r0', owner, { costUsd: 0.1, source: 'price', at: 10 });
    ledger.settleBilled('r0', owner, { costUsd: 0.1, source: 'price', at: 20 });
    ledger.settleNotBilled('r0', owner); // never un-bills
    expect(ledger.batchCounts(batchId)).toMatchObject({ billed: 1, billedUsd: 0.1, notBilled: 0 });
    ledger.settleBilled('r0', owner, { costUsd: 0.07, source: 'answer', at: 30 });
    ledger.settleBilled('r0', owner, { costUsd: 0.1, source: 'price', at: 40 });
    expect(ledger.batchCounts(batchId)).toMatchObject({ billed: 1, billedUsd: 0.07, billedFromAnswer: 1 });
    // An entry the runner never opened (a request accepted before this schema) is created on settle.
    ledger.settleBilled('r-old', { ...owner, jobId: jobIds[1]! }, { costUsd: 0.1, source: 'price' });
    expect(ledger.batchCounts(batchId).billed).toBe(2);
  });

  it('sums a period per backend, and keeps entries when their batch is deleted', () => {
    const a = seedBatch(t.journal, { jobCount: 3 });
    const { ledger } = t.journal;
    const start = t.clock.now;
    accept(a.jobIds[0]!, a.batchId, 'r0');
    accept(a.jobIds[1]!, a.batchId, 'r1');
    ledger.settleBilled(
      'r0',
      { jobId: a.jobIds[0]!, batchId: a.batchId, backend: 'simulator' },
      {
        costUsd: 0.1,
        source: 'price',
      },
    );
    t.journal.jobEvents.append({ jobId: a.jobIds[2]!, kind: 'note', detail: { ambiguousSubmit: true } });
    expect(ledger.periodCounts('simulator', start)).toMatchObject({
      billed: 1,
      billedUsd: 0.1,
      ambiguous: 1,
    });
    expect(ledger.periodCounts('simulator', start + 1)).toMatchObject({ billed: 0, ambiguous: 0 });
    expect(ledger.periodCounts('segmind', start)).toMatchObject({ billed: 0, billedUsd: 0 });
    t.journal.batches.remove(a.batchId);
    // Money spent stays spent; the open request of the deleted batch is now an unconfirmed one. (The
    // ambiguous-submit notes are job events: they go with their jobs.)
    expect(ledger.periodCounts('simulator', start)).toMatchObject({
      billed: 1,
      ambiguous: 0,
      unconfirmed: 1,
    });
  });
});
