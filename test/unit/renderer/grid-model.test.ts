/** The grid's pure model: status groups and their words, what the filters ask main for, reuse specs. */

import { JOB_STATES, type JobState } from '@shared/scheduling';
import { compilePrompt, expand, parseSweepSpec, renderPromptVariant } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  escapePrompt,
  type GridFilter,
  groupCounts,
  isFiltering,
  jobElapsedMs,
  reuseSpec,
  STATE_LABEL,
  STATES_IN_GROUP,
  STATUS_GROUPS,
  stateLabel,
  statusGroup,
  toJobFilter,
} from '../../../renderer/src/views/grid/grid-model';
import { makeBatch, makeJob } from './job-fixture';

const filter = (patch: Partial<GridFilter>): GridFilter => ({ ...EMPTY_FILTER, ...patch });

describe('status groups', () => {
  it('puts every job state in exactly one group and every group is reachable', () => {
    const groups = JOB_STATES.map(statusGroup);
    for (const g of groups) expect(STATUS_GROUPS).toContain(g);
    expect(new Set(groups)).toEqual(new Set(STATUS_GROUPS));
  });

  it('groups the in-flight states as running and a duplicate as done', () => {
    expect(['submitting', 'queued', 'processing'].map((s) => statusGroup(s as never))).toEqual([
      'running',
      'running',
      'running',
    ]);
    expect(statusGroup('pending')).toBe('queued');
    expect(statusGroup('skipped_duplicate')).toBe('done');
  });

  it('has a non-empty label for every state', () => {
    for (const s of JOB_STATES) expect(STATE_LABEL[s].length).toBeGreaterThan(0);
  });
});

describe('isFiltering', () => {
  it('is false for the empty filter, blank text and grouping alone', () => {
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(isFiltering(filter({ seed: '   ', prompt: '\t ' }))).toBe(false);
    expect(isFiltering(filter({ groupByInput: true }))).toBe(false);
  });

  it('is true for each narrowing field on its own', () => {
    expect(isFiltering(filter({ status: 'failed' }))).toBe(true);
    expect(isFiltering(filter({ style: 'ANIME' }))).toBe(true);
    expect(isFiltering(filter({ seed: '7' }))).toBe(true);
    expect(isFiltering(filter({ prompt: 'x' }))).toBe(true);
    expect(isFiltering(filter({ inputId: 0 }))).toBe(true);
  });
});

describe('toJobFilter (what main is asked to filter by)', () => {
  it('asks for nothing when nothing narrows (grouping and blank text included)', () => {
    expect(toJobFilter(EMPTY_FILTER)).toEqual({});
    expect(toJobFilter(filter({ groupByInput: true, seed: ' ', prompt: '\t' }))).toEqual({});
  });

  it('turns a status group into its job states', () => {
    expect(toJobFilter(filter({ status: 'running' }))).toEqual({
      states: ['submitting', 'queued', 'processing'],
    });
    expect(toJobFilter(filter({ status: 'done' }))).toEqual({ states: ['completed', 'skipped_duplicate'] });
    for (const g of STATUS_GROUPS) for (const state of STATES_IN_GROUP[g]) expect(statusGroup(state)).toBe(g);
  });

  it('passes a rating filter on, and counts it as filtering', () => {
    expect(toJobFilter(filter({ rating: 'pick' }))).toEqual({ rating: 'pick' });
    expect(toJobFilter(filter({ rating: 'stars-3', style: 'ANIME' }))).toEqual({
      rating: 'stars-3',
      style: 'ANIME',
    });
    expect(isFiltering(filter({ rating: 'reject' }))).toBe(true);
  });

  it('trims the seed and prompt; a seed that is not a number matches nothing', () => {
    expect(toJobFilter(filter({ seed: ' 100 ', prompt: '  RED ' }))).toEqual({
      seed: 100,
      promptContains: 'RED',
    });
    expect(toJobFilter(filter({ seed: 'abc' }))).toEqual({ seed: -1 });
  });

  it('passes style and input through, combined', () => {
    expect(toJobFilter(filter({ style: 'ANIME', inputId: 3, status: 'failed' }))).toEqual({
      states: ['failed'],
      style: 'ANIME',
      inputId: 3,
    });
  });
});

