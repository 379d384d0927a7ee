/** The X/Y matrix table (shared/sweep/matrix-table.ts): cells by axis value, narrowing to one input and held values. */
import { buildTable, narrowJobs } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { makeJob, makeJobs } from './axis-jobs';

const keys = (values: { key: string }[]) => values.map((v) => v.key);

describe('buildTable', () => {
  it('puts each job at its (y, x) cell with xs and ys in axis order', () => {
    // 2 styles x 3 seeds, given out of order.
    const jobs = makeJobs(6, (i) => ({
      style: (['ANIME', 'GENERAL'] as const)[i % 2],
      seed: [300, 100, 200][Math.floor(i / 2)],
    }));
    const t = buildTable(jobs, 'seed', 'style');
    expect(keys(t.xs)).toEqual(['100', '200', '300']);
    expect(keys(t.ys)).toEqual(['GENERAL', 'ANIME']);
    for (const [y, row] of t.cells.entries())
      for (const [x, cell] of row.entries()) {
        expect(cell?.style).toBe(t.ys[y]!.key);
        expect(String(cell?.seed)).toBe(t.xs[x]!.key);
      }
  });

  it('leaves a missing combination empty (null)', () => {
    const jobs = [
      makeJob({ id: 1, seed: 100, style: 'GENERAL' }),
      makeJob({ id: 2, seed: 200, style: 'GENERAL' }),
      makeJob({ id: 3, seed: 100, style: 'ANIME' }),
    ];
    const t = buildTable(jobs, 'seed', 'style');
    expect(t.cells.map((row) => row.map((c) => c?.id ?? null))).toEqual([
      [1, 2],
      [3, null],
    ]);
  });

  it('keeps the lowest ordinal when several jobs share a cell, whatever their order', () => {
    const jobs = [
      makeJob({ id: 1, ordinal: 9, seed: 100, imageWeight: 10 }),
      makeJob({ id: 2, ordinal: 2, seed: 100, imageWeight: 90 }),
      makeJob({ id: 3, ordinal: 5, seed: 100, imageWeight: 50 }),
    ];
    const t = buildTable(jobs, 'seed', 'style');
    expect(t.cells).toHaveLength(1);
    expect(t.cells[0]?.[0]?.id).toBe(2);
  });

  it('is an empty table for no jobs', () => {
    expect(buildTable([], 'seed', 'style')).toEqual({ xs: [], ys: [], cells: [] });
  });
});

describe('narrowJobs', () => {
  const jobs = [
    makeJob({ id: 1, inputId: 1, style: 'GENERAL', palette: null }),
    makeJob({ id: 2, inputId: 1, style: 'ANIME', palette: { name: 'EMBER' } }),
    makeJob({ id: 3, inputId: 2, style: 'GENERAL', palette: null }),
    makeJob({ id: 4, inputId: 1, style: 'GENERAL', palette: { name: 'EMBER' } }),
  ];

  it('keeps the jobs of one input when nothing is fixed', () => {
    expect(narrowJobs(jobs, 1, {}).map((j) => j.id)).toEqual([1, 2, 4]);
    expect(narrowJobs(jobs, 5, {})).toEqual([]);
  });

  it('holds every fixed axis by key, including "no palette"', () => {
    expect(narrowJobs(jobs, 1, { style: 'GENERAL' }).map((j) => j.id)).toEqual([1, 4]);
    expect(narrowJobs(jobs, 1, { style: 'GENERAL', palette: 'null' }).map((j) => j.id)).toEqual([1]);
    expect(narrowJobs(jobs, 1, { palette: '{"name":"EMBER"}' }).map((j) => j.id)).toEqual([2, 4]);
  });
});
