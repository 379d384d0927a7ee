import { formatUsd, sumUsd, timesPrice, toMicros } from '@shared/economics';
import { describe, expect, it } from 'vitest';

describe('money', () => {
  it('adds prices exactly: 20 x $0.10 is $2.00, not a float hair above', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(timesPrice(3, 0.1)).toBe(0.3);
    expect(timesPrice(20, 0.1)).toBe(2);
    expect(sumUsd(0.1, 0.2)).toBe(0.3);
    expect(toMicros(2)).toBe(toMicros(timesPrice(20, 0.1)));
  });

  it.each([
    [0, '$0.00'],
    [0.1, '$0.10'],
    [2, '$2.00'],
    [4800, '$4,800.00'],
    [0.0125, '$0.0125'],
    [12.5, '$12.50'],
    [Number.NaN, '—'],
  ])('formats %s as %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });
});
