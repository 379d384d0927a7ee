import {
  compileSeeds,
  countSeeds,
  iterateSeeds,
  mulberry32,
  parseSeedTerms,
  SeedSyntaxError,
  seedAt,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const seeds = (text: string, sweepSeed = 1) => [...iterateSeeds(text, sweepSeed)];
const failure = (text: string) => {
  try {
    compileSeeds(text, 1);
  } catch (error) {
    if (error instanceof SeedSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to be rejected`);
};

describe('seed syntax', () => {
  it('reads lists, inclusive ranges and stepped ranges in written order', () => {
    expect(seeds('100, 200')).toEqual([100, 200]);
    expect(seeds('100-103')).toEqual([100, 101, 102, 103]);
    expect(seeds('100-130:10 7000')).toEqual([100, 110, 120, 130, 7000]);
    expect(seeds('100-125:10')).toEqual([100, 110, 120]);
    expect(seeds(' 500 - 502 : 2 ,\n600')).toEqual([500, 502, 600]);
  });

  it('drops later duplicates, keeping the first occurrence', () => {
    expect(seeds('105, 100-110:5, 100')).toEqual([105, 100, 110]);
    expect(countSeeds('100-200, 150-250', 1)).toBe(151);
  });

  it('counts huge ranges without materialising them', () => {
    expect(countSeeds('100-999999', 1)).toBe(999_900);
    expect(seedAt('100-999999', 1, 999_899)).toBe(999_999);
    expect(seedAt('100-199, 300-999999:3', 1, 100)).toBe(300);
    expect(countSeeds('100-199, 300-999999:3', 1)).toBe(100 + Math.floor((999_999 - 300) / 3) + 1);
  });

  it('draws random:N deterministically from sweepSeed, distinct and in range', () => {
    const a = seeds('random:50', 42);
    expect(a).toEqual(seeds('random:50', 42));
    expect(a).not.toEqual(seeds('random:50', 43));
    expect(new Set(a).size).toBe(50);
    expect(a.every((s) => s >= 100 && s <= 999_999 && Number.isInteger(s))).toBe(true);
  });

  it('makes random seeds new relative to seeds written before them', () => {
    const list = seeds('100-150, random:20, random:5', 7);
    expect(list.length).toBe(76);
    expect(new Set(list).size).toBe(76);
  });

  it('finds free seeds even when earlier terms are dense', () => {
    const list = seeds('101-999999, random:1', 3);
    expect(list.at(-1)).toBe(100);
  });

  it('rejects out-of-range seeds naming the token and the range', () => {
    const e = failure('100, 99');
    expect(e.column).toBe(6);
    expect(e.token).toBe('99');
    expect(e.message).toMatch(/99 is out of range; seeds must be whole numbers from 100 to 999999/);
    expect(failure('100-1000000').message).toMatch(/1000000 is out of range/);
  });

  it('rejects a bad step', () => {
    expect(failure('100-200:0').message).toMatch(/bad step '0'/);
    expect(failure('100-200:x').message).toMatch(/bad step 'x'/);
    expect(failure('100-200:').message).toMatch(/bad step ''/);
    expect(failure('100:5').message).toMatch(/not a seed/);
  });

  it('rejects backwards ranges, junk, empty text and impossible random counts', () => {
    expect(failure('200-100').message).toMatch(/runs backwards/);
    expect(failure('100, abc').column).toBe(6);
    expect(failure('12.5').message).toMatch(/not a whole number/);
    expect(failure('  ').message).toMatch(/no seeds/);
    expect(failure('random:0').message).toMatch(/random needs a count/);
    expect(failure('random:').message).toMatch(/random needs a count/);
    expect(failure('100-999999, random:1').message).toMatch(/not enough unused seeds/);
  });

  it('parses terms with their columns', () => {
    expect(parseSeedTerms('100, 200-300:5 random:2').map((t) => [t.kind, t.column])).toEqual([
      ['range', 1],
      ['range', 6],
      ['random', 16],
    ]);
  });

  it('mulberry32 is the documented generator', () => {
    const next = mulberry32(1);
    const first = [next(), next(), next()];
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).toBe(first[0]);
    // Reference value of mulberry32(1) first output (from the public-domain C version).
    expect(Math.floor(first[0]! * 4294967296)).toBe(2693262067);
  });
});
