/**
 * Seed syntax for a sweep: terms separated by commas and/or whitespace —
 * `100` (one seed), `100-110` (inclusive range), `100-200:10` (stepped range: 100, 110, … 200),
 * `random:8` (8 seeds drawn deterministically from the sweep's own `sweepSeed` with mulberry32, so a
 * re-run gives the same seeds). Every seed must lie in 100..999999.
 *
 * Order: seeds come in the order written; a range ascends; random seeds come in draw order and are
 * always new (distinct from each other and from every seed written before them). A seed that appears
 * again later is dropped: the FIRST occurrence is kept. Counting and indexing avoid materialising
 * ranges when the terms cannot overlap (the common case); overlapping terms are resolved with a bitmap
 * over the bounded seed domain.
 */
import { SEED_MAX, SEED_MIN } from '../catalogue';

/** Most seeds one `random:N` term may ask for. */
export const MAX_RANDOM_SEEDS = 100_000;
/** Most values overlapping terms may add up to before the text is rejected (keeps dedupe cheap). */
export const MAX_OVERLAPPING_SEED_VALUES = 5_000_000;

const DOMAIN = SEED_MAX - SEED_MIN + 1;
const RANGE_HELP = `seeds must be whole numbers from ${SEED_MIN} to ${SEED_MAX}`;

/** A seed text that does not parse or validate; `column` is 1-based, `token` the offending term. */
export class SeedSyntaxError extends Error {
  readonly column: number;
  readonly token: string;
  constructor(message: string, column: number, token: string) {
    super(message);
    this.name = 'SeedSyntaxError';
    this.column = column;
    this.token = token;
  }
}

export type SeedTerm =
  | { kind: 'range'; from: number; to: number; step: number; column: number; token: string }
  | { kind: 'random'; count: number; column: number; token: string };

/** The resolved, de-duplicated seeds of a text: count and random access without a full list. */
export interface SeedSequence {
  readonly count: number;
  at(index: number): number;
  [Symbol.iterator](): Iterator<number>;
}

/**
 * mulberry32: a tiny 32-bit PRNG (public domain, Tommy Ettinger). Returns floats in [0, 1).
 * Chosen because it is small, fast and identical on every platform, which is all `random:N` needs.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEPARATORS = /[\s,]+/y;
// A term: runs of non-separators, glued across spaces around '-' and ':' so `100 - 200 : 10` is one term.
const TERM = /(?:[^\s,:-]+|\s*[-:]\s*)+/y;

function seedNumber(digits: string, column: number, token: string, role: string): number {
  if (!/^\d+$/.test(digits)) {
    throw new SeedSyntaxError(
      `'${token}' at column ${column}: ${role} '${digits}' is not a whole number`,
      column,
      token,
    );
  }
  const value = Number(digits);
  if (value < SEED_MIN || value > SEED_MAX) {
    throw new SeedSyntaxError(
      `'${token}' at column ${column}: ${value} is out of range; ${RANGE_HELP}`,
      column,
      token,
    );
  }
  return value;
}

function parseTerm(token: string, column: number): SeedTerm {
  const t = token.replace(/\s+/g, '');
  const random = /^random:(.*)$/i.exec(t);
  if (random) {
    const n = random[1]!;
    if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > MAX_RANDOM_SEEDS) {
      throw new SeedSyntaxError(
        `'${token}' at column ${column}: random needs a count from 1 to ${MAX_RANDOM_SEEDS}, e.g. random:8`,
        column,
        token,
      );
    }
    return { kind: 'random', count: Number(n), column, token };
  }
  const [span, step, extra] = t.split(':');
  if (extra !== undefined || span === undefined) {
    throw new SeedSyntaxError(`'${token}' at column ${column}: use one ':' as in 100-200:10`, column, token);
  }
  const bounds = span.split('-');
  if (bounds.length > 2 || (bounds.length === 1 && step !== undefined)) {
    throw new SeedSyntaxError(
      `'${token}' at column ${column}: not a seed (100), a range (100-110), a stepped range (100-200:10) or random:N`,
      column,
      token,
    );
  }
  const from = seedNumber(bounds[0]!, column, token, 'seed');
  const to = bounds.length === 2 ? seedNumber(bounds[1]!, column, token, 'range end') : from;
  if (to < from) {
    throw new SeedSyntaxError(
      `'${token}' at column ${column}: the range runs backwards (${from} > ${to})`,
      column,
      token,
    );
  }
  let stepValue = 1;
  if (step !== undefined) {
    stepValue = /^\d+$/.test(step) ? Number(step) : Number.NaN;
    if (!(stepValue >= 1)) {
      throw new SeedSyntaxError(
        `'${token}' at column ${column}: bad step '${step}'; the step must be a whole number of at least 1`,
        column,
        token,
      );
    }
  }
  return { kind: 'range', from, to, step: stepValue, column, token };
}

/** Splits and validates a seed text into terms; throws `SeedSyntaxError` naming the term and column. */
export function parseSeedTerms(text: string): SeedTerm[] {
  const terms: SeedTerm[] = [];
  let pos = 0;
  while (pos < text.length) {
    SEPARATORS.lastIndex = pos;
    if (SEPARATORS.exec(text)) pos = SEPARATORS.lastIndex;
    if (pos >= text.length) break;
    TERM.lastIndex = pos;
    const match = TERM.exec(text);
    // TERM only fails on a lone separator-looking prefix, which SEPARATORS already consumed.
    const raw = match ? match[0] : text.slice(pos);
    terms.push(parseTerm(raw.trim(), pos + 1));
    pos += raw.length;
  }
  if (terms.length === 0) {
    throw new SeedSyntaxError('no seeds: write e.g. 100, 200-210, 300-400:10 or random:8', 1, text);
  }
  return terms;
}

