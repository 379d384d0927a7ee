/**
 * Fault suite (issue 6): one sweep through the CLI against a simulator serving every fault at once, then
 * exact bookkeeping between the CLI summary, the journal and the simulator. Identities asserted, with
 * J = the batch's jobs, stored(j) = times job j committed a request id (submitting -> queued events),
 * acc(j) = simulator accepted submits of j's params fingerprint, R = sum stored(j), L = sum (acc - stored):
 *   1. CLI summary counts == journal countsByState, state for state; total == done == |J| == requested.
 *   2. Every job is completed or failed; failed ones carry a code and a message; none visited both.
 *   3. Completed jobs' files decode fully at the requested resolution; no temp files are left.
 *   4. Bounded: attempts <= engine rounds (3); v2.submit requests <= |J| x 3 rounds x 6 client tries.
 *   5. sim.acceptedSubmits == sim v2.submit '200' answers == sum over J of acc(j) (no stray submit).
 *   6. stored(j) <= 1 and acc(j) >= stored(j) for every job; R == jobs with a request id.
 *      L = acceptedSubmits - R counts accepted submits whose answer never arrived (a truncated 200): the
 *      only way a credit is paid without a stored id; sim.duplicateSubmits == sum max(0, acc(j) - 1).
 *   7. Once the simulator has drained: sim.completed + sim.failed == acceptedSubmits, and sim.failed ==
 *      the number of accepted submits the fault plan (replayed from faultSeed) meant to fail.
 *   8. A job submitted once (acc == 1, stored == 1) ends as the plan says: planned FAILED -> failed
 *      'generation_failed' with the simulator's reason; planned early expiry -> failed 'expired'.
 *   9. Ambiguous submits recorded in the journal == L: a 2xx submit answer that could not be read is the
 *      only way an accept goes unstored, it is never sent again, and each one is counted on its job
 *      (failed 'ambiguous_submit', saying Segmind may have charged it).
 *  10. Money: the CLI summary's ledger == the journal's; the ledger's billed (COMPLETED seen) and not
 *      billed (FAILED seen) == the simulator's outcomes announced to the client; its unconfirmed (an
 *      accepted request whose outcome was never seen) == the simulator's finished jobs whose outcome no
 *      answer announced; its ambiguous submits == the simulator's accepted submits whose 200 never
 *      arrived whole == L; the simulator billed exactly its COMPLETED jobs at $0.10, and billed + not
 *      billed == acceptedSubmits.
 */
import { join } from 'node:path';
import { resolutionSize } from '@shared/catalogue';
import type { Ledger } from '@shared/economics';
import { journalPath, openJournal } from '../../electron/db';
import { batchLedger } from '../../electron/engine/ledger-views';
import { FaultPlan } from '../../electron/simulator/fault-plan';
import type { SimulatorFaults } from '../../electron/simulator/options';
import { startSimulator } from '../../electron/simulator/server';
import { auditBatch, Violations } from './journal-audit';
import { digestOutput, strayTemps } from './output-check';
import { commonArgs, createWorkspace, startCli, summaryLine } from './suite-sweep';

/** The issue's fault mix. */
export const SUITE_FAULTS: SimulatorFaults = {
  serverError: 0.1,
  rateLimitBurst: 0.05,
  failed: 0.02,
  dropConnection: 0.02,
  slowBody: 0.03,
  truncatedBody: 0.02,
  htmlError: 0.03,
  expireEarly: 0.02,
};
const ENGINE_ROUNDS = 3;
const CLIENT_TRIES = 6;

export interface FaultSuiteOptions {
  /** Jobs in the sweep (rounded up to a multiple of 10). Default 1000. */
  jobs?: number;
  /** CLI --concurrency. Default 16. */
  concurrency?: number;
  /** Fault RNG seed. Default 11. */
  faultSeed?: number;
  /** Simulator latency scale. Default 0.004 (median ~50 ms). */
  latencyScale?: number;
}

export interface FaultSuiteReport {
  jobs: number;
  wallMs: number;
  exitCode: number | null;
  states: Record<string, number>;
  failureCodes: Record<string, number>;
  maxAttempts: number;
  submitRequests: number;
  totalRequests: number;
  acceptedSubmits: number;
  requestIdsStored: number;
  lostAccepts: number;
  ambiguousSubmits: number;
  duplicateSubmits: number;
  simCompleted: number;
  simFailed: number;
  /** The batch's ledger as the journal has it, and the simulator's billing figures. */
  ledger: Pick<Ledger, 'billed' | 'billedUsd' | 'notBilled' | 'ambiguous' | 'unconfirmed'>;
  simBilling: ReturnType<Awaited<ReturnType<typeof startSimulator>>['stats']>['billing'];
  violations: string[];
}

