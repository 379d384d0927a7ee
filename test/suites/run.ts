/**
 * `tsx test/suites/run.ts <suite>... [--jobs N] [--kills K] [--concurrency C]`: runs proof suites at full
 * scale, one after another, prints each one's figures and every violated identity, and exits 1 on any
 * violation (2 on bad arguments). Suites: faults (1,000 jobs at concurrency 16), crash (300 jobs, 20
 * kills), outage (60 jobs, two 45 s outages), gap (a paused and a killed run, each across a 75 s gap).
 * `npm run test:faults` runs faults, outage and gap.
 */
import { parseArgs } from 'node:util';
import { runCrashSuite } from './crash-suite';
import { runFaultSuite } from './fault-suite';
import { runGapSuite } from './gap-suite';
import { runOutageSuite } from './outage-suite';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      jobs: { type: 'string' },
      kills: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  type Report = Record<string, unknown> & { violations: string[] };
  const suites: Record<string, () => Promise<Report[]>> = {
    faults: async () => [
      { ...(await runFaultSuite({ jobs: num(values.jobs), concurrency: num(values.concurrency) })) },
    ],
    crash: async () => [
      {
        ...(await runCrashSuite({
          jobs: num(values.jobs),
          kills: num(values.kills),
          concurrency: num(values.concurrency),
          seed: num(values.seed),
        })),
      },
    ],
    outage: async () => [{ ...(await runOutageSuite({ concurrency: num(values.concurrency) })) }],
    // One after the other: each times its jobs, so they must not compete for the cores.
    gap: async () => [
      { ...(await runGapSuite({ kind: 'pause' })) },
      { ...(await runGapSuite({ kind: 'kill' })) },
    ],
  };
  if (positionals.length === 0 || positionals.some((p) => !(p in suites))) {
    console.error(
      'usage: tsx test/suites/run.ts faults|crash|outage|gap... [--jobs N] [--kills K] [--concurrency C]',
    );
    return 2;
  }
  let failed = 0;
  for (const suite of positionals) {
    for (const report of await suites[suite]!()) {
      const { violations, ...figures } = report;
      console.log(`${suite} suite`);
      for (const [key, value] of Object.entries(figures))
        console.log(`  ${key.padEnd(20)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
      if (violations.length === 0) {
        console.log('OK: every identity held');
        continue;
      }
      failed++;
      console.log(`FAILED: ${violations.length} violation(s)`);
      for (const line of violations) console.log(`  - ${line}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
