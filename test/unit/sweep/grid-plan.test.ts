/** The labelled grid's plan: default axes, sections that keep every image, file names. */
import type { StyleType } from '@shared/catalogue';
import {
  buildTable,
  defaultGridAxes,
  defaultYAxis,
  gridFileName,
  gridInputNames,
  gridSections,
  narrowJobs,
  type TableJob,
  variedAxes,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

function job(ordinal: number, over: Partial<TableJob>): TableJob {
  return {
    ordinal,
    inputId: 1,
    prompt: 'a cat',
    promptIndex: 0,
    negativePrompt: '',
    style: 'GENERAL',
    seed: 100,
    resolution: 'RESOLUTION_1024_1024',
    imageWeight: 50,
    magicPrompt: 'AUTO',
    palette: null,
    ...over,
  };
}

/** Two inputs x styles x seeds x weights, in expansion order (weight fastest). */
function sweep(): TableJob[] {
  const jobs: TableJob[] = [];
  for (const inputId of [1, 2])
    for (const style of ['ANIME', 'GENERAL'] as StyleType[])
      for (const seed of [200, 100])
        for (const imageWeight of [80, 20])
          jobs.push(job(jobs.length, { inputId, style, seed, imageWeight }));
  return jobs;
}

describe('default grid axes', () => {
  it('open on seed x style when the batch varies them, else on what it varies', () => {
    expect(defaultGridAxes(['input', 'style', 'seed', 'imageWeight'])).toEqual({ x: 'seed', y: 'style' });
    expect(defaultGridAxes(['imageWeight'])).toEqual({ x: 'imageWeight', y: 'seed' });
    expect(defaultGridAxes(['style'])).toEqual({ x: 'style', y: 'seed' });
    expect(defaultGridAxes(['prompt', 'palette'])).toEqual({ x: 'prompt', y: 'palette' });
    expect(defaultGridAxes([])).toEqual({ x: 'seed', y: 'style' });
    expect(defaultYAxis(['style', 'seed'], 'style')).toBe('seed');
  });

  it('come from the stored spec: axes with more than one value, in expansion order', () => {
    expect(variedAxes({ prompts: ['a {b|c}'], seeds: '100-101', inputs: { paths: ['/x'] } }, 3)).toEqual([
      'input',
      'prompt',
      'seed',
    ]);
    expect(variedAxes({ not: 'a spec' }, 1)).toEqual([]);
  });
});

describe('grid sections', () => {
  it('hold every job of the input once, each section the matrix the screen shows for its held values', () => {
    const jobs = sweep();
    const sections = gridSections(jobs, 2, 'seed', 'style', ['input', 'style', 'seed', 'imageWeight']);
    expect(sections.map((s) => [s.title, s.fixed])).toEqual([
      ['weight 20', { imageWeight: '20' }],
      ['weight 80', { imageWeight: '80' }],
    ]);
    const placed = sections.flatMap((s) => s.table.cells.flat()).map((j) => j!.ordinal);
    expect(placed.sort((a, b) => a - b)).toEqual(jobs.filter((j) => j.inputId === 2).map((j) => j.ordinal));
    for (const s of sections)
      expect(s.table).toEqual(buildTable(narrowJobs(jobs, 2, s.fixed), 'seed', 'style'));
    expect(sections[0]!.table.xs.map((v) => v.label)).toEqual(['seed 100', 'seed 200']);
    expect(sections[0]!.table.ys.map((v) => v.label)).toEqual(['GENERAL', 'ANIME']);
  });

  it('are one untitled section when nothing else varies, and nest several held axes slowest first', () => {
    const jobs = sweep();
    expect(gridSections(jobs, 1, 'seed', 'style', ['seed', 'style']).map((s) => s.title)).toEqual(['']);
    const nested = gridSections(jobs, 1, 'imageWeight', 'prompt', ['style', 'seed', 'imageWeight']);
    expect(nested.map((s) => s.title)).toEqual([
      'GENERAL · seed 100',
      'GENERAL · seed 200',
      'ANIME · seed 100',
      'ANIME · seed 200',
    ]);
  });
});

describe('grid file names', () => {
  it('use the input name, its path where names collide, and stay safe', () => {
    const names = gridInputNames([
      { id: 1, idx: 0, name: 'cat', relPath: 'a/cat.jpg' },
      { id: 2, idx: 1, name: 'Cat', relPath: 'b/Cat.png' },
      { id: 3, idx: 2, name: 'dog', relPath: 'dog.jpg' },
      { id: 4, idx: 3, name: 'con', relPath: 'con.jpg' },
      { id: 5, idx: 4, name: 'a:b', relPath: 'a:b.jpg' },
    ]);
    expect([...names.values()]).toEqual(['a_cat', 'b_Cat', 'dog', '_con', 'a_b']);
    expect(gridFileName('dog', 'seed', 'style')).toBe('dog__seed-by-style.png');
  });
});
