import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../electron/images/code-point-order';
import {
  formatA1111Parameters,
  type GenerationRecord,
  generationTextChunks,
} from '../../../electron/images/generation-record';

const record: GenerationRecord = {
  model: 'ideogram-img-2-img',
  params: {
    prompt: 'a red coat, studio light',
    negative_prompt: 'blurry',
    image_weight: 60,
    magic_prompt_option: 'OFF',
    resolution: 'RESOLUTION_1152_896',
    seed: 4242,
    style_type: 'ANIME',
    color_palette: { name: 'EMBER' },
  },
  inputName: 'portrait: final',
  inputHash: 'ab'.repeat(32),
  batchId: 'b-1',
  requestId: 'req-9',
  inferenceTimeSec: 12.69,
  software: 'Sweep Studio 0.1.0',
};

describe('A1111 parameters text', () => {
  it('puts the prompt, the negative prompt and one settings line in A1111 order, quoting values with , : or newlines', () => {
    expect(formatA1111Parameters(record)).toBe(
      [
        'a red coat, studio light',
        'Negative prompt: blurry',
        'Seed: 4242, Size: 1152x896, Model: ideogram-img-2-img, Style: ANIME, Image weight: 60, Magic prompt: OFF, ' +
          'Color palette: EMBER, Source: "portrait: final", Source hash: abababababab, Batch: b-1, Request id: req-9, ' +
          'Inference time: 12.69s, Version: Sweep Studio 0.1.0',
      ].join('\n'),
    );
  });

  it('omits what is absent (no negative prompt line, no seed, no request id) and renders custom palettes', () => {
    const text = formatA1111Parameters({
      ...record,
      params: {
        ...record.params,
        negative_prompt: undefined,
        seed: undefined,
        color_palette: { members: [{ color_hex: '#112233', color_weight: 0.5 }] },
      },
      requestId: null,
      inferenceTimeSec: null,
    });
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Size: 1152x896, /);
    expect(lines[1]).toContain('Color palette: #112233@0.5');
    expect(lines[1]).not.toMatch(/Request id|Inference time|Seed/);
  });
});

describe('generation text chunks', () => {
  it('has one chunk per parameter plus input, batch and request facts, and the full record as JSON', () => {
    const chunks = generationTextChunks(record);
    expect(chunks).toMatchObject({
      model: 'ideogram-img-2-img',
      prompt: 'a red coat, studio light',
      negative_prompt: 'blurry',
      seed: '4242',
      style_type: 'ANIME',
      resolution: 'RESOLUTION_1152_896',
      image_weight: '60',
      magic_prompt_option: 'OFF',
      color_palette: '{"name":"EMBER"}',
      input_name: 'portrait: final',
      input_hash: 'ab'.repeat(32),
      batch_id: 'b-1',
      request_id: 'req-9',
      inference_time: '12.69',
    });
    expect(JSON.parse(chunks.generation!)).toEqual(record);
    expect(Object.values(chunks).every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('code-point order', () => {
  it('sorts astral characters after U+E000-U+FFFF, unlike UTF-16 order', () => {
    const names = ['😀.png', '\uE000.png', 'b.png', 'B.png'];
    expect([...names].sort()).toEqual(['B.png', 'b.png', '😀.png', '\uE000.png']);
    expect([...names].sort(compareCodePoints)).toEqual(['B.png', 'b.png', '\uE000.png', '😀.png']);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('😀', '😀')).toBe(0);
  });
});
