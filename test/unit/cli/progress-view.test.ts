/** The CLI's progress line speaks the studio's vocabulary: "Finished — 8 done, 2 failed", never "10/10 done". */
import { emptyLedger } from '@shared/economics';
import { JOB_STATES, type JobState } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';
import { describeProgress } from '../../../electron/cli/progress-view';
import type { BatchRow } from '../../../electron/db/batches-repo';
import type { BatchSummary } from '../../../electron/engine/engine';

function summary(
  state: BatchRow['state'],
  c: Partial<Record<JobState, number>>,
  extra: Partial<BatchSummary> = {},
) {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, c[s] ?? 0])) as Record<JobState, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    batch: { id: 'b', state } as BatchRow,
    counts,
    total,
    done: total,
    etaMs: null,
    jobsPerMinute: 0,
    ledger: emptyLedger(0.1),
    ...extra,
  } satisfies BatchSummary;
}

describe('describeProgress', () => {
  it('ends a batch with failures as the studio does', () => {
    expect(describeProgress(summary('completed', { completed: 8, failed: 2 }))).toBe(
      'Finished — 8 done, 2 failed',
    );
  });

  it('shows what moves while running: reused, running, queued, pace and ETA', () => {
    const line = describeProgress(
      summary(
        'running',
        { completed: 30, skipped_duplicate: 10, processing: 4, pending: 156 },
        {
          jobsPerMinute: 3.14,
          etaMs: 310_000,
        },
      ),
    );
    expect(line).toBe(
      'Running — 40 of 200 done · 10 reused · 4 running · 156 queued · 3.1/min · ETA 5 m 10 s',
    );
  });
});
