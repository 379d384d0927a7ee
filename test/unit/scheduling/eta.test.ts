import { describeSweepEstimate, formatDuration } from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [400, '0 s'],
    [45_000, '45 s'],
    [59_400, '59 s'],
    [59_600, '1 m 00 s'],
    [185_000, '3 m 05 s'],
    [3_599_000, '59 m 59 s'],
    [3_600_000, '1 h 00 m'],
    [9_600_000, '2 h 40 m'],
    [9_629_000, '2 h 40 m'],
    [86_399_000, '1 d 00 h'],
    [(3 * 24 + 4) * 3_600_000, '3 d 04 h'],
    [-5, '0 s'],
    [Number.POSITIVE_INFINITY, '—'],
    [Number.NaN, '—'],
  ])('%s ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('describeSweepEstimate', () => {
  it('phrases the composer line at the headline latency (model in sweep-duration.test.ts)', () => {
    expect(describeSweepEstimate(3028, 4)).toBe('est. 2 h 50 m at concurrency 4');
    expect(describeSweepEstimate(48_000, 16)).toBe('est. 11 h 15 m at concurrency 16');
    expect(describeSweepEstimate(0, 4)).toBe('est. 0 s at concurrency 4');
  });
});
