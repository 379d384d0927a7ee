/**
 * `tsx test/suites/run.ts faults|crash [--jobs N] [--kills K] [--concurrency C]`: runs a proof suite at
 * full scale (defaults: faults 1,000 jobs at concurrency 16; crash 300 jobs, 20 kills), prints its
 * figures and every violated identity, and exits 1 on any violation (2 on bad arguments).
 */
import { parseArgs } from 'node:util';
import { runCrashSuite } from './crash-suite';
import { runFaultSuite } from './fault-suite';

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
  const suite = positionals[0];
  let report: { violations: string[] } & Record<string, unknown>;
  if (suite === 'faults') {
    report = { ...(await runFaultSuite({ jobs: num(values.jobs), concurrency: num(values.concurrency) })) };
  } else if (suite === 'crash') {
    report = {
      ...(await runCrashSuite({
        jobs: num(values.jobs),
        kills: num(values.kills),
        concurrency: num(values.concurrency),
        seed: num(values.seed),
      })),
    };
  } else {
    console.error('usage: tsx test/suites/run.ts faults|crash [--jobs N] [--kills K] [--concurrency C]');
    return 2;
  }
  const { violations, ...figures } = report;
  console.log(`${suite} suite`);
  for (const [key, value] of Object.entries(figures))
    console.log(`  ${key.padEnd(20)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  if (violations.length === 0) {
    console.log('OK: every identity held');
    return 0;
  }
  console.log(`FAILED: ${violations.length} violation(s)`);
  for (const line of violations) console.log(`  - ${line}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