/** Runs the suite and returns its figures; `violations` is empty when every identity held. */
export async function runFaultSuite(options: FaultSuiteOptions = {}): Promise<FaultSuiteReport> {
  const faultSeed = options.faultSeed ?? 11;
  const ws = await createWorkspace('fault-suite-', options.jobs ?? 1000);
  const sim = await startSimulator({
    latencyScale: options.latencyScale ?? 0.004,
    faults: SUITE_FAULTS,
    faultSeed,
  });
  const v = new Violations();
  try {
    const dataDir = join(ws.dir, 'data');
    const outDir = join(ws.dir, 'out');
    const started = Date.now();
    const args = [
      ...ws.createArgs(outDir),
      ...commonArgs({ dataDir, baseUrl: sim.baseUrl, concurrency: options.concurrency ?? 16 }),
    ];
    const cli = startCli(args, sim.apiKey);
    const { code } = await cli.exited;
    const wallMs = Date.now() - started;
    const summary = summaryLine(cli);
    if (!summary) throw new Error(`no summary line (exit ${code}): ${cli.stderr.join('').slice(-2000)}`);
    // Let every accepted job reach its end in the simulator (timers keep running without pollers).
    for (let i = 0; i < 400 && sim.stats().inFlight > 0; i++) await new Promise((r) => setTimeout(r, 25));
    const stats = sim.stats();

    const journal = openJournal({ file: journalPath(dataDir) });
    try {
      const batchId = String(summary.batchId);
      const counts = journal.jobs.countsByState(batchId);
      const audited = await auditBatch(journal, batchId);
      // 1
      v.equal(summary.counts, counts, 'CLI summary counts vs journal countsByState');
      v.equal([summary.total, summary.done, audited.length], [ws.jobs, ws.jobs, ws.jobs], 'total/done/jobs');
      v.equal(code, counts.failed > 0 ? 1 : 0, 'CLI exit code');
      // 2, 3, 4
      const failureCodes: Record<string, number> = {};
      for (const { job, visited } of audited) {
        v.check(['completed', 'failed'].includes(job.state), `job ${job.id} ended ${job.state}`);
        v.check(!(visited.includes('completed') && visited.includes('failed')), `job ${job.id} both`);
        v.check(job.attempts >= 1 && job.attempts <= ENGINE_ROUNDS, `job ${job.id} attempts ${job.attempts}`);
        if (job.state === 'failed') {
          failureCodes[job.errorCode ?? '?'] = (failureCodes[job.errorCode ?? '?'] ?? 0) + 1;
          v.check(
            !!job.errorCode && (job.errorMessage ?? '').length > 10,
            `job ${job.id} failed without reason`,
          );
        } else if (job.state === 'completed') {
          const want = resolutionSize(job.resolution);
          const got = await digestOutput(job.outputPath!).catch((e: Error) => e);
          v.check(
            !(got instanceof Error) && got.width === want.width && got.height === want.height,
            `job ${job.id} output ${job.outputPath}: ${got instanceof Error ? got.message : `${got.width}x${got.height}`}`,
          );
        }
      }
      v.equal(strayTemps(outDir), [], 'temp files left in the output folder');
      const submitRequests = Object.values(stats.requests['v2.submit'] ?? {}).reduce((a, n) => a + n, 0);
      v.check(
        submitRequests <= ws.jobs * ENGINE_ROUNDS * CLIENT_TRIES,
        `submit requests ${submitRequests} over bound`,
      );
      // 5, 6
      const fps = new Set(audited.map((a) => a.fingerprint));
      v.equal(fps.size, audited.length, 'distinct fingerprints per job');
      const acc = (fp: string) => stats.submitsByFingerprint[fp] ?? 0;
      v.equal(stats.acceptedSubmits, stats.requests['v2.submit']?.['200'] ?? 0, 'accepted == submit 200s');
      v.equal(
        audited.reduce((a, j) => a + acc(j.fingerprint), 0),
        stats.acceptedSubmits,
        'sum of per-job accepted submits vs simulator acceptedSubmits',
      );
      v.equal(
        Object.keys(stats.submitsByFingerprint).filter((fp) => !fps.has(fp)),
        [],
        'accepted fingerprints outside the batch',
      );
      let stored = 0;
      let duplicates = 0;
      for (const a of audited) {
        v.check(a.requestIdsStored <= 1, `job ${a.job.id} stored ${a.requestIdsStored} request ids`);
        v.check(acc(a.fingerprint) >= a.requestIdsStored, `job ${a.job.id} stored an id never accepted`);
        stored += a.requestIdsStored;
        duplicates += Math.max(0, acc(a.fingerprint) - 1);
      }
      v.equal(stored, audited.filter((a) => a.job.requestId).length, 'R vs jobs holding a request id');
      v.equal(stats.duplicateSubmits, duplicates, 'simulator duplicateSubmits vs per-fingerprint excess');
      const lost = stats.acceptedSubmits - stored;
      v.check(lost >= 0, `L = ${lost} < 0`);
      // 9
      const ambiguous = journal.jobEvents.countAmbiguousSubmits(batchId);
      v.equal(ambiguous, lost, 'ambiguous submits in the journal vs accepted submits never stored (L)');
      for (const { job } of audited) {
        if (job.errorCode !== 'ambiguous_submit') continue;
        v.check(
          /may have accepted \(and charged\)/.test(job.errorMessage ?? '') &&
            !/kept/.test(job.errorMessage ?? ''),
          `job ${job.id} ambiguous without saying so: ${job.errorMessage}`,
        );
      }
      // 7, 8
      const plan = new FaultPlan(faultSeed, SUITE_FAULTS);
      let plannedFailures = 0;
      for (const a of audited) {
        const n = acc(a.fingerprint);
        for (let k = 0; k < n; k++) if (plan.jobFaults(a.fingerprint, k).failReason) plannedFailures++;
        if (n !== 1 || a.requestIdsStored !== 1) continue;
        const planned = plan.jobFaults(a.fingerprint, 0);
        if (planned.failReason) {
          v.check(
            a.job.errorCode === 'generation_failed' &&
              (a.job.errorMessage ?? '').includes(planned.failReason),
            `job ${a.job.id} planned FAILED, ended ${a.job.state}/${a.job.errorCode}`,
          );
        } else if (planned.expireEarly) {
          v.equal(a.job.errorCode, 'expired', `job ${a.job.id} planned to expire early`);
        } else {
          v.check(
            !['generation_failed', 'expired'].includes(a.job.errorCode ?? ''),
            `job ${a.job.id} failed ${a.job.errorCode} without a planned job fault`,
          );
        }
      }
      v.equal(stats.inFlight, 0, 'simulator drained');
      v.equal(stats.completed + stats.failed, stats.acceptedSubmits, 'sim completed + failed vs accepted');
      v.equal(stats.failed, plannedFailures, 'sim failed vs fault plan');
      // 10
      const batch = journal.batches.get(batchId)!;
      const ledger = batchLedger(journal, batch, counts, 0.1);
      const money = (
        l: Pick<Ledger, 'billed' | 'billedUsd' | 'notBilled' | 'ambiguous' | 'unconfirmed'>,
      ) => ({
        billed: l.billed,
        billedUsd: l.billedUsd,
        notBilled: l.notBilled,
        ambiguous: l.ambiguous,
        unconfirmed: l.unconfirmed,
      });
      const cliLedger = summary.ledger as Ledger | undefined;
      v.equal(cliLedger && money(cliLedger), money(ledger), 'CLI summary ledger vs journal ledger');
      const b = stats.billing;
      v.equal(ledger.billed, b.outcomesSeen.billed, 'ledger billed vs sim COMPLETED announced');
      v.equal(ledger.notBilled, b.outcomesSeen.notBilled, 'ledger not billed vs sim FAILED announced');
      v.equal(ledger.unconfirmed, b.outcomesUnseen, 'ledger unconfirmed vs sim outcomes never announced');
      // The job runner notes each unreadable 2xx submit answer (identity 9); the ledger counts those notes.
      v.equal(ledger.ambiguous, b.ambiguousSubmits, 'ledger ambiguous vs sim 200s that never arrived whole');
      v.equal(b.ambiguousSubmits, lost, 'sim ambiguous submits vs L (accepted without a stored id)');
      v.equal(
        [b.billed, b.notBilled],
        [stats.completed, stats.failed],
        'sim billed/not billed vs completed/failed',
      );
      v.equal(b.billedUsd, Math.round(b.billed * 0.1 * 1e6) / 1e6, 'sim billed dollars at $0.10');
      v.equal(
        ledger.billedUsd,
        Math.round(ledger.billed * 0.1 * 1e6) / 1e6,
        'ledger billed dollars at $0.10',
      );
      return {
        jobs: ws.jobs,
        wallMs,
        exitCode: code,
        states: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
        failureCodes,
        maxAttempts: Math.max(...audited.map((a) => a.job.attempts)),
        submitRequests,
        totalRequests: stats.totalRequests,
        acceptedSubmits: stats.acceptedSubmits,
        requestIdsStored: stored,
        lostAccepts: lost,
        ambiguousSubmits: ambiguous,
        duplicateSubmits: stats.duplicateSubmits,
        simCompleted: stats.completed,
        simFailed: stats.failed,
        ledger: money(ledger),
        simBilling: stats.billing,
        violations: v.list,
      };
    } finally {
      journal.close();
    }
  } finally {
    await sim.close();
    ws.remove();
  }
}
