/**
 * Run orders (issue 10 §4, acceptance 4): a progressive order is a permutation of the grid; after the
 * first max(axis size) jobs every value of every axis has appeared; every pair of values of any two axes
 * has appeared before any job outside the covering pass, and the jobs after the pass come in grid order.
 * Checked on random axis sizes and on random sweep specs (through `expand`, inputs as an axis).
 */
import {
  AXIS_ORDER,
  axisKey,
  compileSweep,
  countJobs,
  expand,
  gridOrder,
  mulberry32,
  orderOf,
  parseSweepSpec,
  progressiveOrder,
  type SweepOrder,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { randomSweep } from './random-spec';

/** Axis positions of a grid index (most significant first). */
function coordinates(g: number, sizes: readonly number[]): number[] {
  const out = new Array<number>(sizes.length);
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = g % sizes[i]!;
    g = Math.floor(g / sizes[i]!);
  }
  return out;
}

/** Fails unless `order` yields every grid index exactly once (one expect: per-element ones are slow). */
function expectPermutation(order: SweepOrder): number[] {
  const all = [...order.gridIndexes()];
  const seen = new Uint8Array(order.total);
  const wrong = all.filter((g) => {
    const bad = !Number.isInteger(g) || g < 0 || g >= order.total || seen[g] === 1;
    if (!bad) seen[g] = 1;
    return bad;
  });
  expect({ length: all.length, wrong }).toEqual({ length: order.total, wrong: [] });
  return all;
}

/** How many jobs of `run` it takes until every value of every axis has appeared. */
function jobsUntilEveryValue(run: readonly number[], sizes: readonly number[]): number {
  const missing = sizes.map((s) => new Set(Array.from({ length: s }, (_, v) => v)));
  let left = sizes.reduce((n, s) => n + s, 0);
  for (let n = 0; n < run.length; n++) {
    coordinates(run[n]!, sizes).forEach((v, axis) => {
      if (missing[axis]!.delete(v)) left--;
    });
    if (left === 0) return n + 1;
  }
  return run.length;
}

/** How many jobs of `run` it takes until every pair of values of two axes has appeared together. */
function jobsUntilEveryPair(run: readonly number[], sizes: readonly number[]): number {
  // One table per two axes, indexed by value of a * |b| + value of b.
  const tables: Uint8Array[] = [];
  let left = 0;
  for (let a = 0; a < sizes.length; a++)
    for (let b = a + 1; b < sizes.length; b++) {
      tables.push(new Uint8Array(sizes[a]! * sizes[b]!));
      left += sizes[a]! * sizes[b]!;
    }
  for (let n = 0; n < run.length; n++) {
    const c = coordinates(run[n]!, sizes);
    let t = 0;
    for (let a = 0; a < c.length; a++)
      for (let b = a + 1; b < c.length; b++, t++) {
        const i = c[a]! * sizes[b]! + c[b]!;
        if (tables[t]![i] === 0) {
          tables[t]![i] = 1;
          left--;
        }
      }
    if (left === 0) return n + 1;
  }
  return run.length;
}

/** Random axis sizes: up to 9 axes, mostly small, grids up to 20,000 jobs. */
function randomSizes(seed: number): number[] {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  for (;;) {
    const sizes = AXIS_ORDER.map(() => (int(3) === 0 ? 1 : 1 + int(int(4) === 0 ? 40 : 7)));
    if (sizes.reduce((n, s) => n * s, 1) <= 20_000) return sizes;
  }
}