/** An arithmetic run of seeds (`from`, `from+step`, …; `count` values) or an explicit list. */
type Segment =
  | { from: number; step: number; count: number; min: number; max: number }
  | { values: number[]; set?: Set<number>; min: number; max: number };

const segmentCount = (s: Segment) => ('values' in s ? s.values.length : s.count);
const segmentAt = (s: Segment, i: number) => ('values' in s ? s.values[i]! : s.from + i * s.step);
function segmentHas(s: Segment, v: number): boolean {
  if (!('values' in s)) return v >= s.from && v <= s.max && (v - s.from) % s.step === 0;
  if (!s.set) s.set = new Set(s.values);
  return s.set.has(v);
}

function drawRandom(
  term: Extract<SeedTerm, { kind: 'random' }>,
  earlier: Segment[],
  next: () => number,
): Segment {
  const chosen = new Set<number>();
  const taken = (v: number) => chosen.has(v) || earlier.some((s) => segmentHas(s, v));
  const values: number[] = [];
  while (values.length < term.count) {
    let v = SEED_MIN + Math.floor(next() * DOMAIN);
    // Linear probing after a collision keeps the draw bounded even when earlier terms are dense.
    let probes = 0;
    while (taken(v) && probes < DOMAIN) {
      v = v === SEED_MAX ? SEED_MIN : v + 1;
      probes++;
    }
    if (probes >= DOMAIN) {
      throw new SeedSyntaxError(
        `'${term.token}' at column ${term.column}: not enough unused seeds left`,
        term.column,
        term.token,
      );
    }
    chosen.add(v);
    values.push(v);
  }
  let min = SEED_MAX;
  let max = SEED_MIN;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { values, min, max };
}

function toSegments(terms: SeedTerm[], sweepSeed: number): Segment[] {
  const next = mulberry32(sweepSeed);
  const segments: Segment[] = [];
  for (const term of terms) {
    if (term.kind === 'random') segments.push(drawRandom(term, segments, next));
    else {
      const count = Math.floor((term.to - term.from) / term.step) + 1;
      const max = term.from + (count - 1) * term.step;
      segments.push({ from: term.from, step: term.step, count, min: term.from, max });
    }
  }
  return segments;
}

function disjoint(segments: Segment[]): boolean {
  const sorted = [...segments].sort((a, b) => a.min - b.min);
  return sorted.every((s, i) => i === 0 || sorted[i - 1]!.max < s.min);
}

function lazySequence(segments: Segment[]): SeedSequence {
  const starts: number[] = [];
  let count = 0;
  for (const s of segments) {
    starts.push(count);
    count += segmentCount(s);
  }
  const at = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new RangeError(`seed index ${index} outside 0..${count - 1}`);
    // Binary search for the last segment starting at or before `index`.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    const k = lo;
    return segmentAt(segments[k]!, index - starts[k]!);
  };
  return {
    count,
    at,
    *[Symbol.iterator]() {
      for (const s of segments) for (let i = 0; i < segmentCount(s); i++) yield segmentAt(s, i);
    },
  };
}

function dedupedSequence(segments: Segment[], token: string): SeedSequence {
  const total = segments.reduce((n, s) => n + segmentCount(s), 0);
  if (total > MAX_OVERLAPPING_SEED_VALUES) {
    throw new SeedSyntaxError(
      `overlapping seed terms add up to ${total} values (more than ${MAX_OVERLAPPING_SEED_VALUES}); merge them`,
      1,
      token,
    );
  }
  const seen = new Uint8Array(DOMAIN);
  const values: number[] = [];
  for (const s of segments) {
    for (let i = 0; i < segmentCount(s); i++) {
      const v = segmentAt(s, i);
      if (seen[v - SEED_MIN]) continue;
      seen[v - SEED_MIN] = 1;
      values.push(v);
    }
  }
  return lazySequence([{ values, min: SEED_MIN, max: SEED_MAX }]);
}

/**
 * Resolves a seed text into its de-duplicated sequence (first occurrence kept).
 * @param sweepSeed seeds `random:N` (unsigned 32-bit); same value -> same seeds.
 * Throws `SeedSyntaxError`.
 */
export function compileSeeds(text: string, sweepSeed: number): SeedSequence {
  const segments = toSegments(parseSeedTerms(text), sweepSeed);
  return disjoint(segments) ? lazySequence(segments) : dedupedSequence(segments, text);
}

/** Number of distinct seeds `text` yields (ranges counted arithmetically). Throws `SeedSyntaxError`. */
export function countSeeds(text: string, sweepSeed: number): number {
  return compileSeeds(text, sweepSeed).count;
}

/** The seed at `index` (0-based) of `text`. Compile once with `compileSeeds` for loops. */
export function seedAt(text: string, sweepSeed: number, index: number): number {
  return compileSeeds(text, sweepSeed).at(index);
}

/** Lazily yields the seeds of `text` in order. */
export function* iterateSeeds(text: string, sweepSeed: number): Generator<number> {
  yield* compileSeeds(text, sweepSeed);
}
