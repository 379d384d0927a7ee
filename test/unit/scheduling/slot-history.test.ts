import { medianSlotGapMs, type SlotSample, summariseSlotTimes } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

/** Two slots running jobs of `holdMs` back to back with `gapMs` of idle time between them. */
function twoSlots(jobs: number, holdMs: number, gapMs: number): SlotSample[] {
  const out: SlotSample[] = [];
  const free = [0, 5];
  for (let j = 0; j < jobs; j++) {
    const slot = j % 2;
    const openedAt = free[slot]! + (j >= 2 ? gapMs : 0);
    out.push({ openedAt, settledAt: openedAt + holdMs, finishMs: 30 });
    free[slot] = openedAt + holdMs;
  }
  return out;
}

describe('slot history', () => {
  it('finds the idle time between a freed slot and the next submit, skipping the first wave', () => {
    expect(medianSlotGapMs(twoSlots(20, 1000, 40))).toBe(40);
    expect(medianSlotGapMs(twoSlots(20, 1000, 0))).toBe(0);
    expect(medianSlotGapMs(twoSlots(2, 1000, 40))).toBe(0); // one wave: no gap observed
  });

  it('shrugs off the long gaps of slots left free between two batches', () => {
    const first = twoSlots(20, 1000, 40);
    const later = twoSlots(20, 1000, 40).map((s) => ({
      ...s,
      openedAt: s.openedAt + 60_000,
      settledAt: s.settledAt + 60_000,
    }));
    expect(medianSlotGapMs([...first, ...later])).toBe(40);
  });

  it('summarises held time, spread, gap and finish; nothing below the minimum samples', () => {
    const h = summariseSlotTimes(twoSlots(20, 1000, 40));
    expect(h).toMatchObject({ gapMs: 40, finishMs: 30, samples: 20 });
    expect(h!.medianMs).toBeCloseTo(1000, 6);
    expect(h!.meanMs).toBe(1000);
    expect(h!.sigma).toBeCloseTo(0, 6);
    expect(summariseSlotTimes(twoSlots(4, 1000, 40))).toBeNull();
    expect(summariseSlotTimes(twoSlots(4, 1000, 40), 3)).not.toBeNull();
  });
});