describe('groupCounts', () => {
  it('adds the states of each status group', () => {
    const byState = Object.fromEntries(JOB_STATES.map((s, i) => [s, i + 1])) as Record<JobState, number>;
    const groups = groupCounts(byState);
    expect(groups.running).toBe(byState.submitting + byState.queued + byState.processing);
    expect(groups.done).toBe(byState.completed + byState.skipped_duplicate);
    expect(Object.values(groups).reduce((a, b) => a + b, 0)).toBe(
      Object.values(byState).reduce((a, b) => a + b, 0),
    );
  });
});

describe('stateLabel', () => {
  it('names the backend a submitted job waits at', () => {
    expect(stateLabel('queued', 'simulator')).toBe('Waiting at simulator');
    expect(stateLabel('queued', 'segmind')).toBe('Waiting at Segmind');
    expect(stateLabel('queued', null)).toBe('Waiting');
    expect(stateLabel('completed', 'simulator')).toBe(STATE_LABEL.completed);
  });
});

describe('escapePrompt', () => {
  it.each([
    'plain words',
    'a {red|blue} car',
    'pipe | outside',
    'back\\slash \\{ already escaped',
    '{{nested|x}|y}',
  ])('is read back literally by the permutation parser: %s', (text) => {
    const compiled = compilePrompt(escapePrompt(text));
    expect(compiled.count).toBe(1);
    expect(renderPromptVariant(compiled, 0)).toBe(text);
  });
});

describe('reuseSpec', () => {
  const job = makeJob({
    prompt: 'a {literal} | prompt',
    negativePrompt: 'blur',
    seed: 4242,
    style: 'ANIME',
    resolution: 'RESOLUTION_1280_720',
    imageWeight: 35,
    magicPrompt: 'OFF',
    palette: { members: [{ color_hex: '#AABBCC', color_weight: 0.5 }] },
  });
  const input = { path: '/photos/cat.png' };

  it('is a valid one-job sweep that expands back to the same parameters', () => {
    const parsed = parseSweepSpec(reuseSpec(job, input, makeBatch()));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [only, ...rest] = expand(parsed.value, [
      { index: 0, name: 'cat', relPath: 'cat.png', contentHash: 'h' },
    ]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      prompt: job.prompt,
      negativePrompt: job.negativePrompt,
      seed: job.seed,
      style: job.style,
      resolution: job.resolution,
      imageWeight: job.imageWeight,
      magicPrompt: job.magicPrompt,
      palette: job.palette,
    });
    expect(parsed.value.inputs.paths).toEqual(['/photos/cat.png']);
  });

  it("takes the batch's template and dedupe, and leaves them to the defaults without a batch", () => {
    const withBatch = reuseSpec(job, input, makeBatch({ template: '{input}.png', dedupe: false }));
    expect(withBatch).toMatchObject({ template: '{input}.png', dedupe: false });
    const without = reuseSpec(job, input, null);
    expect('template' in without).toBe(false);
    expect('dedupe' in without).toBe(false);
    expect(parseSweepSpec(without).ok).toBe(true);
  });
});

describe('jobElapsedMs', () => {
  it('is null before the job was sent', () => {
    expect(jobElapsedMs(makeJob(), 1000)).toBeNull();
  });

  it('counts from submit (else start) to finish, or to now while running', () => {
    expect(jobElapsedMs(makeJob({ submittedAt: 100, startedAt: 300, finishedAt: 900 }), 5000)).toBe(800);
    expect(jobElapsedMs(makeJob({ startedAt: 300 }), 1000)).toBe(700);
    expect(jobElapsedMs(makeJob({ submittedAt: 100 }), 250)).toBe(150);
  });
});
