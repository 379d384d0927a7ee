/** The grid's pure model: status groups, filters, row layout with input headers, arrow-key movement, reuse specs. */

import { JOB_STATES } from '@shared/scheduling';
import { compilePrompt, expand, parseSweepSpec, renderPromptVariant } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  escapePrompt,
  filterJobs,
  type GridFilter,
  isFiltering,
  jobElapsedMs,
  layoutRows,
  moveCursor,
  reuseSpec,
  STATE_LABEL,
  STATUS_GROUPS,
  statusGroup,
} from '../../../renderer/src/views/grid/grid-model';
import { makeBatch, makeInput, makeJob, makeJobs } from './job-fixture';

const filter = (patch: Partial<GridFilter>): GridFilter => ({ ...EMPTY_FILTER, ...patch });
const ids = (jobs: readonly { id: number }[]) => jobs.map((j) => j.id);

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

describe('filterJobs', () => {
  const jobs = [
    makeJob({ id: 1, state: 'pending', style: 'GENERAL', seed: 100, prompt: 'A Red Car', inputId: 1 }),
    makeJob({ id: 2, state: 'processing', style: 'ANIME', seed: 1000, prompt: 'a blue car', inputId: 2 }),
    makeJob({ id: 3, state: 'submitting', style: 'ANIME', seed: 100, prompt: 'a boat', inputId: 1 }),
    makeJob({
      id: 4,
      state: 'skipped_duplicate',
      style: 'GENERAL',
      seed: 200,
      prompt: 'red boat',
      inputId: 2,
    }),
    makeJob({ id: 5, state: 'failed', style: 'DESIGN', seed: 300, prompt: 'car', inputId: 1 }),
  ];

  it('returns the very same array when nothing narrows (no copy at 10,000 jobs)', () => {
    expect(filterJobs(jobs, EMPTY_FILTER)).toBe(jobs);
    expect(filterJobs(jobs, filter({ groupByInput: true, seed: ' ' }))).toBe(jobs);
  });

  it('filters by rating, and counts a rating filter as filtering', () => {
    const rated = jobs.map((j, i) => ({
      ...j,
      flag: i === 3 ? ('pick' as const) : ('none' as const),
      stars: i,
    }));
    expect(ids(filterJobs(rated, filter({ rating: 'pick' })))).toEqual([4]);
    expect(ids(filterJobs(rated, filter({ rating: 'stars-3' })))).toEqual([4, 5]);
    expect(ids(filterJobs(rated, filter({ rating: 'unrated' })))).toEqual([1]);
    expect(isFiltering(filter({ rating: 'reject' }))).toBe(true);
  });

  it('filters by coarse status group', () => {
    expect(ids(filterJobs(jobs, filter({ status: 'running' })))).toEqual([2, 3]);
    expect(ids(filterJobs(jobs, filter({ status: 'done' })))).toEqual([4]);
    expect(ids(filterJobs(jobs, filter({ status: 'cancelled' })))).toEqual([]);
  });

  it('matches the seed exactly, ignoring surrounding spaces', () => {
    expect(ids(filterJobs(jobs, filter({ seed: ' 100 ' })))).toEqual([1, 3]);
    expect(ids(filterJobs(jobs, filter({ seed: '10' })))).toEqual([]);
  });

  it('matches nothing for a seed that is not a number', () => {
    expect(filterJobs(jobs, filter({ seed: 'abc' }))).toEqual([]);
  });

  it('matches the prompt as a trimmed, case-insensitive substring', () => {
    expect(ids(filterJobs(jobs, filter({ prompt: '  RED ' })))).toEqual([1, 4]);
    expect(ids(filterJobs(jobs, filter({ prompt: 'car' })))).toEqual([1, 2, 5]);
  });

  it('combines every field with AND and keeps the original order', () => {
    expect(ids(filterJobs(jobs, filter({ style: 'ANIME', inputId: 1 })))).toEqual([3]);
    expect(ids(filterJobs(jobs, filter({ prompt: 'car', inputId: 1, status: 'failed' })))).toEqual([5]);
    expect(ids(filterJobs(jobs, filter({ style: 'GENERAL', seed: '200', prompt: 'boat' })))).toEqual([4]);
  });
});

