import { canTransition } from '@shared/scheduling';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_STATES, type JobMoveOutcome, type JobState } from '../../../electron/db';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

const receipt = (id: string) => ({
  requestId: id,
  statusUrl: `http://127.0.0.1:1/v2/requests/${id}/status`,
  responseUrl: `http://127.0.0.1:1/v2/requests/${id}`,
});

describe('jobs repo: transitions', () => {
  it('walks pending -> submitting -> queued -> processing -> completed, logging each step', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    const id = jobIds[0]!;
    const jobs = t.journal.jobs;
    const sub = jobs.markSubmitting(id, 100);
    expect(sub.ok && sub.job.attempts).toBe(1);
    const q = jobs.recordRequestId(id, receipt('req-1'), 200);
    expect(q.ok && q.job).toMatchObject({
      state: 'queued',
      requestId: 'req-1',
      submittedAt: 200,
      statusUrl: receipt('req-1').statusUrl,
    });
    expect(jobs.markProcessing(id, 300).ok).toBe(true);
    const done = jobs.markCompleted(
      id,
      { outputPath: '/o.png', thumbnailPath: '/o.webp', inferenceTimeSec: 9.5 },
      400,
    );
    expect(done.ok && done.job).toMatchObject({
      state: 'completed',
      startedAt: 300,
      finishedAt: 400,
      outputPath: '/o.png',
      thumbnailPath: '/o.webp',
      inferenceTimeSec: 9.5,
      updatedAt: 400,
    });
    const events = t.journal.jobEvents.listForJob(id);
    expect(events.map((e) => [e.kind, e.fromState, e.toState, e.at])).toEqual([
      ['state', 'pending', 'submitting', 100],
      ['state', 'submitting', 'queued', 200],
      ['state', 'queued', 'processing', 300],
      ['state', 'processing', 'completed', 400],
    ]);
    expect(events[1]!.detail).toEqual({ requestId: 'req-1' });
  });

  it('never lets a job end both failed and completed', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 2 });
    const [a, b] = jobIds as [number, number];
    const jobs = t.journal.jobs;
    jobs.markSubmitting(a);
    jobs.recordRequestId(a, receipt('r-a'));
    jobs.markCompleted(a, { outputPath: '/a.png', thumbnailPath: null, inferenceTimeSec: null });
    expect(jobs.markFailed(a, 'expired', 'too late')).toEqual({ ok: false, current: 'completed' });
    jobs.markSubmitting(b);
    jobs.markFailed(b, 'failed', 'server said FAILED');
    expect(
      jobs.markCompleted(b, { outputPath: '/b.png', thumbnailPath: null, inferenceTimeSec: null }),
    ).toEqual({
      ok: false,
      current: 'failed',
    });
    expect(jobs.get(a)).toMatchObject({ state: 'completed', errorCode: null });
    expect(jobs.get(b)).toMatchObject({ state: 'failed', outputPath: null, errorCode: 'failed' });
    // Refused moves write no event.
    expect(t.journal.jobEvents.listForJob(a)).toHaveLength(3);
  });

  it('refuses moves the state machine does not allow, and unknown jobs', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    const id = jobIds[0]!;
    const jobs = t.journal.jobs;
    expect(jobs.recordRequestId(id, receipt('r'))).toEqual({ ok: false, current: 'pending' });
    expect(jobs.markProcessing(id)).toEqual({ ok: false, current: 'pending' });
    expect(jobs.markCompleted(id, { outputPath: '/x', thumbnailPath: null, inferenceTimeSec: null }).ok).toBe(
      false,
    );
    expect(jobs.resetForRetry(id)).toEqual({ ok: false, current: 'pending' });
    jobs.markSubmitting(id);
    expect(jobs.markSubmitting(id)).toEqual({ ok: false, current: 'submitting' });
    jobs.recordRequestId(id, receipt('r'));
    // A job holding a request id never goes back to pending (that would pay twice).
    expect(jobs.releaseToPending(id)).toEqual({ ok: false, current: 'queued' });
    expect(jobs.markSubmitting(999_999)).toEqual({ ok: false, current: null });
  });

  it('completes straight from submitting for the synchronous endpoint, keeping its request id', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    const id = jobIds[0]!;
    t.journal.jobs.markSubmitting(id);
    const r = t.journal.jobs.markCompleted(id, {
      outputPath: '/s.png',
      thumbnailPath: null,
      inferenceTimeSec: 3,
      requestId: 'sync-1',
    });
    expect(r.ok && r.job.requestId).toBe('sync-1');
  });

  it('releases a refused submit back to pending, optionally refunding the attempt', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    const id = jobIds[0]!;
    const jobs = t.journal.jobs;
    jobs.markSubmitting(id);
    expect(jobs.releaseToPending(id, { reason: '429' }).ok).toBe(true);
    expect(jobs.get(id)?.attempts).toBe(1);
    jobs.markSubmitting(id);
    jobs.releaseToPending(id, { reason: 'halt', refundAttempt: true });
    expect(jobs.get(id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(t.journal.jobEvents.listForJob(id).at(-1)?.detail).toEqual({ reason: 'halt' });
  });

  it('resets a failed job for retry with a clean slate', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 1 });
    const id = jobIds[0]!;
    const jobs = t.journal.jobs;
    jobs.markSubmitting(id);
    jobs.recordRequestId(id, receipt('old'));
    jobs.markFailed(id, 'expired', 'result expired');
    const r = jobs.resetForRetry(id);
    expect(r.ok && r.job).toMatchObject({
      state: 'pending',
      attempts: 0,
      requestId: null,
      statusUrl: null,
      submittedAt: null,
      finishedAt: null,
      errorCode: null,
      errorMessage: null,
    });
  });

  it('retries a job whose paid result could not be saved by fetching it again (keeps the request id)', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 2 });
    const jobs = t.journal.jobs;
    for (const [i, code] of [
      [0, 'disk_full'],
      [1, 'generation_failed'],
    ] as const) {
      jobs.markSubmitting(jobIds[i]!);
      jobs.recordRequestId(jobIds[i]!, receipt(`r${i}`));
      jobs.markFailed(jobIds[i]!, code, 'x');
    }
    const kept = jobs.resetForRetry(jobIds[0]!);
    expect(kept.ok && kept.job).toMatchObject({
      state: 'queued',
      requestId: 'r0',
      errorCode: null,
      outputPath: null,
    });
    expect(jobs.resetFailedForRetry(batchId)).toBe(1);
    expect(jobs.get(jobIds[1]!)).toMatchObject({ state: 'pending', requestId: null });
  });

  it('retries, cancels and fails in bulk, one event per moved job', () => {
    const { batchId, inputIds, jobIds } = seedBatch(t.journal, { jobCount: 6, inputCount: 2 });
    const jobs = t.journal.jobs;
    jobs.markFailed(jobIds[0]!, 'x', 'y');
    jobs.markFailed(jobIds[1]!, 'x', 'y');
    jobs.markCancelled(jobIds[2]!);
    expect(jobs.resetFailedForRetry(batchId)).toBe(2);
    expect(jobs.countsByState(batchId)).toMatchObject({ pending: 5, cancelled: 1, failed: 0 });
    expect(jobs.resetFailedForRetry(batchId, { includeCancelled: true })).toBe(1);
    // Input 1 holds ordinals 1, 3, 5; one of them is in flight and must be left alone.
    jobs.markSubmitting(jobIds[3]!);
    expect(jobs.failPendingForInput(inputIds[1]!, 'input_error', 'p1.jpg is not an image')).toBe(2);
    expect(jobs.get(jobIds[5]!)).toMatchObject({ state: 'failed', errorMessage: 'p1.jpg is not an image' });
    expect(jobs.cancelPending(batchId)).toBe(3);
    expect(jobs.countsByState(batchId)).toMatchObject({ cancelled: 3, failed: 2, submitting: 1, pending: 0 });
    expect(t.journal.jobEvents.listForJob(jobIds[0]!).map((e) => e.toState)).toEqual([
      'failed',
      'pending',
      'cancelled',
    ]);
  });

  it('re-queues only the cancelled jobs of a batch, cleared as for a retry', () => {
    const { batchId, jobIds } = seedBatch(t.journal, { jobCount: 5 });
    const jobs = t.journal.jobs;
    jobs.markFailed(jobIds[0]!, 'x', 'y');
    jobs.markCancelled(jobIds[1]!);
    jobs.markCancelled(jobIds[2]!);
    expect(jobs.requeueCancelled(batchId)).toBe(2);
    expect(jobs.countsByState(batchId)).toMatchObject({ pending: 4, failed: 1, cancelled: 0 });
    expect(jobs.get(jobIds[1]!)).toMatchObject({ state: 'pending', attempts: 0, finishedAt: null });
    expect(jobs.requeueCancelled(batchId)).toBe(0);
  });

  it('marks a duplicate as reusing an earlier output', () => {
    const { jobIds } = seedBatch(t.journal, { jobCount: 2 });
    const [src, dup] = jobIds as [number, number];
    t.journal.jobs.markSubmitting(src);
    t.journal.jobs.markCompleted(src, {
      outputPath: '/src.png',
      thumbnailPath: '/src.webp',
      inferenceTimeSec: 2,
    });
    const source = t.journal.jobs.get(src)!;
    const r = t.journal.jobs.markSkippedDuplicate(dup, source);
    expect(r.ok && r.job).toMatchObject({
      state: 'skipped_duplicate',
      reusedFromJobId: src,
      outputPath: '/src.png',
      thumbnailPath: '/src.webp',
    });
    expect(t.journal.jobs.markSkippedDuplicate(src, source)).toEqual({ ok: false, current: 'completed' });
  });

  it('lists in-flight jobs for recovery and requeues only those without a request id', () => {
    const old = seedBatch(t.journal, { jobCount: 3, createdAt: 1 });
    const young = seedBatch(t.journal, { jobCount: 3, createdAt: 2 });
    const jobs = t.journal.jobs;
    jobs.markSubmitting(young.jobIds[0]!); // intent recorded, crashed before the submit returned
    jobs.markSubmitting(old.jobIds[2]!);
    jobs.recordRequestId(old.jobIds[2]!, receipt('q'));
    jobs.markSubmitting(old.jobIds[1]!);
    jobs.recordRequestId(old.jobIds[1]!, receipt('p'));
    jobs.markProcessing(old.jobIds[1]!);
    expect(jobs.listRecoverable().map((j) => [j.id, j.state, j.requestId])).toEqual([
      [old.jobIds[1], 'processing', 'p'],
      [old.jobIds[2], 'queued', 'q'],
      [young.jobIds[0], 'submitting', null],
    ]);
    expect(jobs.requeueInterrupted()).toBe(1);
    expect(jobs.get(young.jobIds[0]!)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(jobs.listRecoverable().every((j) => j.requestId !== null)).toBe(true);
  });

  it('enforces the one job table: every move canTransition refuses is refused, every other one made', () => {
    const jobs = t.journal.jobs;
    const { jobIds } = seedBatch(t.journal, { jobCount: JOB_STATES.length ** 2 + 1 });
    const source = jobIds.at(-1)!;
    jobs.markSubmitting(source);
    jobs.markCompleted(source, { outputPath: '/s.png', thumbnailPath: null, inferenceTimeSec: null });
    const done = { outputPath: '/o.png', thumbnailPath: null, inferenceTimeSec: null };
    /** Puts a pending job into `state` through legal moves. */
    const driveTo = (id: number, state: JobState): void => {
      const steps: Record<JobState, (() => JobMoveOutcome)[]> = {
        pending: [],
        submitting: [() => jobs.markSubmitting(id)],
        queued: [() => jobs.markSubmitting(id), () => jobs.recordRequestId(id, receipt(`r${id}`))],
        processing: [
          () => jobs.markSubmitting(id),
          () => jobs.recordRequestId(id, receipt(`r${id}`)),
          () => jobs.markProcessing(id),
        ],
        completed: [() => jobs.markSubmitting(id), () => jobs.markCompleted(id, done)],
        failed: [() => jobs.markFailed(id, 'invalid_request', 'x')],
        cancelled: [() => jobs.markCancelled(id)],
        skipped_duplicate: [() => jobs.markSkippedDuplicate(id, jobs.get(source)!)],
      };
      for (const step of steps[state]) expect(step().ok).toBe(true);
      expect(jobs.get(id)?.state).toBe(state);
    };
    /** One journal call per target state: the guard is the same whatever else the call writes. */
    const moveTo = (id: number, to: JobState): JobMoveOutcome =>
      ({
        pending: () => jobs.releaseToPending(id),
        submitting: () => jobs.markSubmitting(id),
        queued: () => jobs.recordRequestId(id, receipt(`again${id}`)),
        processing: () => jobs.markProcessing(id),
        completed: () => jobs.markCompleted(id, done),
        failed: () => jobs.markFailed(id, 'invalid_request', 'y'),
        cancelled: () => jobs.markCancelled(id),
        skipped_duplicate: () => jobs.markSkippedDuplicate(id, jobs.get(source)!),
      })[to]();
    let n = 0;
    let made = 0;
    for (const from of JOB_STATES) {
      for (const to of JOB_STATES) {
        const id = jobIds[n++]!;
        driveTo(id, from);
        const events = t.journal.jobEvents.listForJob(id).length;
        const outcome = moveTo(id, to);
        expect(outcome.ok, `${from} -> ${to}`).toBe(canTransition(from, to));
        if (outcome.ok) made++;
        else expect(outcome, `${from} -> ${to}`).toEqual({ ok: false, current: from });
        expect(jobs.get(id)?.state).toBe(outcome.ok ? to : from);
        expect(t.journal.jobEvents.listForJob(id)).toHaveLength(events + (outcome.ok ? 1 : 0));
      }
    }
    // The table's edges (see shared/scheduling/job-states.ts), each one made once here.
    expect(made).toBe(19);
  });
});
