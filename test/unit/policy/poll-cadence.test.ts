import { fitLogNormal, normalCdf, normalQuantile } from '@shared/policy/lognormal-fit';
import {
  budgetedCadence,
  createLatencyModel,
  DEFAULT_POLL_CADENCE,
  type LatencyModel,
  latencyMedianMs,
  latencyQuantile,
  nextPollDelay,
  observeLatency,
  pollCeilingMs,
  seedLatencyModel,
} from '@shared/policy/poll-cadence';
import { describe, expect, it } from 'vitest';

/** Deterministic uniform and normal draws so the statistics below are reproducible. */
function rng(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Polls one job of true duration `durationMs` the way the client does; returns polls, delay and interval. */
function pollJob(model: LatencyModel, durationMs: number) {
  let t = 0;
  let polls = 0;
  let lo = 0;
  for (;;) {
    t += nextPollDelay(model, t, polls);
    polls++;
    if (t >= durationMs) return { polls, delayMs: t - durationMs, interval: { loMs: lo, hiMs: t } };
    lo = t;
    if (polls > 1000) throw new Error('polling never ends');
  }
}

/** Runs `jobs` jobs of log-normal latency, learning in batches of `concurrency` as a busy engine would. */
function run(medianMs: number, sigma: number, jobs: number, concurrency: number, seed = 1) {
  const { normal } = rng(seed);
  let model = createLatencyModel();
  let pending: { loMs: number; hiMs: number }[] = [];
  const results: { polls: number; delayMs: number; durationMs: number }[] = [];
  for (let i = 0; i < jobs; i++) {
    const durationMs = medianMs * Math.exp(sigma * normal());
    const job = pollJob(model, durationMs);
    results.push({ polls: job.polls, delayMs: job.delayMs, durationMs });
    pending.push(job.interval);
    if (pending.length >= concurrency) {
      for (const iv of pending) model = observeLatency(model, iv);
      pending = [];
    }
  }
  return { model, results };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('normal distribution helpers', () => {
  it('quantile inverts the cdf', () => {
    for (const p of [0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('fitLogNormal', () => {
  it('recovers median and spread from interval-censored polls', () => {
    const { normal } = rng(7);
    const samples = [];
    for (let i = 0; i < 3000; i++) {
      const d = 254 * Math.exp(0.25 * normal());
      let t = 300;
      let lo = 0;
      while (t < d) {
        lo = t;
        t += 40;
      }
      samples.push({ loMs: lo, hiMs: t });
    }
    const fit = fitLogNormal(samples, { priorSigma: 0.35, priorWeight: 2, maxIterations: 200 });
    expect(Math.exp(fit!.mu)).toBeGreaterThan(254 * 0.95);
    expect(Math.exp(fit!.mu)).toBeLessThan(254 * 1.05);
    expect(fit!.sigma).toBeGreaterThan(0.2);
    expect(fit!.sigma).toBeLessThan(0.3);
  });

  it('returns null without usable samples', () => {
    expect(fitLogNormal([], { priorSigma: 0.3, priorWeight: 2, maxIterations: 5 })).toBeNull();
    expect(
      fitLogNormal([{ loMs: 5, hiMs: 0 }], { priorSigma: 0.3, priorWeight: 2, maxIterations: 5 }),
    ).toBeNull();
  });
});

describe('nextPollDelay', () => {
  it('probes with geometric backoff before anything is learnt', () => {
    const model = createLatencyModel();
    const o = DEFAULT_POLL_CADENCE;
    expect(nextPollDelay(model, 0, 0)).toBe(o.probeInitialMs);
    const second = nextPollDelay(model, o.probeInitialMs, 1);
    expect(second).toBeCloseTo(o.probeInitialMs * o.probeGrowth, 6);
    let t = 0;
    let previous = 0;
    for (let k = 0; k < 30; k++) {
      const d = nextPollDelay(model, t, k);
      expect(d).toBeGreaterThanOrEqual(previous);
      expect(d).toBeLessThanOrEqual(o.probeMaxMs);
      previous = d;
      t += d;
    }
  });

  it('polls at once when a late caller is already past the schedule', () => {
    expect(nextPollDelay(createLatencyModel(), 60_000, 0)).toBe(0);
    expect(nextPollDelay(seedLatencyModel(1_000), 60_000, 0)).toBe(0);
  });

  it('puts the first poll near the configured quantile of a seeded model, then short intervals', () => {
    const model = seedLatencyModel(10_000);
    const first = nextPollDelay(model, 0, 0);
    expect(first).toBeCloseTo(latencyQuantile(model, DEFAULT_POLL_CADENCE.firstPollQuantile)!, 6);
    expect(first).toBeGreaterThan(10_000);
    const tail = nextPollDelay(model, first, 1);
    expect(tail).toBeCloseTo(10_000 * DEFAULT_POLL_CADENCE.tailIntervalFraction, 6);
    expect(nextPollDelay(model, first + tail, 2)).toBeGreaterThan(tail);
    expect(nextPollDelay(model, 1e9, 500)).toBe(DEFAULT_POLL_CADENCE.maxIntervalMs);
  });

  it.each([25, 254, 12_700])('converges to ~1.5 polls per job at median %i ms', (medianMs) => {
    const { model, results } = run(medianMs, 0.25, 600, 16);
    const steady = results.slice(100);
    const polls = mean(steady.map((r) => r.polls));
    const delayShare = mean(steady.map((r) => r.delayMs)) / mean(steady.map((r) => r.durationMs));
    expect(polls).toBeGreaterThan(1);
    expect(polls).toBeLessThan(1.75);
    expect(delayShare).toBeLessThan(0.3);
    expect(latencyMedianMs(model)! / medianMs).toBeGreaterThan(0.85);
    expect(latencyMedianMs(model)! / medianMs).toBeLessThan(1.15);
  });

  it('follows a shift in latency', () => {
    let model = createLatencyModel();
    for (let i = 0; i < 64; i++) model = observeLatency(model, { loMs: 990, hiMs: 1010 });
    expect(latencyMedianMs(model)!).toBeCloseTo(1000, -1);
    for (let i = 0; i < 64; i++) model = observeLatency(model, pollJob(model, 3_000).interval);
    expect(latencyMedianMs(model)!).toBeGreaterThan(2_700);
    expect(latencyMedianMs(model)!).toBeLessThan(3_300);
  });

  it('keeps only the configured window of samples', () => {
    let model = createLatencyModel();
    for (let i = 0; i < 100; i++) model = observeLatency(model, { loMs: 100, hiMs: 120 });
    expect(model.samples).toHaveLength(DEFAULT_POLL_CADENCE.windowSize);
    expect(observeLatency(model, { loMs: 0, hiMs: Number.NaN })).toBe(model);
  });
});

describe('learning from jobs that were already done at the first poll', () => {
  it('does not collapse the model when every observation is an upper bound', () => {
    const model = observeLatency(createLatencyModel(), { loMs: 0, hiMs: 250 });
    const median = latencyMedianMs(model)!;
    expect(median).toBeGreaterThan(50);
    expect(median).toBeLessThan(250);
    expect(nextPollDelay(model, 0, 0)).toBeGreaterThan(50);
  });

  it.each([10, 127, 254, 12_700])(
    'one job at a time at median %i ms: few polls per job, from the first job on',
    (medianMs) => {
      const { results } = run(medianMs, 0.25, 200, 1, 3);
      expect(Math.max(...results.slice(10).map((r) => r.polls))).toBeLessThanOrEqual(8);
      expect(mean(results.slice(50).map((r) => r.polls))).toBeLessThan(1.75);
    },
  );
});

describe('a gap in time is not latency: the ceiling', () => {
  it('a model fed a 50-minute gap still polls the next job within the ceiling', () => {
    // The case: after a restart the model is fresh, and a job restored from before a 50-minute
    // gap used to teach it "done within 50 min" — alone, that put the next first poll ~30 min out.
    const gapped = observeLatency(createLatencyModel(), { loMs: 0, hiMs: 50 * 60_000 });
    expect(latencyQuantile(gapped, DEFAULT_POLL_CADENCE.firstPollQuantile)!).toBeGreaterThan(20 * 60_000);
    const ceiling = pollCeilingMs(gapped);
    expect(ceiling).toBe(4 * DEFAULT_POLL_CADENCE.referenceMedianMs);
    expect(nextPollDelay(gapped, 0, 0)).toBeLessThanOrEqual(ceiling);
    // A well-learnt model fed gap-spanning jobs (seen running before the gap, done after it): same bound.
    let model = seedLatencyModel(12_700);
    for (let i = 0; i < 30; i++)
      model = observeLatency(model, pollJob(model, 12_700 * (0.8 + (i % 5) * 0.1)).interval);
    for (let i = 0; i < 16; i++) model = observeLatency(model, { loMs: 50 * 60_000, hiMs: 51 * 60_000 });
    expect(latencyQuantile(model, DEFAULT_POLL_CADENCE.firstPollQuantile)!).toBeGreaterThan(
      pollCeilingMs(model),
    );
    const first = nextPollDelay(model, 0, 0);
    expect(first).toBe(4 * 12_700);
    // Tail intervals are capped too.
    expect(nextPollDelay(model, first, 40)).toBeLessThanOrEqual(4 * 12_700);
  });

  it('a model fed nothing but gaps cannot push the first poll out by minutes', () => {
    let model = createLatencyModel();
    for (let i = 0; i < 10; i++) model = observeLatency(model, { loMs: 50 * 60_000, hiMs: 51 * 60_000 });
    // The reference is then learnt from the gaps themselves, but never unseeded: the defaults' 12.7 s
    // holds until `referenceAfter` observations, and a seeded model keeps its seed.
    const seeded = [...Array(10)].reduce(
      (m: LatencyModel) => observeLatency(m, { loMs: 50 * 60_000, hiMs: 51 * 60_000 }),
      seedLatencyModel(254),
    );
    expect(nextPollDelay(seeded, 0, 0)).toBeLessThanOrEqual(4 * 254);
    const early = observeLatency(createLatencyModel(), { loMs: 0, hiMs: 50 * 60_000 });
    expect(nextPollDelay(early, 0, 0)).toBeLessThanOrEqual(4 * DEFAULT_POLL_CADENCE.referenceMedianMs);
    expect(model.referenceMs).not.toBeNull();
  });

  it('fixes the reference of an unseeded model after its first few observations', () => {
    let model = createLatencyModel();
    for (let i = 0; i < 4; i++) model = observeLatency(model, { loMs: 240, hiMs: 270 });
    expect(model.referenceMs).toBeNull();
    model = observeLatency(model, { loMs: 240, hiMs: 270 });
    expect(model.referenceMs!).toBeGreaterThan(200);
    expect(model.referenceMs!).toBeLessThan(300);
    const reference = model.referenceMs;
    for (let i = 0; i < 20; i++) model = observeLatency(model, { loMs: 2_400, hiMs: 2_700 });
    expect(model.referenceMs).toBe(reference);
  });
});

describe('the cadence answers to the request budget', () => {
  it('polls later and fewer times as the budget binds', () => {
    const calm = budgetedCadence(DEFAULT_POLL_CADENCE, 0);
    expect(calm).toBe(DEFAULT_POLL_CADENCE);
    const tight = budgetedCadence(DEFAULT_POLL_CADENCE, 1);
    expect(tight.firstPollQuantile).toBeCloseTo(DEFAULT_POLL_CADENCE.budgetFirstPollQuantile, 9);
    const model = seedLatencyModel(10_000);
    expect(nextPollDelay(model, 0, 0, tight)).toBeGreaterThan(nextPollDelay(model, 0, 0, calm));
    const { normal } = rng(5);
    let calmPolls = 0;
    let tightPolls = 0;
    for (let i = 0; i < 500; i++) {
      const d = 10_000 * Math.exp(0.25 * normal());
      for (const [opts, add] of [
        [calm, (n: number) => (calmPolls += n)],
        [tight, (n: number) => (tightPolls += n)],
      ] as const) {
        let t = 0;
        let polls = 0;
        while (t < d) {
          t += nextPollDelay(model, t, polls, opts);
          polls++;
        }
        add(polls);
      }
    }
    expect(tightPolls / 500).toBeLessThan(calmPolls / 500);
    expect(tightPolls / 500).toBeLessThan(1.2);
    expect(budgetedCadence(DEFAULT_POLL_CADENCE, 0.5).firstPollQuantile).toBeGreaterThan(0.7);
  });
});
