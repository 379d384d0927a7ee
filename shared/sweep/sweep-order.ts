/**
 * The order a sweep's jobs run in, stored as each job's ordinal (the scheduler picks pending jobs by
 * ordinal, so resume and dedupe are unchanged). A job is identified by its grid index: the mixed-radix
 * number of its axis positions, `AXIS_ORDER` most significant (expand.ts). An order is a permutation
 * of the grid indexes, computed from the axis sizes alone, so it is deterministic.
 *
 * - `grid`: the expansion order itself (inputs outermost, palettes fastest).
 * - `progressive` (the default): broad first, then filled in. The first max(axis size) jobs hold every
 *   value of every axis at least once; by the end of the covering pass every pair of values of any two
 *   axes has appeared together (all-pairs coverage, as in pairwise testing); then the rest in grid
 *   order, skipping what the pass already ran.
 *
 * The covering pass walks the two largest axes' value pairs diagonally (block t pairs value a of the
 * largest axis with value a + t of the second, so block 0 already holds every value of both) and fills
 * each row's other axes greedily (AETG-style: the value that meets the most pairs not seen yet; in
 * block 0, first the values not seen at all); pairs the greedy missed get one extra row each. Memory
 * is that of the pass (two axes' value pairs), never the grid: a 10-million-job sweep is never
 * materialised. A pass too large or too slow to compute (see PAIR_PASS_MAX_ROWS) keeps only block 0 —
 * every value early — and its pairs complete with the grid.
 */

export const SWEEP_ORDERS = ['progressive', 'grid'] as const;
export type SweepOrderKind = (typeof SWEEP_ORDERS)[number];
/** What a new sweep runs in unless it says otherwise. */
export const DEFAULT_SWEEP_ORDER: SweepOrderKind = 'progressive';

/** The greedy pair pass is computed only over at most this many diagonal rows (largest x second axis). */
export const PAIR_PASS_MAX_ROWS = 1 << 20;
/** ...and only when choosing its rows' values takes at most about this many steps (~0.2 s). */
const PAIR_PASS_MAX_WORK = 60_000_000;

/** A permutation of a sweep's grid: which job runs at each ordinal, and when coverage is reached. */
export interface SweepOrder {
  kind: SweepOrderKind;
  /** Jobs in the grid. */
  total: number;
  /** After this many jobs (in ordinal order) every value of every axis has appeared; 0 for no jobs. */
  valueJobs: number;
  /** After this many jobs every pair of values of any two axes has appeared together (>= valueJobs). */
  pairJobs: number;
  /** Every grid index once, in run order, lazily. */
  gridIndexes(): Generator<number>;
}

/** Builds the order of `kind` over a grid whose axis sizes are `sizes` (most significant first). */
export function sweepOrder(kind: SweepOrderKind, sizes: readonly number[]): SweepOrder {
  return kind === 'grid' ? gridOrder(sizes) : progressiveOrder(sizes);
}

function strides(sizes: readonly number[]): number[] {
  const out = new Array<number>(sizes.length);
  let stride = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = stride;
    stride *= sizes[i]!;
  }
  return out;
}

const productOf = (sizes: readonly number[]) => sizes.reduce((n, s) => n * s, 1);

function* range(n: number): Generator<number> {
  for (let g = 0; g < n; g++) yield g;
}

/** The expansion order; coverage is reached late (the outermost varied axes change slowest). */
export function gridOrder(sizes: readonly number[]): SweepOrder {
  const total = productOf(sizes);
  const st = strides(sizes);
  // Value v of axis i first appears at grid index v * stride_i; the last of them, for the outermost
  // varied axes, decide when every value and every pair has appeared.
  const lastFirsts = sizes
    .map((s, i) => (s > 1 ? (s - 1) * st[i]! : -1))
    .filter((x) => x >= 0)
    .sort((a, b) => b - a);
  const valueJobs = total === 0 ? 0 : (lastFirsts[0] ?? 0) + 1;
  const pairJobs = lastFirsts.length >= 2 ? lastFirsts[0]! + lastFirsts[1]! + 1 : valueJobs;
  return { kind: 'grid', total, valueJobs, pairJobs, gridIndexes: () => range(total) };
}

