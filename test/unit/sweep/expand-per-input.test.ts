/**
 * Expansion with what each input brings: `match` picks a size per input, `{caption}` the input's
 * caption, and negative prompts expand their own permutations and wildcards.
 */
import {
  axisKey,
  axisValues,
  captionIssues,
  compileSweep,
  countJobs,
  createOutputNamer,
  expand,
  jobKey,
  parseSweepSpec,
  type ResolvedInput,
  type SweepSpec,
  templateUsesCaption,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

// Grid order, so jobs can be read by their place in the grid (sweep-order.test.ts covers progressive).
const spec = (input: Record<string, unknown>): SweepSpec => {
  const result = parseSweepSpec({
    inputs: { paths: ['in'] },
    prompts: ['a cat'],
    seeds: '100',
    order: 'grid',
    ...input,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

const shaped: ResolvedInput[] = [
  { index: 0, name: 'pano', relPath: 'pano.jpg', contentHash: 'h0', width: 2048, height: 683 },
  { index: 1, name: 'portrait', relPath: 'portrait.png', contentHash: 'h1', width: 480, height: 720 },
  { index: 2, name: 'square', relPath: 'square.webp', contentHash: 'h2', width: 512, height: 512 },
];

describe('resolution "match"', () => {
  it('is one axis value: counts treat it so, and each input gets the size nearest its shape', () => {
    const s = spec({ resolutions: ['match', 'RESOLUTION_1024_1024'] });
    expect(countJobs(s, shaped.length)).toBe(6);
    const jobs = [...expand(s, shaped)];
    expect(jobs.map((j) => [j.inputIndex, j.resolution, j.resolutionMatched])).toEqual([
      [0, 'RESOLUTION_1536_512', true],
      [0, 'RESOLUTION_1024_1024', false],
      [1, 'RESOLUTION_768_1152', true],
      [1, 'RESOLUTION_1024_1024', false],
      [2, 'RESOLUTION_1024_1024', true],
      [2, 'RESOLUTION_1024_1024', false],
    ]);
  });

  it('keys a match job on the size it resolved to: a matching explicit size dedupes against it', () => {
    const jobs = [...expand(spec({ resolutions: ['match', 'RESOLUTION_1024_1024'] }), shaped)];
    const square = jobs.filter((j) => j.inputIndex === 2);
    expect(square[0]!.key).toBe(square[1]!.key);
    const pano = jobs.filter((j) => j.inputIndex === 0);
    expect(pano[0]!.key).not.toBe(pano[1]!.key);
    const { ordinal, inputIndex, promptIndex, negativeIndex, resolutionMatched, key, ...params } = pano[0]!;
    expect(key).toBe(jobKey('h0', params));
  });

  it('falls back to the default size for an input without dimensions (an unusable one)', () => {
    const [job] = expand(spec({ resolutions: ['match'] }), [
      { index: 0, name: 'x', relPath: 'x', contentHash: 'u' },
    ]);
    expect(job).toMatchObject({ resolution: 'RESOLUTION_1024_1024', resolutionMatched: true });
  });

  it('is one value on the matrix axes and gives unique names next to a size it may equal', () => {
    const s = spec({ resolutions: ['match', 'RESOLUTION_1024_1024'], template: '{input}_{resolution}.png' });
    const jobs = [...expand(s, shaped)];
    const axisJobs = jobs.map((j) => ({ ...j, inputId: j.inputIndex }));
    expect(new Set(axisJobs.map((j) => axisKey(j, 'resolution')))).toEqual(
      new Set(['match', 'RESOLUTION_1024_1024']),
    );
    const square = axisValues(
      axisJobs.filter((j) => j.inputId === 2),
      'resolution',
    );
    expect(square.map((v) => v.label)).toEqual(['match (1024x1024)', '1024x1024']);
    const name = createOutputNamer(s, shaped);
    const names = jobs.map(name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(jobs.length);
    // {resolution} shows the real size, so it cannot tell `match` from 1024x1024: the suffix does.
    expect(names[4]).toBe('square_1024x1024__i2-rm1024x1024.png');
    expect(names[5]).toBe('square_1024x1024__i2-r1024x1024.png');
  });
});

describe('{caption}', () => {
  const captioned: ResolvedInput[] = [
    {
      index: 0,
      name: 'a',
      relPath: 'a.jpg',
      contentHash: 'same',
      caption: { prompt: 'a red barn', negative: 'fog' },
    },
    {
      index: 1,
      name: 'b',
      relPath: 'b.jpg',
      contentHash: 'same',
      caption: { prompt: 'a blue boat', negative: '' },
    },
  ];

  it('fills each input caption into prompts and negative prompts, and the key follows', () => {
    const s = spec({ prompts: ['{caption}, {oil|ink}'], negativePrompts: ['blur, {caption}'] });
    expect(countJobs(s, 2)).toBe(4);
    const jobs = [...expand(s, captioned)];
    expect(jobs.map((j) => [j.prompt, j.negativePrompt])).toEqual([
      ['a red barn, oil', 'blur, fog'],
      ['a red barn, ink', 'blur, fog'],
      ['a blue boat, oil', 'blur,'],
      ['a blue boat, ink', 'blur,'],
    ]);
    // Same image bytes, different captions: different jobs, different keys.
    expect(jobs[0]!.key).not.toBe(jobs[2]!.key);
    expect(jobs[0]!.promptIndex).toBe(jobs[2]!.promptIndex);
  });

  it('lists inputs without a caption as an issue, only when {caption} is used', () => {
    const inputs = [
      { relPath: 'a.jpg', caption: { prompt: 'barn', negative: '' } },
      { relPath: 'sub/b.jpg', caption: null },
    ];
    expect(captionIssues(compileSweep(spec({ prompts: ['plain'] })), inputs)).toEqual([]);
    const issues = captionIssues(compileSweep(spec({ prompts: ['{caption} at dusk'] })), inputs);
    expect(issues).toEqual([
      {
        field: 'inputs',
        message:
          '{caption} is used, but 1 input(s) have no caption: sub/b.jpg (add a .txt file of the same name beside each image, or a row in prompts.csv)',
      },
    ]);
    const long = [{ relPath: 'a.jpg', caption: { prompt: 'x'.repeat(9_995), negative: '' } }];
    expect(captionIssues(compileSweep(spec({ prompts: ['{caption} at dusk'] })), long)[0]).toMatchObject({
      field: 'prompts[0]',
    });
    expect(templateUsesCaption('{caption} {a|b}')).toBe(true);
    expect(templateUsesCaption('\\{caption\\}')).toBe(false);
    expect(templateUsesCaption('{caption} {unclosed')).toBe(false);
  });
});

describe('negative prompts', () => {
  it('expand {a|b} permutations and wildcards, with their own index', () => {
    const s = spec({
      negativePrompts: ['', '{blurry|grainy}, __junk__'],
      wildcards: { junk: ['text', 'watermark'] },
    });
    expect(countJobs(s, 1)).toBe(5);
    const jobs = [...expand(s, [{ index: 0, name: 'a', relPath: 'a', contentHash: 'h' }])];
    expect(jobs.map((j) => [j.negativeIndex, j.negativePrompt])).toEqual([
      [0, ''],
      [1, 'blurry, text'],
      [2, 'blurry, watermark'],
      [3, 'grainy, text'],
      [4, 'grainy, watermark'],
    ]);
    const name = createOutputNamer({ ...s, template: 'a_n{negative}.png' }, [
      { index: 0, name: 'a', relPath: 'a', contentHash: 'h' },
    ]);
    expect(jobs.map(name)).toEqual(['a_n1.png', 'a_n2.png', 'a_n3.png', 'a_n4.png', 'a_n5.png']);
  });

  it('report syntax errors and missing wildcards by field', () => {
    const bad = parseSweepSpec({
      inputs: { paths: ['in'] },
      prompts: ['a cat __where__'],
      negativePrompts: ['{blurry'],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toEqual([
      {
        field: 'prompts[0]',
        message: '__where__ at column 7: no wildcard file "where.txt" (or it has no lines)',
      },
      {
        field: 'negativePrompts[0]',
        message: "unclosed '{' at column 1: add a matching '}' (or write \\{ for a literal brace)",
      },
    ]);
    // An empty negative variant is fine (it means none); an empty prompt variant is not.
    expect(
      parseSweepSpec({ inputs: { paths: ['in'] }, prompts: ['x'], negativePrompts: ['{|blur}'] }).ok,
    ).toBe(true);
  });
});
