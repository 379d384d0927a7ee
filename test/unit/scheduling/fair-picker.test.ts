import { type BatchCandidate, pickBatch, planSubmissions } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

const batch = (batchId: string, over: Partial<BatchCandidate> = {}): BatchCandidate => ({
  batchId,
  priority: 0,
  inFlight: 0,
  pending: 100,
  lastServedMs: null,
  ...over,
});

/** Small deterministic PRNG so the simulation is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs a scheduler loop: `slots` concurrent jobs, one random in-flight job finishes per tick. */
function simulate(candidates: BatchCandidate[], slots: number, ticks: number, seed = 1): Map<string, number> {
  const random = mulberry32(seed);
  const state = candidates.map((c) => ({ ...c }));
  const running: string[] = [];
  const served = new Map<string, number>();
  for (let now = 1; now <= ticks; now++) {
    const free = slots - running.length;
    for (const id of planSubmissions(state, free)) {
      const c = state.find((x) => x.batchId === id)!;
      c.inFlight++;
      c.pending--;
      c.lastServedMs = now;
      running.push(id);
      served.set(id, (served.get(id) ?? 0) + 1);
    }
    const done = running.splice(Math.floor(random() * running.length), 1)[0];
    if (done !== undefined) state.find((x) => x.batchId === done)!.inFlight--;
  }
  return served;
}

describe('pickBatch', () => {
  it('returns null when nothing is pending', () => {
    expect(pickBatch([])).toBeNull();
    expect(pickBatch([batch('a', { pending: 0 }), batch('b', { pending: 0, priority: 5 })])).toBeNull();
  });

  it('prefers higher priority regardless of load', () => {
    const picked = pickBatch([batch('low', { inFlight: 0 }), batch('high', { priority: 2, inFlight: 50 })]);
    expect(picked).toBe('high');
  });

  it('skips a higher-priority batch without pending jobs', () => {
    expect(pickBatch([batch('low'), batch('high', { priority: 2, pending: 0 })])).toBe('low');
  });

  it('within a priority picks the lowest in-flight relative to share', () => {
    expect(pickBatch([batch('a', { inFlight: 3 }), batch('b', { inFlight: 1 })])).toBe('b');
    expect(pickBatch([batch('a', { inFlight: 3, share: 4 }), batch('b', { inFlight: 1 })])).toBe('a');
  });

  it('breaks ties by least recently served (never first), then by id', () => {
    expect(pickBatch([batch('a', { lastServedMs: 20 }), batch('b', { lastServedMs: 10 })])).toBe('b');
    expect(pickBatch([batch('a', { lastServedMs: 20 }), batch('b', { lastServedMs: null })])).toBe('b');
    expect(pickBatch([batch('b'), batch('a')])).toBe('a');
  });

  it('treats a missing, zero or invalid share as 1', () => {
    expect(
      pickBatch([batch('a', { inFlight: 2, share: 0 }), batch('b', { inFlight: 1, share: Number.NaN })]),
    ).toBe('b');
  });
});

describe('planSubmissions', () => {
  it('spreads slots across equal batches and does not mutate its input', () => {
    const input = [batch('a'), batch('b'), batch('c')];
    const copy = structuredClone(input);
    expect(planSubmissions(input, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(input).toEqual(copy);
  });

  it('stops when pending jobs run out and answers [] for no slots', () => {
    expect(planSubmissions([batch('a', { pending: 2 }), batch('b', { pending: 1 })], 10)).toEqual([
      'a',
      'b',
      'a',
    ]);
    expect(planSubmissions([batch('a')], 0)).toEqual([]);
    expect(planSubmissions([], 3)).toEqual([]);
  });

  it('fills a less loaded batch first', () => {
    expect(planSubmissions([batch('a', { inFlight: 3 }), batch('b')], 4)).toEqual(['b', 'b', 'b', 'a']);
  });

  it('gives everything to the higher priority until it has nothing pending', () => {
    const plan = planSubmissions([batch('low'), batch('high', { priority: 1, pending: 3, inFlight: 9 })], 5);
    expect(plan).toEqual(['high', 'high', 'high', 'low', 'low']);
  });

  it('honours weights over a plan', () => {
    const plan = planSubmissions([batch('a', { share: 2 }), batch('b')], 6);
    expect(plan.filter((id) => id === 'a')).toHaveLength(4);
  });
});

describe('fairness over many picks', () => {
  it('approximates equal shares for equal priorities', () => {
    const served = simulate(
      [batch('a', { pending: 1e6 }), batch('b', { pending: 1e6 }), batch('c', { pending: 1e6 })],
      4,
      3000,
    );
    const total = [...served.values()].reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThan(2900);
    for (const id of ['a', 'b', 'c']) expect(Math.abs(served.get(id)! / total - 1 / 3)).toBeLessThan(0.03);
  });

  it('approximates weighted shares', () => {
    const served = simulate(
      [batch('a', { pending: 1e6, share: 3 }), batch('b', { pending: 1e6 })],
      8,
      4000,
      7,
    );
    const total = served.get('a')! + served.get('b')!;
    expect(Math.abs(served.get('a')! / total - 0.75)).toBeLessThan(0.05);
  });

  it('strictly prefers the higher priority while it has pending jobs', () => {
    const served = simulate(
      [batch('low', { pending: 1e6 }), batch('high', { priority: 1, pending: 500 })],
      4,
      800,
      3,
    );
    expect(served.get('high')).toBe(500);
    // low only starts once high has nothing left to submit
    expect(served.get('low')!).toBeLessThanOrEqual(800 - 500 + 4);
    expect(served.get('low')!).toBeGreaterThan(0);
  });
});