export interface ProgressiveOptions {
  /** Largest pair pass computed, in diagonal rows; above it only block 0 comes first. Default PAIR_PASS_MAX_ROWS. */
  maxPassRows?: number;
}

/** Broad first: every value, then every pair, then the rest (see the file's comment). */
export function progressiveOrder(sizes: readonly number[], options: ProgressiveOptions = {}): SweepOrder {
  const total = productOf(sizes);
  const st = strides(sizes);
  // Varied axes, largest first (ties: the outer axis first).
  const axes = sizes
    .map((size, axis) => ({ axis, size, stride: st[axis]! }))
    .filter((a) => a.size > 1)
    .sort((a, b) => b.size - a.size || a.axis - b.axis);
  const order = (valueJobs: number, pairJobs: number, gridIndexes: () => Generator<number>): SweepOrder => ({
    kind: 'progressive',
    total,
    valueJobs,
    pairJobs,
    gridIndexes,
  });
  if (total === 0) return order(0, 0, () => range(0));
  if (axes.length <= 1) return order(total, total, () => range(total));
  const [a1, a2] = axes as [Axis, Axis];
  if (axes.length === 2) {
    // Two varied axes: every pair is every job, so the diagonal walk is the whole order.
    return order(a1.size, total, () => diagonal(a1, a2, total));
  }
  const rows = a1.size * a2.size;
  let work = 0;
  for (let m = 2; m < axes.length; m++) work += rows * axes[m]!.size * m;
  if (rows > (options.maxPassRows ?? PAIR_PASS_MAX_ROWS) || work > PAIR_PASS_MAX_WORK) {
    return order(a1.size, total, () => blockZeroThenGrid(axes, total));
  }
  const pass = greedyPairPass(axes);
  return order(a1.size, pass.length, () => passThenGrid(pass, total));
}

interface Axis {
  /** Position in the grid's radix (0 = most significant). */
  axis: number;
  size: number;
  stride: number;
}

/** Block t pairs value a of `a1` with value (a + t) mod |a2|: all pairs, block 0 every value of both. */
function* diagonal(a1: Axis, a2: Axis, rows: number): Generator<number> {
  for (let r = 0; r < rows; r++) {
    const v1 = r % a1.size;
    const v2 = (v1 + Math.floor(r / a1.size)) % a2.size;
    yield v1 * a1.stride + v2 * a2.stride;
  }
}

/** The fallback for a pass too big to compute: row r of block 0 has value r mod |axis| everywhere. */
function* blockZeroThenGrid(axes: readonly Axis[], total: number): Generator<number> {
  const rowAt = (r: number) => axes.reduce((g, a) => g + (r % a.size) * a.stride, 0);
  for (let r = 0; r < axes[0]!.size; r++) yield rowAt(r);
  for (let g = 0; g < total; g++) {
    const first = Math.floor(g / axes[0]!.stride) % axes[0]!.size;
    if (rowAt(first) !== g) yield g;
  }
}

/** The pass's rows, then every other grid index in grid order. */
function* passThenGrid(pass: Float64Array, total: number): Generator<number> {
  yield* pass;
  const sorted = Float64Array.from(pass).sort();
  let next = 0;
  for (let g = 0; g < total; g++) {
    if (next < sorted.length && sorted[next] === g) next++;
    else yield g;
  }
}

/**
 * Pairs seen so far between each two varied axes (except the two largest, whose pairs the diagonal
 * covers by construction): `seen(p, m)[value of p * |m| + value of m]`.
 */
