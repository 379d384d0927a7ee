/**
 * `npm run bench [-- --quick] [--only create,order,sweep,scale10,budget,zero,stages,renderer] [--sweep-scale 0.1] [--markdown]`: runs the benchmarks one after another,
 * prints one table and writes `bench/results.json`. The figures are reported, never asserted: a missed
 * goal shows as FAIL in the table, but only a benchmark that crashes makes the exit code non-zero
 * (`npm test` runs `--quick`, which must pass on slow machines too).
 *
 * Full mode: a 100,000-job batch (and one of five varied axes in progressive order), 2,000-job sweep
 * efficiency (adaptive poll, then fixed poll), 800 jobs at
 * latency x0.1 (CPU not the limit), 400 jobs under a request budget (+100 with a fixed poll), 500 jobs
 * at zero latency, CPU cost per stage over 20 rounds, 10,000- and 100,000-job grids in Chromium receiving
 * 50 job updates per second, still and scrolling, and the time estimate of a 200-job sweep against its
 * real duration. Quick mode: 20,000, 200 (+100 fixed), 200, 100 (+40), 100, 5, 2,000, and a 60-job sweep
 * for the estimate.
 * The machine's load average is recorded before and after each benchmark: on a shared machine the
 * throughput figures say as much about the neighbours as about the studio.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchBatchCreate, benchOrderCreate } from './batch-create';
import { benchBudget } from './budget';
import { benchEstimateTime } from './estimate-time';
import { benchRendererGrid } from './renderer-grid';
import {
  type BenchResults,
  describeMachine,
  type Figure,
  renderConsoleTable,
  renderMarkdownTable,
  verdict,
  writeResults,
} from './results';
import { benchStageCosts } from './stage-costs';
import { benchSweepEfficiency } from './sweep-efficiency';
import { benchSweepScale10 } from './sweep-scale10';
import { benchZeroLatency } from './zero-latency';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    /** Default bench/results.json; quick runs go to bench/results.quick.json so `npm test` keeps the committed full figures. */
    out: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    'sweep-scale': { type: 'string' },
  },
});
const quick = values.quick ?? false;
const outFile = values.out ?? (quick ? 'bench/results.quick.json' : 'bench/results.json');
const sweepScale = values['sweep-scale'] ? Number(values['sweep-scale']) : undefined;

/** Batch creation runs first, so its RSS is measured before the sweeps have grown the heap. */
const BENCHES: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'create', run: () => benchBatchCreate(quick ? 20_000 : 100_000) },
  { name: 'order', run: () => benchOrderCreate(quick ? 20_000 : 100_000) },
  {
    name: 'sweep',
    run: () =>
      quick ? benchSweepEfficiency(200, 100, sweepScale) : benchSweepEfficiency(2_000, 2_000, sweepScale),
  },
  { name: 'scale10', run: () => benchSweepScale10(quick ? 200 : 800) },
  { name: 'budget', run: () => (quick ? benchBudget(100, 40) : benchBudget(400, 100)) },
  { name: 'zero', run: () => benchZeroLatency(quick ? 100 : 500) },
  { name: 'estimate', run: () => benchEstimateTime(quick ? 60 : 200) },
  { name: 'stages', run: () => benchStageCosts(quick ? 5 : 20) },
  { name: 'renderer', run: () => rendererFigures(quick) },
];

/**
 * The grid in Chromium, still and scrolling: 10,000 jobs (2,000 in quick mode) and, in full mode only,
 * 100,000 jobs. Reported as skipped where no Chromium exists.
 */
async function rendererFigures(quick: boolean): Promise<Figure[]> {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    return [
      {
        id: 'renderer.p95FrameMs',
        label: 'Renderer grid p95 frame time',
        value: null,
        unit: 'ms',
        note: 'skipped: no Chromium (set CHROMIUM_PATH)',
      },
    ];
  }
  const frameGoal = { kind: 'max', limit: 20 } as const;
  const sizes = quick
    ? [{ jobs: 2_000, prefix: 'renderer' }]
    : [
        { jobs: 10_000, prefix: 'renderer' },
        { jobs: 100_000, prefix: 'renderer.100k' },
      ];
  const figures: Figure[] = [];
  for (const { jobs, prefix } of sizes) {
    const still = await benchRendererGrid({ quick, jobs });
    const scrolling = await benchRendererGrid({ quick, jobs, scroll: true });
    const what = (r: typeof still) =>
      `${r.jobs.toLocaleString('en-US')} jobs, ${r.updatesPerSecond.toFixed(0)} job updates/s`;
    const large = prefix === 'renderer' ? '' : ` (${jobs.toLocaleString('en-US')} jobs)`;
    figures.push(
      {
        id: `${prefix}.p95FrameMs`,
        label: `Renderer grid p95 frame time${large}`,
        value: still.p95FrameMs,
        unit: 'ms',
        goal: frameGoal,
        note: what(still),
      },
      {
        id: `${prefix}.scrollP95FrameMs`,
        label: `Renderer grid p95 frame time, scrolling${large}`,
        value: scrolling.p95FrameMs,
        unit: 'ms',
        goal: frameGoal,
        note: `${what(scrolling)}, scrolling 12 px a frame`,
      },
      {
        id: `${prefix}.jsHeapMB`,
        label: `Renderer JS heap${large}`,
        value: Math.max(still.jsHeapMB, scrolling.jsHeapMB),
        unit: 'MB',
        ...(prefix === 'renderer.100k' ? { goal: { kind: 'max', limit: 80 } as const } : {}),
        note: `${what(still)}; the larger of the still and scrolling runs, after a garbage collection`,
      },
    );
  }
  return figures;
}

const only = values.only?.split(',').map((s) => s.trim());
const results: BenchResults = {
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine: describeMachine(),
  node: process.versions.node,
  simulator: 'child process',
  load: [],
  figures: [],
  crashed: [],
};

for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  const t0 = performance.now();
  const before = loadavg()[0]!;
  process.stderr.write(`bench ${bench.name}... `);
  try {
    const figures = await bench.run();
    results.figures.push(...figures.map((f) => ({ ...f, pass: verdict(f) })));
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    results.load.push({ bench: bench.name, before, after: loadavg()[0]! });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.crashed.push({ name: bench.name, message });
    process.stderr.write(`crashed\n${message}\n`);
  }
}

writeResults(outFile, results);
console.log(renderConsoleTable(results));
if (values.markdown) console.log(`\n${renderMarkdownTable(results)}`);
console.log(`\nwritten to ${outFile}`);
process.exitCode = results.crashed.length > 0 ? 1 : 0;
