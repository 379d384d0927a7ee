/** Builders for jobs as the sweep axes see them (any shape with the sweep's parameters, an id and an ordinal). */
import type { AxisJob } from '@shared/sweep';

export type TestJob = AxisJob & { id: number; ordinal: number };

/** A job with id 1 (ordinal = id - 1) and plain defaults; `overrides` win. */
export function makeJob(overrides: Partial<TestJob> = {}): TestJob {
  const id = overrides.id ?? 1;
  return {
    id,
    ordinal: id - 1,
    inputId: 1,
    prompt: 'a cat',
    promptIndex: 0,
    negativePrompt: '',
    seed: 100,
    style: 'GENERAL',
    resolution: 'RESOLUTION_1024_1024',
    imageWeight: 50,
    magicPrompt: 'AUTO',
    palette: null,
    ...overrides,
  };
}

/** Jobs with ids 1..n, each shaped by `shape(i)` for i = 0..n-1. */
export function makeJobs(n: number, shape: (i: number) => Partial<TestJob> = () => ({})): TestJob[] {
  return Array.from({ length: n }, (_, i) => makeJob({ id: i + 1, ...shape(i) }));
}