describe('progressive order on axis sizes', () => {
  it('property: a permutation; every value after max(axis size) jobs; every pair within the pass; then grid order', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const sizes = randomSizes(seed);
      const order = progressiveOrder(sizes);
      const run = expectPermutation(order);
      const largest = Math.max(...sizes);
      expect(order.valueJobs).toBe(largest);
      expect(jobsUntilEveryValue(run, sizes)).toBeLessThanOrEqual(largest);
      expect(jobsUntilEveryPair(run, sizes)).toBeLessThanOrEqual(order.pairJobs);
      const rest = run.slice(order.pairJobs);
      expect(rest.filter((g, i) => i > 0 && g <= rest[i - 1]!)).toEqual([]);
    }
  });

  it('keeps the covering pass close to its floor (the two largest axes multiplied)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const sizes = randomSizes(seed);
      const varied = sizes.filter((s) => s > 1).sort((a, b) => b - a);
      if (varied.length < 3) continue;
      const floor = varied[0]! * varied[1]!;
      expect(progressiveOrder(sizes).pairJobs).toBeLessThanOrEqual(Math.ceil(floor * 1.5));
    }
  });

  it('is deterministic', () => {
    const sizes = [7, 3, 1, 5, 12, 2, 1, 3, 2];
    expect([...progressiveOrder(sizes).gridIndexes()]).toEqual([...progressiveOrder(sizes).gridIndexes()]);
  });

  it('handles the edges: no jobs, one job, one varied axis, two varied axes', () => {
    expect([...progressiveOrder([0, 3, 1]).gridIndexes()]).toEqual([]);
    expect(progressiveOrder([1, 1, 1])).toMatchObject({ total: 1, valueJobs: 1, pairJobs: 1 });
    expect([...progressiveOrder([1, 4, 1]).gridIndexes()]).toEqual([0, 1, 2, 3]);
    // Two axes: the diagonal walk. Block 0 pairs value a with a mod 2, block 1 with a + 1 mod 2.
    const two = progressiveOrder([3, 2]);
    expect(two).toMatchObject({ valueJobs: 3, pairJobs: 6 });
    expect([...two.gridIndexes()].map((g) => coordinates(g, [3, 2]))).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ]);
  });

  it('keeps memory to the pass: a 10-million-job grid yields its first jobs at once', () => {
    const sizes = [100, 10, 1, 5, 2000, 1, 1, 1, 1];
    const order = progressiveOrder(sizes);
    expect(order.total).toBe(10_000_000);
    const first = order.gridIndexes();
    const head = Array.from({ length: 2000 }, () => first.next().value as number);
    expect(jobsUntilEveryValue(head, sizes)).toBe(2000);
    first.return(undefined);
  });

  it('falls back to every value first when the pair pass would be too large, still a permutation', () => {
    const sizes = [9, 1, 1, 4, 30, 1, 1, 3, 1];
    const order = progressiveOrder(sizes, { maxPassRows: 100 });
    const run = expectPermutation(order);
    expect(order).toMatchObject({ valueJobs: 30, pairJobs: order.total });
    expect(jobsUntilEveryValue(run, sizes)).toBe(30);
  });
});

describe('grid order', () => {
  it('states truthfully when every value and every pair has appeared', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const sizes = randomSizes(seed);
      const order = gridOrder(sizes);
      const run = expectPermutation(order);
      expect(run).toEqual(run.map((_, i) => i));
      expect(order.valueJobs).toBe(jobsUntilEveryValue(run, sizes));
      expect(order.pairJobs).toBe(jobsUntilEveryPair(run, sizes));
    }
  });
});

describe('expand in progressive order (the default)', () => {
  it('property: random sweeps cover every value, then every pair, inputs included; same jobs as the grid', () => {
    let tested = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { spec, inputs } = randomSweep(seed);
      if (countJobs(spec, inputs.length) > 1_500) continue;
      tested++;
      expect(spec.order).toBe('progressive');
      const order = orderOf(compileSweep(spec), inputs.length);
      const jobs = [...expand(spec, inputs, order)];
      expect(jobs.map((j) => j.ordinal)).toEqual(jobs.map((_, i) => i));
      const grid = [...expand({ ...spec, order: 'grid' }, inputs)];
      expect(new Set(jobs.map((j) => j.key))).toEqual(new Set(grid.map((j) => j.key)));
      const keyOf = (job: (typeof jobs)[number], axis: (typeof AXIS_ORDER)[number]) =>
        axisKey({ ...job, inputId: job.inputIndex }, axis);
      const valuesIn = (list: typeof jobs, axis: (typeof AXIS_ORDER)[number]) =>
        new Set(list.map((j) => keyOf(j, axis)));
      const sizes = AXIS_ORDER.map((axis) => valuesIn(grid, axis).size);
      const first = jobs.slice(0, Math.max(...sizes));
      for (const axis of AXIS_ORDER) expect(valuesIn(first, axis)).toEqual(valuesIn(grid, axis));
      const pass = jobs.slice(0, order.pairJobs);
      for (const [i, a] of AXIS_ORDER.entries()) {
        for (const b of AXIS_ORDER.slice(i + 1)) {
          const pairs = (list: typeof jobs) => new Set(list.map((j) => `${keyOf(j, a)}|${keyOf(j, b)}`));
          expect(pairs(pass)).toEqual(pairs(grid));
        }
      }
    }
    expect(tested).toBeGreaterThan(25);
  });

  it('takes the order from the spec: grid when asked, and refuses an unknown order', () => {
    const parsed = parseSweepSpec({ inputs: { paths: ['in'] }, prompts: ['a'], order: 'grid' });
    expect(parsed.ok && parsed.value.order).toBe('grid');
    const bad = parseSweepSpec({ inputs: { paths: ['in'] }, prompts: ['a'], order: 'random' });
    expect(bad.ok ? [] : bad.issues).toEqual([
      { field: 'order', message: 'order must be one of progressive, grid' },
    ]);
  });
});
