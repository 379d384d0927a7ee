/**
 * Acceptance 2: with the simulator's faults on (5xx, 429 bursts, FAILED jobs, dropped connections, slow,
 * truncated and HTML answers) a 150-job sweep still ends with every job completed or failed with a
 * reason, each job spends a bounded number of submit rounds, and the simulator's counts agree with the
 * journal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  countRequests,
  createHarness,
  type Harness,
  idleWithin,
  statesVisited,
  sweepSpec,
} from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MAX_ROUNDS = 3;
const CLIENT_MAX_ATTEMPTS = 6; // the client's default RetryPolicy.maxAttempts

describe('engine under simulator faults', () => {
  it('ends every job completed or failed with a reason, with bounded attempts', async () => {
    h = await createHarness(
      {
        faultSeed: 7,
        faults: {
          serverError: 0.1,
          rateLimitBurst: 0.05,
          failed: 0.03,
          dropConnection: 0.03,
          slowBody: 0.05,
          truncatedBody: 0.02,
          htmlError: 0.03,
        },
      },
      { maxRounds: MAX_ROUNDS },
    );
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.goodDir], { seeds: '100-104', styles: ['GENERAL', 'ANIME', 'REALISTIC'] }),
      outputDir: h.outDir,
    });
    expect(created.jobCount).toBe(150);
    await idleWithin(h.engine, 120_000);

    const jobs = h.engine.pageJobs(created.batchId, { limit: 1000 }).rows;
    expect(jobs).toHaveLength(150);
    const byState: Record<string, number> = {};
    for (const job of jobs) {
      byState[job.state] = (byState[job.state] ?? 0) + 1;
      expect(['completed', 'failed']).toContain(job.state);
      if (job.state === 'failed') {
        expect(job.errorCode).toBeTruthy();
        expect(job.errorMessage?.length).toBeGreaterThan(10);
      } else {
        expect(job.outputPath).toBeTruthy();
        expect(job.errorCode).toBeNull();
      }
      // Bound: each engine round records one submit intent; a round ends with a request id (then the job
      // is never submitted again) or a failure, and after MAX_ROUNDS failed rounds the job fails.
      expect(job.attempts).toBeGreaterThanOrEqual(1);
      expect(job.attempts).toBeLessThanOrEqual(MAX_ROUNDS);
      const visited = statesVisited(h.journal, job.id);
      expect(visited.includes('completed') && visited.includes('failed')).toBe(false);
    }
    const stats = h.simulator.stats();
    const generationFailed = jobs.filter((j) => j.errorCode === 'generation_failed').length;
    const completed = byState.completed ?? 0;
    expect(completed).toBeGreaterThan(100);
    expect(generationFailed).toBeGreaterThan(0);
    expect(stats.acceptedSubmits).toBeGreaterThanOrEqual(completed + generationFailed);
    expect(stats.failed).toBeGreaterThanOrEqual(generationFailed);
    // HTTP bound: at most MAX_ROUNDS rounds per job, each at most CLIENT_MAX_ATTEMPTS submit requests.
    const submitRequests = countRequests(stats, 'v2.submit');
    expect(submitRequests).toBeLessThanOrEqual(150 * MAX_ROUNDS * CLIENT_MAX_ATTEMPTS);
    const maxAttempts = Math.max(...jobs.map((j) => j.attempts));
    console.log(
      `[faults] states ${JSON.stringify(byState)}; failure codes ${JSON.stringify(
        jobs.filter((j) => j.errorCode).map((j) => j.errorCode),
      )}; max submit rounds per job ${maxAttempts}; submit requests ${submitRequests} ` +
        `(${JSON.stringify(stats.requests['v2.submit'])}); accepted ${stats.acceptedSubmits}, ` +
        `sim completed ${stats.completed}, sim failed ${stats.failed}, duplicates ${stats.duplicateSubmits}`,
    );
  }, 120_000);
});
