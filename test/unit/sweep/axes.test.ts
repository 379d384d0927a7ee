/**
 * A job's place on each sweep axis (shared/sweep/axes.ts), used by the matrix on screen, the matrix
 * export and compare: keys, labels, ordered distinct values, matching fixed values.
 */
import { AXIS_ORDER, axisKey, axisLabel, axisValue, axisValues, matchesFixed } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { makeJob, makeJobs } from './axis-jobs';

const AXES = AXIS_ORDER;
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
    // The journal's JSON, which the contract's fixed values and the export use too.
    expect(axisKey(none, 'palette')).toBe('null');
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
    expect(axisLabel(job, 'input')).toBe('input 7');
    expect(axisValue(job, 'seed')).toEqual({ key: '4242', label: 'seed 4242' });
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

describe('matchesFixed', () => {
  const job = makeJob({ seed: 200, style: 'ANIME', palette: null, negativePrompt: '' });

  it('matches when every held axis has the held key, and with nothing held', () => {
    expect(matchesFixed(job, {})).toBe(true);
    expect(matchesFixed(job, { seed: '200', style: 'ANIME', palette: 'null', negative: '' })).toBe(true);
  });

  it('refuses a job that differs on any held axis', () => {
    expect(matchesFixed(job, { seed: '200', style: 'GENERAL' })).toBe(false);
    expect(matchesFixed(job, { palette: '{"name":"EMBER"}' })).toBe(false);
    expect(matchesFixed(job, { palette: '' })).toBe(false);
  });
});
