/**
 * Compare's neighbour stepping: `[` / `]` move along seeds and `{` / `}` along styles (use-compare-keys
 * maps them to neighbour(…, 'seed' | 'style', -1 | 1)); the other parameters never change, and stepping
 * past either end wraps around.
 */

import type { JobView } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { neighbour } from '../../../renderer/src/views/compare/compare-model';
import { makeJob } from './job-fixture';

const STYLES = ['GENERAL', 'ANIME', 'DESIGN'] as const;
const SEEDS = [1000, 200, 30];

/** 2 inputs x 3 styles x 3 seeds, listed in a scrambled order. */
function sweep(): JobView[] {
  const jobs: JobView[] = [];
  for (const seed of SEEDS)
    for (const style of STYLES)
      for (const inputId of [2, 1]) jobs.push(makeJob({ id: jobs.length + 1, inputId, style, seed }));
  return jobs;
}

const find = (jobs: readonly JobView[], p: Partial<JobView>) =>
  jobs.find((j) => Object.entries(p).every(([k, v]) => j[k as keyof JobView] === v))!;
const where = (j: JobView) => ({ inputId: j.inputId, style: j.style, seed: j.seed });

describe('neighbour', () => {
  const jobs = sweep();

  it('] steps to the next seed in numeric order, keeping input and style', () => {
    const from = find(jobs, { inputId: 1, style: 'ANIME', seed: 30 });
    expect(where(neighbour(jobs, from, 'seed', 1))).toEqual({ inputId: 1, style: 'ANIME', seed: 200 });
    const mid = find(jobs, { inputId: 1, style: 'ANIME', seed: 200 });
    expect(where(neighbour(jobs, mid, 'seed', 1))).toEqual({ inputId: 1, style: 'ANIME', seed: 1000 });
  });

  it('[ and ] wrap around at the ends', () => {
    const last = find(jobs, { inputId: 2, style: 'GENERAL', seed: 1000 });
    expect(where(neighbour(jobs, last, 'seed', 1))).toEqual({ inputId: 2, style: 'GENERAL', seed: 30 });
    const first = find(jobs, { inputId: 2, style: 'GENERAL', seed: 30 });
    expect(where(neighbour(jobs, first, 'seed', -1))).toEqual({ inputId: 2, style: 'GENERAL', seed: 1000 });
  });

  it('{ and } step styles in catalogue order and wrap, keeping input and seed', () => {
    const general = find(jobs, { inputId: 1, style: 'GENERAL', seed: 200 });
    expect(where(neighbour(jobs, general, 'style', 1))).toEqual({ inputId: 1, style: 'DESIGN', seed: 200 });
    expect(where(neighbour(jobs, general, 'style', -1))).toEqual({ inputId: 1, style: 'ANIME', seed: 200 });
    const anime = find(jobs, { inputId: 1, style: 'ANIME', seed: 200 });
    expect(where(neighbour(jobs, anime, 'style', 1))).toEqual({ inputId: 1, style: 'GENERAL', seed: 200 });
  });

  it('a full cycle of steps comes back to the start', () => {
    const start = find(jobs, { inputId: 2, style: 'DESIGN', seed: 200 });
    let at = start;
    for (let i = 0; i < SEEDS.length; i += 1) at = neighbour(jobs, at, 'seed', -1);
    expect(at).toBe(start);
  });

  it('stays on the job when the axis has one value among its siblings', () => {
    const only = [makeJob({ id: 1, seed: 100 }), makeJob({ id: 2, seed: 200, style: 'ANIME' })];
    // The two jobs differ in style, so along seed neither has a sibling.
    expect(neighbour(only, only[0]!, 'seed', 1)).toBe(only[0]);
    expect(neighbour(only, only[0]!, 'seed', -1)).toBe(only[0]);
    expect(neighbour([only[0]!], only[0]!, 'style', 1)).toBe(only[0]);
  });

  it('skips values its siblings lack instead of jumping to another input or style', () => {
    // Seed 200 exists only for ANIME: a GENERAL job steps from 100 straight to 300.
    const sparse = [
      makeJob({ id: 1, seed: 100, style: 'GENERAL' }),
      makeJob({ id: 2, seed: 200, style: 'ANIME' }),
      makeJob({ id: 3, seed: 300, style: 'GENERAL' }),
    ];
    expect(neighbour(sparse, sparse[0]!, 'seed', 1).id).toBe(3);
    expect(neighbour(sparse, sparse[2]!, 'seed', 1).id).toBe(1);
  });

  it('tells palettes and negative prompts apart when matching siblings', () => {
    const mixed = [
      makeJob({ id: 1, seed: 100, palette: null }),
      makeJob({ id: 2, seed: 200, palette: { name: 'EMBER' } }),
      makeJob({ id: 3, seed: 300, palette: null, negativePrompt: 'blur' }),
    ];
    expect(neighbour(mixed, mixed[0]!, 'seed', 1)).toBe(mixed[0]);
  });
});