describe('layoutRows', () => {
  it('lays jobs in rows of `columns` with the last row short', () => {
    const jobs = makeJobs(7);
    const { rows, order, cellOf } = layoutRows(jobs, 3, false, []);
    expect(rows.map((r) => (r.kind === 'cards' ? ids(r.jobs) : r.kind))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(ids(order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cellOf.get(5)).toEqual({ row: 1, col: 1, index: 4 });
    expect(cellOf.get(7)).toEqual({ row: 2, col: 0, index: 6 });
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('treats zero or negative columns as one column', () => {
    expect(layoutRows(makeJobs(3), 0, false, []).rows).toHaveLength(3);
    expect(layoutRows(makeJobs(3), -4, false, []).rows).toHaveLength(3);
  });

  it('gives no rows for no jobs, grouped or not', () => {
    expect(layoutRows([], 4, false, []).rows).toEqual([]);
    expect(layoutRows([], 4, true, []).rows).toEqual([]);
  });

  it('groups by input in first-seen order with a header per input and unique keys', () => {
    const jobs = makeJobs(5, (i) => ({ inputId: [2, 1, 2, 2, 1][i] }));
    const inputs = [makeInput({ id: 1 }), makeInput({ id: 2 })];
    const { rows, order, cellOf } = layoutRows(jobs, 2, true, inputs);
    expect(
      rows.map((r) => (r.kind === 'header' ? `h${r.inputId}:${r.count}:${r.input?.name}` : ids(r.jobs))),
    ).toEqual(['h2:3:in2', [1, 3], [4], 'h1:2:in1', [2, 5]]);
    // Reading order follows the grouped layout, not the input list.
    expect(ids(order)).toEqual([1, 3, 4, 2, 5]);
    expect(cellOf.get(2)).toEqual({ row: 4, col: 0, index: 3 });
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('keeps a header for an input it does not know (input undefined)', () => {
    const { rows } = layoutRows([makeJob({ inputId: 9 })], 3, true, []);
    expect(rows[0]).toMatchObject({ kind: 'header', inputId: 9, input: undefined, count: 1 });
  });
});

describe('moveCursor', () => {
  const flat = layoutRows(makeJobs(7), 3, false, []);
  const id = (j: { id: number } | null) => j?.id ?? null;

  it('is null with nothing laid out', () => {
    expect(moveCursor(layoutRows([], 3, false, []), null, 'ArrowDown')).toBeNull();
  });

  it('starts at the first job from nothing or an id no longer shown', () => {
    expect(id(moveCursor(flat, null, 'ArrowDown'))).toBe(1);
    expect(id(moveCursor(flat, 99, 'End'))).toBe(1);
  });

  it('goes Home and End', () => {
    expect(id(moveCursor(flat, 5, 'Home'))).toBe(1);
    expect(id(moveCursor(flat, 2, 'End'))).toBe(7);
  });

  it('moves left/right in reading order across rows and stops at the ends', () => {
    expect(id(moveCursor(flat, 4, 'ArrowLeft'))).toBe(3);
    expect(id(moveCursor(flat, 3, 'ArrowRight'))).toBe(4);
    expect(id(moveCursor(flat, 1, 'ArrowLeft'))).toBe(1);
    expect(id(moveCursor(flat, 7, 'ArrowRight'))).toBe(7);
  });

  it('moves up/down keeping the column, clamping into a short last row, null past the edge', () => {
    expect(id(moveCursor(flat, 2, 'ArrowDown'))).toBe(5);
    expect(id(moveCursor(flat, 6, 'ArrowDown'))).toBe(7);
    expect(id(moveCursor(flat, 7, 'ArrowUp'))).toBe(4);
    expect(moveCursor(flat, 2, 'ArrowUp')).toBeNull();
    expect(moveCursor(flat, 7, 'ArrowDown')).toBeNull();
  });

  it('skips input header rows when moving up and down', () => {
    const jobs = makeJobs(4, (i) => ({ inputId: [1, 1, 2, 2][i] }));
    const grouped = layoutRows(jobs, 2, true, []);
    expect(id(moveCursor(grouped, 2, 'ArrowDown'))).toBe(4);
    expect(id(moveCursor(grouped, 3, 'ArrowUp'))).toBe(1);
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
