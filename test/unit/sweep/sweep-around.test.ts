import { PALETTE_PRESETS, STYLE_TYPES } from '@shared/catalogue';
import {
  type AroundJob,
  countJobs,
  expand,
  NO_NEIGHBOURS,
  parseSweepSpec,
  type SweepSpec,
  sweepAroundSpec,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const job: AroundJob = {
  inputPath: '/photos/barn.jpg',
  prompt: 'a {red} barn, __not_a_wildcard__',
  negativePrompt: 'blur|fog',
  seed: 4242,
  style: 'ANIME',
  resolution: 'RESOLUTION_1152_896',
  imageWeight: 95,
  magicPrompt: 'AUTO',
  palette: { name: 'EMBER' },
};

const parsed = (spec: Record<string, unknown>): SweepSpec => {
  const r = parseSweepSpec(spec);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const input = [{ index: 0, name: 'barn', relPath: 'barn.jpg', contentHash: 'h' }];

describe('sweepAroundSpec', () => {
  it('with nothing added is exactly the job again (same parameters, literal prompt)', () => {
    const spec = parsed(sweepAroundSpec(job, NO_NEIGHBOURS, 7));
    const jobs = [...expand(spec, input)];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      prompt: 'a {red} barn, __not_a_wildcard__',
      negativePrompt: 'blur|fog',
      seed: 4242,
      style: 'ANIME',
      resolution: 'RESOLUTION_1152_896',
      imageWeight: 95,
      magicPrompt: 'AUTO',
      palette: { name: 'EMBER' },
    });
  });

  it('adds each direction on its own axis, the job’s own value first', () => {
    const spec = parsed(
      sweepAroundSpec(job, { randomSeeds: 3, weights: true, styles: true, magic: true, palettes: true }, 7),
    );
    const seeds = [
      ...expand(
        { ...spec, styles: ['ANIME'], imageWeights: [95], magicPrompts: ['AUTO'], palettes: [null] },
        input,
      ),
    ].map((j) => j.seed);
    expect(seeds[0]).toBe(4242);
    expect(new Set(seeds).size).toBe(4);
    expect(spec.imageWeights).toEqual([75, 85, 95, 100]); // +10 and +20 both clamp to 100
    expect(spec.styles).toEqual(['ANIME', ...STYLE_TYPES.filter((s) => s !== 'ANIME')]);
    expect(spec.magicPrompts).toEqual(['AUTO', 'ON', 'OFF']);
    expect(spec.palettes).toEqual([
      { name: 'EMBER' },
      null,
      ...PALETTE_PRESETS.filter((p) => p !== 'EMBER').map((name) => ({ name })),
    ]);
    expect(countJobs(spec, 1)).toBe(4 * 4 * 5 * 3 * 9);
  });

  it('draws different new seeds for a different sweep seed', () => {
    const a = parsed(sweepAroundSpec(job, { ...NO_NEIGHBOURS, randomSeeds: 4 }, 1));
    const b = parsed(sweepAroundSpec(job, { ...NO_NEIGHBOURS, randomSeeds: 4 }, 2));
    const seeds = (s: SweepSpec) => [...expand(s, input)].map((j) => j.seed);
    expect(seeds(a).slice(1)).not.toEqual(seeds(b).slice(1));
    expect(seeds(a)[0]).toBe(4242);
  });

  it('keeps a low weight in range and lists each weight once', () => {
    const spec = parsed(sweepAroundSpec({ ...job, imageWeight: 5 }, { ...NO_NEIGHBOURS, weights: true }, 1));
    expect(spec.imageWeights).toEqual([1, 5, 15, 25]);
  });
});
