import { DEFAULT_EXTENSIONS, DEFAULT_NAMING_TEMPLATE, parseSweepSpec } from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const minimal = { inputs: { paths: ['in'] }, prompts: ['a cat'] };
const issuesOf = (input: unknown) => {
  const result = parseSweepSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.issues;
};

describe('sweep spec', () => {
  it('applies the documented defaults', () => {
    const result = parseSweepSpec(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      inputs: { paths: ['in'], recursive: false, extensions: DEFAULT_EXTENSIONS },
      prompts: ['a cat'],
      seeds: 'random:1',
      styles: ['GENERAL'],
      resolutions: ['RESOLUTION_1024_1024'],
      imageWeights: [50],
      magicPrompts: ['AUTO'],
      negativePrompts: [''],
      palettes: [null],
      wildcards: {},
      sweepSeed: 0,
      template: DEFAULT_NAMING_TEMPLATE,
      dedupe: true,
      order: 'progressive',
      reviewAfterCoverage: false,
    });
  });

  it('de-duplicates list axes keeping the first occurrence, and normalises extensions and hex', () => {
    const result = parseSweepSpec({
      ...minimal,
      prompts: ['b', 'a', 'b'],
      styles: ['ANIME', 'GENERAL', 'ANIME'],
      imageWeights: [10, 10, 20],
      inputs: { paths: ['x', 'x'], extensions: ['.JPG', 'jpg', 'png'] },
      palettes: [
        { members: [{ color_hex: '#aabbcc', color_weight: 0.5 }] },
        { members: [{ color_hex: '#AABBCC', color_weight: 0.5 }] },
        null,
        null,
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.prompts).toEqual(['b', 'a']);
    expect(result.value.styles).toEqual(['ANIME', 'GENERAL']);
    expect(result.value.imageWeights).toEqual([10, 20]);
    expect(result.value.inputs).toEqual({ paths: ['x'], recursive: false, extensions: ['jpg', 'png'] });
    expect(result.value.palettes).toEqual([{ members: [{ color_hex: '#AABBCC', color_weight: 0.5 }] }, null]);
  });

  it('rejects empty axes naming the field', () => {
    expect(issuesOf({ ...minimal, styles: [] })).toEqual([
      { field: 'styles', message: 'styles must hold at least one value' },
    ]);
    expect(issuesOf({ ...minimal, prompts: [] })[0]?.field).toBe('prompts');
    expect(issuesOf({ ...minimal, inputs: { paths: [] } })[0]?.field).toBe('inputs.paths');
  });

  it('rejects an empty prompt and a prompt that can expand to nothing', () => {
    expect(issuesOf({ ...minimal, prompts: ['ok', '  '] })).toEqual([
      { field: 'prompts[1]', message: 'prompt must not be empty' },
    ]);
    expect(issuesOf({ ...minimal, prompts: ['{|x}'] })[0]).toEqual({
      field: 'prompts[0]',
      message: 'some permutation of this prompt is empty',
    });
  });

  it('reports prompt syntax errors with the prompt index and column', () => {
    expect(issuesOf({ ...minimal, prompts: ['a', 'b', 'a {red|blue car'] })).toEqual([
      { field: 'prompts[2]', message: expect.stringContaining('column 3') },
    ]);
  });

  it('reports seed errors under seeds', () => {
    expect(issuesOf({ ...minimal, seeds: '100, 5' })).toEqual([
      { field: 'seeds', message: expect.stringMatching(/'5' at column 6: 5 is out of range/) },
    ]);
  });

  it('rejects an unknown style, resolution, weight and magic option naming the element', () => {
    const issues = issuesOf({
      ...minimal,
      styles: ['GENERAL', 'PIXEL'],
      resolutions: ['RESOLUTION_1_1'],
      imageWeights: [0],
      magicPrompts: ['MAYBE'],
    });
    expect(issues.map((i) => i.field)).toEqual([
      'styles[1]',
      'resolutions[0]',
      'imageWeights[0]',
      'magicPrompts[0]',
    ]);
    expect(issues[0]!.message).toMatch(/GENERAL, REALISTIC, DESIGN, RENDER_3D, ANIME/);
  });

  it('rejects unknown fields, a bad palette and a bad template', () => {
    expect(issuesOf({ ...minimal, colour: 1 })[0]!.message).toMatch(/unknown field\(s\): colour/);
    expect(issuesOf({ ...minimal, palettes: [{ name: 'NOPE' }] })[0]!.field).toBe('palettes[0]');
    expect(issuesOf({ ...minimal, template: '{input}__{nope}.png' })).toEqual([
      { field: 'template', message: expect.stringMatching(/unknown token \{nope\}/) },
    ]);
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 1, 'x', [], { inputs: 1 }, { prompts: [1] }]) {
      expect(parseSweepSpec(junk).ok).toBe(false);
    }
  });
});
