/** Roving focus inside a chip group: arrows in reading order (wrapping), Home / End, rows for 2-D groups. */
import { describe, expect, it } from 'vitest';
import { rovingTarget } from '../../../renderer/src/components/use-roving-focus';

const flat = [{ key: 'a' }, { key: 'b', disabled: true }, { key: 'c' }, { key: 'd' }];
const rows = [
  { key: 'h1', row: 0 },
  { key: 'x1', row: 0 },
  { key: 'x2', row: 0 },
  { key: 'h2', row: 1 },
  { key: 'y1', row: 1 },
  { key: 'h3', row: 2 },
];

describe('rovingTarget', () => {
  it('moves in reading order with every arrow in a 1-D group, skipping disabled items and wrapping', () => {
    expect(rovingTarget(flat, 'a', 'ArrowRight')).toBe('c');
    expect(rovingTarget(flat, 'a', 'ArrowDown')).toBe('c');
    expect(rovingTarget(flat, 'a', 'ArrowLeft')).toBe('d');
    expect(rovingTarget(flat, 'd', 'ArrowRight')).toBe('a');
    expect(rovingTarget(flat, 'c', 'Home')).toBe('a');
    expect(rovingTarget(flat, 'a', 'End')).toBe('d');
    expect(rovingTarget(flat, 'a', 'Enter')).toBeNull();
  });

  it('moves between rows at the same position in a 2-D group, clamping to shorter rows', () => {
    expect(rovingTarget(rows, 'x2', 'ArrowDown')).toBe('y1');
    expect(rovingTarget(rows, 'y1', 'ArrowDown')).toBe('h3');
    expect(rovingTarget(rows, 'y1', 'ArrowUp')).toBe('x1');
    expect(rovingTarget(rows, 'h3', 'ArrowDown')).toBeNull();
    expect(rovingTarget(rows, 'x2', 'ArrowRight')).toBe('h2');
  });
});
