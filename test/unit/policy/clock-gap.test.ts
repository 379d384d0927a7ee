import { detectGap } from '@shared/policy/clock-gap';
import { describe, expect, it } from 'vitest';

describe('detectGap', () => {
  it('sees nothing in an ordinary heartbeat, or a few hundred ms late on a loaded machine', () => {
    expect(detectGap({ monoMs: 0, wallMs: 1e12 }, { monoMs: 1_000, wallMs: 1e12 + 1_000 })).toBe(0);
    expect(detectGap({ monoMs: 0, wallMs: 1e12 }, { monoMs: 1_800, wallMs: 1e12 + 1_802 })).toBe(0);
  });

  it('sees a stopped process: a timer firing a minute late (both clocks ran on)', () => {
    expect(detectGap({ monoMs: 0, wallMs: 1e12 }, { monoMs: 61_000, wallMs: 1e12 + 61_000 })).toBe(60_000);
  });

  it('sees a sleep: the wall clock jumped while the monotonic clock stood still', () => {
    const gap = detectGap({ monoMs: 5_000, wallMs: 1e12 }, { monoMs: 6_000, wallMs: 1e12 + 3_001_000 });
    expect(gap).toBe(3_000_000);
  });

  it('sees a wall clock set back, too', () => {
    expect(
      detectGap({ monoMs: 0, wallMs: 1e12 }, { monoMs: 1_000, wallMs: 1e12 - 3_600_000 }),
    ).toBeGreaterThan(0);
  });
});
