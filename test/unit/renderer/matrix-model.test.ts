/** The matrix's pure model: axis keys and labels, ordered axis values, the X x Y table, narrowing by fixed values. */

import type { SweepAxisName } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import {
  AXIS_TITLES,
  axisKey,
  axisLabel,
  axisValues,
  buildTable,
  narrowJobs,
} from '../../../renderer/src/views/matrix/matrix-model';
import { makeJob, makeJobs } from './job-fixture';

const AXES: SweepAxisName[] = [
  'input',
  'prompt',
  'negative',
  'style',
  'seed',
  'resolution',
  'imageWeight',
  'magicPrompt',
  'palette',
];
const keys = (values: { key: string }[]) => values.map((v) => v.key);

describe('axisKey and axisLabel', () => {
  const job = makeJob({
    inputId: 7,
    prompt: 'a red car',
    promptIndex: 3,
    negativePrompt: 'blur',
    style: 'RENDER_3D',
    seed: 4242,
    resolution: 'RESOLUTION_1280_720',
    imageWeight: 35,
    magicPrompt: 'OFF',
    palette: { name: 'EMBER' },
  });

  it('gives a key for every axis', () => {
    expect(AXES.map((a) => axisKey(job, a))).toEqual([
      '7',
      '3',
      'blur',
      'RENDER_3D',
      '4242',
      'RESOLUTION_1280_720',
      '35',
      'OFF',
      '{"name":"EMBER"}',
    ]);
  });

  it('tells a preset, a custom palette and no palette apart', () => {
    const custom = makeJob({
      palette: {
        members: [
          { color_hex: '#AABBCC', color_weight: 0.5 },
          { color_hex: '#112233', color_weight: 1 },
        ],
      },
    });
    const none = makeJob({ palette: null });
    expect(
      new Set([axisKey(job, 'palette'), axisKey(custom, 'palette'), axisKey(none, 'palette')]).size,
    ).toBe(3);
    expect(axisKey(none, 'palette')).toBe('');
    expect(axisLabel(job, 'palette')).toBe('EMBER');
    expect(axisLabel(custom, 'palette')).toBe('#AABBCC #112233');
    expect(axisLabel(none, 'palette')).toBe('no palette');
  });

  it('labels values for people', () => {
    expect(axisLabel(job, 'prompt')).toBe('a red car');
    expect(axisLabel(job, 'negative')).toBe('blur');
    expect(axisLabel(makeJob({ negativePrompt: '' }), 'negative')).toBe('(no negative)');
    expect(axisLabel(job, 'style')).toBe('RENDER 3D');
    expect(axisLabel(job, 'seed')).toBe('seed 4242');
    expect(axisLabel(job, 'resolution')).toBe('1280x720');
    expect(axisLabel(job, 'imageWeight')).toBe('weight 35');
    expect(axisLabel(job, 'magicPrompt')).toBe('magic OFF');
    expect(axisLabel(job, 'input')).toBe('7');
  });

  it('has a title for every axis', () => {
    for (const a of AXES) expect(AXIS_TITLES[a]).toBeTruthy();
  });
});

describe('axisValues', () => {
  it('sorts seeds, weights and prompts numerically (not as text) and drops repeats', () => {
    const jobs = makeJobs(6, (i) => ({
      seed: [1000, 200, 30, 200, 1000, 5][i],
      imageWeight: [90, 10, 100, 10, 9, 90][i],
      promptIndex: [10, 2, 0, 2, 1, 10][i],
    }));
    expect(keys(axisValues(jobs, 'seed'))).toEqual(['5', '30', '200', '1000']);
    expect(keys(axisValues(jobs, 'imageWeight'))).toEqual(['9', '10', '90', '100']);
    expect(keys(axisValues(jobs, 'prompt'))).toEqual(['0', '1', '2', '10']);
  });

  it('orders styles as the catalogue does', () => {
    const jobs = makeJobs(4, (i) => ({
      style: (['ANIME', 'GENERAL', 'RENDER_3D', 'REALISTIC'] as const)[i],
    }));
    expect(keys(axisValues(jobs, 'style'))).toEqual(['GENERAL', 'REALISTIC', 'RENDER_3D', 'ANIME']);
  });

  it('keeps other axes in first-seen order', () => {
    const jobs = makeJobs(4, (i) => ({
      resolution: (
        ['RESOLUTION_1280_720', 'RESOLUTION_1024_1024', 'RESOLUTION_1280_720', 'RESOLUTION_720_1280'] as const
      )[i],
      negativePrompt: ['z', '', 'a', 'z'][i],
    }));
    expect(keys(axisValues(jobs, 'resolution'))).toEqual([
      'RESOLUTION_1280_720',
      'RESOLUTION_1024_1024',
      'RESOLUTION_720_1280',
    ]);
    expect(keys(axisValues(jobs, 'negative'))).toEqual(['z', '', 'a']);
  });

  it('labels a value from the first job that has it', () => {
    const jobs = makeJobs(2, (i) => ({ promptIndex: 0, prompt: ['first', 'second'][i] }));
    expect(axisValues(jobs, 'prompt')).toEqual([{ key: '0', label: 'first' }]);
  });

  it('is empty for no jobs', () => {
    expect(axisValues([], 'seed')).toEqual([]);
  });
});

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
    expect(narrowJobs(jobs, 1, { style: 'GENERAL', palette: '' }).map((j) => j.id)).toEqual([1]);
    expect(narrowJobs(jobs, 1, { palette: '{"name":"EMBER"}' }).map((j) => j.id)).toEqual([2, 4]);
  });
});
