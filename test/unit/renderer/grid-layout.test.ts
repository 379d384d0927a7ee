/**
 * The grid's row layout from segment sizes alone (no jobs held): rows of cards, a header per input when
 * grouping, global positions, and arrow-key movement across rows and input headers.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../renderer/src/stores/job-window';
import { layoutRows, locate, moveCursor } from '../../../renderer/src/views/grid/grid-layout';
import { makeInput } from './job-fixture';

const all = (total: number): Segment[] => [{ key: 'all', filter: {}, total, inputId: null }];
const perInput = (...counts: [number, number][]): Segment[] =>
  counts.map(([inputId, total]) => ({ key: `i${inputId}`, filter: { inputId }, total, inputId }));
const shape = (layout: ReturnType<typeof layoutRows>) =>
  layout.rows.map((r) =>
    r.kind === 'header' ? `h${r.inputId}:${r.count}` : `${r.segment}[${r.start},${r.end})@${r.first}`,
  );

describe('layoutRows', () => {
  it('lays a list in rows of `columns` with the last row short', () => {
    const layout = layoutRows(all(7), 3, []);
    expect(shape(layout)).toEqual(['all[0,3)@0', 'all[3,6)@3', 'all[6,7)@6']);
    expect(layout.total).toBe(7);
    expect(new Set(layout.rows.map((r) => r.key)).size).toBe(layout.rows.length);
  });

  it('treats zero, negative or fractional columns as whole columns of at least one', () => {
    expect(layoutRows(all(3), 0, []).rows).toHaveLength(3);
    expect(layoutRows(all(3), -4, []).rows).toHaveLength(3);
    expect(layoutRows(all(4), 2.7, []).rows).toHaveLength(2);
  });

  it('gives no rows for an empty list, grouped or not', () => {
    expect(layoutRows(all(0), 4, []).rows).toEqual([]);
    expect(layoutRows(perInput([1, 0]), 4, []).rows).toEqual([]);
  });

  it('puts a header above each input, in the order main listed them, with global positions running on', () => {
    const layout = layoutRows(perInput([2, 3], [1, 2]), 2, [makeInput({ id: 1 }), makeInput({ id: 2 })]);
    expect(shape(layout)).toEqual(['h2:3', 'i2[0,2)@0', 'i2[2,3)@2', 'h1:2', 'i1[0,2)@3']);
    expect(layout.rows[0]).toMatchObject({ kind: 'header', input: { name: 'in2' } });
    expect(new Set(layout.rows.map((r) => r.key)).size).toBe(layout.rows.length);
  });

  it('keeps a header for an input it does not know (input undefined)', () => {
    expect(layoutRows(perInput([9, 1]), 3, []).rows[0]).toMatchObject({
      kind: 'header',
      inputId: 9,
      input: undefined,
    });
  });

  it('lays out 100,000 jobs from two numbers: one row object per row, nothing per job', () => {
    const layout = layoutRows(all(100_000), 6, []);
    expect(layout.rows).toHaveLength(Math.ceil(100_000 / 6));
    expect(locate(layout, 99_999)).toEqual({ segment: 'all', index: 99_999, row: 16_666, col: 3 });
  });
});

describe('locate', () => {
  const grouped = layoutRows(perInput([1, 3], [2, 2]), 2, []);

  it('finds the segment, index, row and column of a global position', () => {
    expect(locate(grouped, 0)).toEqual({ segment: 'i1', index: 0, row: 1, col: 0 });
    expect(locate(grouped, 2)).toEqual({ segment: 'i1', index: 2, row: 2, col: 0 });
    expect(locate(grouped, 3)).toEqual({ segment: 'i2', index: 0, row: 4, col: 0 });
    expect(locate(grouped, 4)).toEqual({ segment: 'i2', index: 1, row: 4, col: 1 });
  });

  it('is null outside the list', () => {
    expect(locate(grouped, -1)).toBeNull();
    expect(locate(grouped, 5)).toBeNull();
    expect(locate(grouped, 1.5)).toBeNull();
  });
});

describe('moveCursor', () => {
  const flat = layoutRows(all(7), 3, []);

  it('is null with nothing laid out', () => {
    expect(moveCursor(layoutRows(all(0), 3, []), null, 'ArrowDown')).toBeNull();
  });

  it('starts at the first position from nothing or a position no longer in the list', () => {
    expect(moveCursor(flat, null, 'ArrowDown')).toBe(0);
    expect(moveCursor(flat, 99, 'End')).toBe(0);
  });

  it('goes Home and End', () => {
    expect(moveCursor(flat, 4, 'Home')).toBe(0);
    expect(moveCursor(flat, 1, 'End')).toBe(6);
  });

  it('moves left/right in reading order across rows and stops at the ends', () => {
    expect(moveCursor(flat, 3, 'ArrowLeft')).toBe(2);
    expect(moveCursor(flat, 2, 'ArrowRight')).toBe(3);
    expect(moveCursor(flat, 0, 'ArrowLeft')).toBe(0);
    expect(moveCursor(flat, 6, 'ArrowRight')).toBe(6);
  });

  it('moves up/down keeping the column, clamping into a short last row, null past the edge', () => {
    expect(moveCursor(flat, 1, 'ArrowDown')).toBe(4);
    expect(moveCursor(flat, 5, 'ArrowDown')).toBe(6);
    expect(moveCursor(flat, 6, 'ArrowUp')).toBe(3);
    expect(moveCursor(flat, 1, 'ArrowUp')).toBeNull();
    expect(moveCursor(flat, 6, 'ArrowDown')).toBeNull();
  });

  it('skips input header rows when moving up and down', () => {
    const grouped = layoutRows(perInput([1, 2], [2, 2]), 2, []);
    expect(moveCursor(grouped, 1, 'ArrowDown')).toBe(3);
    expect(moveCursor(grouped, 2, 'ArrowUp')).toBe(0);
  });
});
