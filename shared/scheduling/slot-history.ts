/**
 * What past jobs say about how long the next ones will take, for the duration estimate: from each
 * billed request's slot times (submit sent, COMPLETED seen) and the fetch-and-write after it, the
 * median and log-normal spread of the time a job holds its slot, the median idle time of a slot
 * between a job's COMPLETED and the next submit (the engine's own overhead, which grows when the
 * machine is busy), and the median fetch-and-write of a result.
 */

export interface SlotSample {
  /** When the job took its slot (submit sent), epoch ms. */
  openedAt: number;
  /** When Segmind's COMPLETED was seen (the slot frees), epoch ms. */
  settledAt: number;
  /** COMPLETED seen to output written, ms; null when unknown. */
  finishMs: number | null;
}

export interface SlotHistory {
  /** Median, mean and spread (sigma of ln) of settledAt - openedAt. */
  medianMs: number;
  meanMs: number;
  sigma: number;
  /** Median idle time of a freed slot before the next submit took it. */
  gapMs: number;
  /** Median fetch-and-write of a result. */
  finishMs: number;
  samples: number;
}

const median = (sorted: readonly number[]): number => {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Median idle time of a slot. Submits and frees are matched first in, first out: each submit takes the
 * slot freed longest ago that is still free, as the scheduler does when it fills freed slots in order.
 * Submits with no freed slot before them (a batch's first wave) are not gaps and are skipped; a slot
 * left free between batches gives one long gap per slot, which the median shrugs off.
 */
export function medianSlotGapMs(samples: readonly SlotSample[]): number {
  const frees = samples.map((s) => s.settledAt).sort((a, b) => a - b);
  const submits = samples.map((s) => s.openedAt).sort((a, b) => a - b);
  const gaps: number[] = [];
  let next = 0;
  let available = 0;
  for (const submit of submits) {
    while (available < frees.length && frees[available]! <= submit) available++;
    if (next < available) gaps.push(submit - frees[next++]!);
  }
  return median(gaps.sort((a, b) => a - b));
}

/** The history of `samples`, or null below `minSamples` (default 5). */
export function summariseSlotTimes(samples: readonly SlotSample[], minSamples = 5): SlotHistory | null {
  const held = samples.filter((s) => s.settledAt > s.openedAt);
  if (held.length < minSamples) return null;
  const times = held.map((s) => s.settledAt - s.openedAt);
  const logs = times.map(Math.log).sort((a, b) => a - b);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  const finishes = held
    .map((s) => s.finishMs)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  return {
    medianMs: Math.exp(median(logs)),
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    sigma: Math.sqrt(variance),
    gapMs: medianSlotGapMs(held),
    finishMs: median(finishes),
    samples: held.length,
  };
}
