/**
 * The composer's instant preview: its job count must be the one main will create (shared/sweep's
 * countJobs), its issues must point at the right fields, and its listings are capped but exact in count.
 */

import {
  axisSizes,
  compileSeeds,
  compileSweep,
  countJobs,
  parseSweepSpec,
  type SweepSpec,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { buildSpec, type ComposerForm, EMPTY_FORM } from '../../../renderer/src/stores/composer-form';
import { computeLocalPreview, describeAxes } from '../../../renderer/src/views/composer/local-preview';

const TEMPLATE = '{batch}/{input}__s{seed}__p{prompt}.png';
const form = (patch: Partial<ComposerForm>): ComposerForm => ({
  ...EMPTY_FORM,
  paths: ['/photos'],
  promptsText: 'a cat',
  ...patch,
});
const parsed = (f: ComposerForm): SweepSpec => {
  const r = parseSweepSpec(buildSpec(f, TEMPLATE));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('computeLocalPreview: counts', () => {
  const forms: [string, Partial<ComposerForm>][] = [
    ['defaults', {}],
    [
      'permutations and ranges',
      { promptsText: 'a {red|blue|green} car\n\na {big|small} boat', seeds: '100-109' },
    ],
    [
      'every axis varied',
      {
        promptsText: '{a|b} {c|d}',
        seeds: '100, 500-502, random:2',
        styles: ['GENERAL', 'ANIME', 'DESIGN'],
        resolutions: ['RESOLUTION_1024_1024', 'RESOLUTION_1280_720'],
        imageWeightsText: '10-90:40',
        magicPrompts: ['ON', 'OFF'],
        negativeText: 'blur',
        alsoNoNegative: true,
        palettePresets: ['EMBER'],
        customPalettes: [[{ hex: '#123456', weight: 1 }]],
      },
    ],
  ];

  it.each(forms)('equals countJobs for %s', (_, patch) => {
    const f = form(patch);
    for (const images of [1, 7]) {
      const p = computeLocalPreview(f, TEMPLATE, images, 4);
      expect(p.issues).toEqual([]);
      expect(p.jobCount).toBe(countJobs(parsed(f), images));
    }
  });

  it('reports the axis sizes main would use, input included', () => {
    const f = form(forms[2]![1]);
    const p = computeLocalPreview(f, TEMPLATE, 5, 4);
    expect(Object.fromEntries(p.axes!.map((a) => [a.name, a.count]))).toEqual(
      axisSizes(compileSweep(parsed(f)), 5),
    );
    expect(p.estimate).toMatch(/at concurrency 4$/);
  });

  it('counts the other axes but gives no total while the image count is unknown', () => {
    const p = computeLocalPreview(form({ seeds: '100-102' }), TEMPLATE, null, 4);
    expect(p.jobCount).toBeNull();
    expect(p.estimate).toBeNull();
    expect(p.axes?.find((a) => a.name === 'seed')?.count).toBe(3);
  });

  it('still counts with no inputs chosen, and says the inputs are missing', () => {
    const p = computeLocalPreview(form({ paths: [], seeds: '100-102' }), TEMPLATE, 0, 4);
    expect(p.issues).toEqual([{ field: 'inputs.paths', message: expect.any(String) }]);
    expect(p.axes?.find((a) => a.name === 'seed')?.count).toBe(3);
    expect(p.jobCount).toBe(0);
  });
});

describe('computeLocalPreview: issues', () => {
  it('names a blank prompt box once, even though the validator also objects', () => {
    const p = computeLocalPreview(form({ promptsText: '  \n ' }), TEMPLATE, 1, 4);
    expect(p.issues.filter((i) => i.field === 'prompts')).toHaveLength(1);
    expect(p.jobCount).toBeNull();
    expect(p.axes).toBeNull();
  });

  it('flags bad image weights but keeps counting with the default weight', () => {
    const p = computeLocalPreview(form({ imageWeightsText: '0, 50' }), TEMPLATE, 2, 4);
    expect(p.issues.map((i) => i.field)).toEqual(['imageWeights']);
    expect(p.jobCount).toBe(countJobs(parsed(form({})), 2));
  });

  it('shows a seed syntax error on the seeds and gives no count', () => {
    const p = computeLocalPreview(form({ seeds: '100-' }), TEMPLATE, 1, 4);
    expect(p.seeds).toEqual({ error: expect.any(String) });
    expect(p.issues.map((i) => i.field)).toContain('seeds');
    expect(p.jobCount).toBeNull();
  });

  it('marks the broken prompt line and still previews the others', () => {
    const p = computeLocalPreview(form({ promptsText: 'a {red|blue} car\n\na {broken' }), TEMPLATE, 1, 4);
    expect(p.prompts.map((l) => [l.line, l.count, l.error === null])).toEqual([
      [1, 2, true],
      [3, 0, false],
    ]);
    expect(p.prompts[0]?.variants).toEqual(['a red car', 'a blue car']);
    expect(p.issues.map((i) => i.field)).toContain('prompts[1]');
  });
});

describe('computeLocalPreview: listings', () => {
  it('lists at most 24 variants per line but counts them all', () => {
    const p = computeLocalPreview(form({ promptsText: '{a|b|c|d|e} {1|2|3|4|5}' }), TEMPLATE, 1, 4);
    expect(p.prompts[0]?.count).toBe(25);
    expect(p.prompts[0]?.variants).toHaveLength(24);
    expect(p.prompts[0]?.variants[0]).toBe('a 1');
    expect(new Set(p.prompts[0]?.variants).size).toBe(24);
  });

  it('lists the first 16 seeds in sweep order, deterministic for a sweep seed', () => {
    const ranged = computeLocalPreview(form({ seeds: '100-199' }), TEMPLATE, 1, 4).seeds;
    expect(ranged).toEqual({ count: 100, first: Array.from({ length: 16 }, (_, i) => 100 + i) });
    const random = computeLocalPreview(form({ seeds: 'random:20', sweepSeed: 9 }), TEMPLATE, 1, 4).seeds;
    const seq = compileSeeds('random:20', 9);
    expect(random).toEqual({ count: 20, first: Array.from({ length: 16 }, (_, i) => seq.at(i)) });
  });
});

describe('describeAxes', () => {
  const axes = (counts: Record<string, number>) =>
    Object.entries(counts).map(([name, count]) => ({ name: name as never, count }));

  it('always names images, prompts and seeds and adds other axes only when varied', () => {
    expect(describeAxes(axes({ input: 1, prompt: 1, style: 1, seed: 1, resolution: 1 }), true)).toBe(
      '1 image x 1 prompt x 1 seed',
    );
    expect(describeAxes(axes({ input: 42, prompt: 6, style: 3, seed: 4, magicPrompt: 2 }), true)).toBe(
      '42 images x 6 prompts x 3 styles x 4 seeds x 2 magic prompt options',
    );
  });

  it('says "? images" while the scan is unknown and groups thousands', () => {
    expect(describeAxes(axes({ input: 1, prompt: 1200, seed: 1 }), false)).toBe(
      '? images x 1,200 prompts x 1 seed',
    );
  });
});