function pairTables(axes: readonly Axis[]) {
  const tables: Uint8Array[][] = axes.map((am, m) =>
    axes.slice(0, m).map((ap, p) => new Uint8Array(m >= 2 || p >= 2 ? ap.size * am.size : 0)),
  );
  let unseen = 0;
  for (let m = 2; m < axes.length; m++) for (let p = 0; p < m; p++) unseen += tables[m]![p]!.length;
  const isNew = (p: number, vp: number, m: number, vm: number) => {
    if (p > m) return isNew(m, vm, p, vp);
    if (m < 2) return false;
    return tables[m]![p]![vp * axes[m]!.size + vm] === 0;
  };
  const record = (vals: Int32Array) => {
    for (let m = 2; m < axes.length; m++) {
      const t = tables[m]!;
      for (let p = 0; p < m; p++) {
        const i = vals[p]! * axes[m]!.size + vals[m]!;
        if (t[p]![i] === 0) {
          t[p]![i] = 1;
          unseen--;
        }
      }
    }
  };
  // Tables only ever fill up, so the search for the next unseen pair resumes where the last one ended.
  const cursor = { m: 2, p: 0, i: 0 };
  const firstUnseen = (): [number, number, number, number] | null => {
    for (; cursor.m < axes.length; cursor.m++, cursor.p = 0) {
      for (; cursor.p < cursor.m; cursor.p++, cursor.i = 0) {
        const i = tables[cursor.m]![cursor.p]!.indexOf(0, cursor.i);
        if (i >= 0) {
          cursor.i = i;
          const size = axes[cursor.m]!.size;
          return [cursor.p, Math.floor(i / size), cursor.m, i % size];
        }
      }
    }
    return null;
  };
  return { isNew, record, firstUnseen, unseen: () => unseen };
}

/** The covering pass: the diagonal rows with the other axes chosen greedily, then one row per missed pair. */
function greedyPairPass(axes: readonly Axis[]): Float64Array {
  const [a1, a2] = axes as [Axis, Axis];
  const k = axes.length;
  const rows = a1.size * a2.size;
  const seen = pairTables(axes);
  const uses = axes.map((a) => new Uint32Array(a.size));
  const vals = new Int32Array(k);
  const gridOf = () => axes.reduce((g, a, m) => g + vals[m]! * a.stride, 0);
  /** The value of axis m meeting the most unseen pairs with the axes already set; ties: least used. */
  const choose = (m: number, isSet: (p: number) => boolean, onlyUnused: boolean) => {
    let best = -1;
    let bestScore = -1;
    for (let v = 0; v < axes[m]!.size; v++) {
      if (onlyUnused && uses[m]![v]! > 0) continue;
      let score = 0;
      for (let p = 0; p < k; p++) if (p !== m && isSet(p) && seen.isNew(p, vals[p]!, m, v)) score++;
      if (score > bestScore || (score === bestScore && uses[m]![v]! < uses[m]![best]!)) {
        best = v;
        bestScore = score;
      }
    }
    return best;
  };
  const take = (out: number[] | Float64Array, at: number) => {
    for (let m = 0; m < k; m++) uses[m]![vals[m]!]!++;
    seen.record(vals);
    out[at] = gridOf();
  };

  const diagonalRows = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const block = Math.floor(r / a1.size);
    vals[0] = r % a1.size;
    vals[1] = (vals[0] + block) % a2.size;
    for (let m = 2; m < k; m++) {
      const everyValueYet = uses[m]!.every((n) => n > 0);
      vals[m] = choose(m, (p) => p < m, block === 0 && !everyValueYet);
    }
    take(diagonalRows, r);
  }
  const extra: number[] = [];
  for (let missed = seen.firstUnseen(); missed; missed = seen.firstUnseen()) {
    const [p, vp, m, vm] = missed;
    const set = new Uint8Array(k);
    vals[p] = vp;
    vals[m] = vm;
    set[p] = 1;
    set[m] = 1;
    for (let q = 0; q < k; q++) {
      if (set[q]) continue;
      vals[q] = choose(q, (o) => set[o] === 1, false);
      set[q] = 1;
    }
    take(extra, extra.length);
  }
  const pass = new Float64Array(rows + extra.length);
  pass.set(diagonalRows);
  pass.set(extra, rows);
  return pass;
}
