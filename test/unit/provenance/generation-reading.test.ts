import { parseA1111Parameters, readGeneration, rerunKey, rerunSpec } from '@shared/provenance';
import { expand, jobKey, parseSweepSpec } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import {
  formatA1111Parameters,
  type GenerationRecord,
  generationTextChunks,
} from '../../../electron/images/generation-record';

// Real-world shapes of A1111 / Forge "parameters" texts (PNG Info).
const A1111_TXT2IMG = [
  'masterpiece, best quality, a girl in a red coat, (detailed face:1.2)',
  'Negative prompt: lowres, bad anatomy, bad hands,',
  'text, error',
  'Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.6.0',
].join('\n');
const A1111_IMG2IMG =
  'a watercolor of a lighthouse\nSteps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 123, Size: 512x512, Model hash: abc123, Denoising strength: 0.35, Version: v1.9.4';
const FORGE_LORA =
  'a {cat} in a hat <lora:hat:0.8>\nNegative prompt: blurry\nSteps: 25, Sampler: Euler, Schedule type: Automatic, CFG scale: 5, Seed: 4242, Size: 1152x896, Lora hashes: "hat: 0123abcd, other: 4567", Version: f2.0.1';

const record: GenerationRecord = {
  model: 'ideogram-img-2-img',
  params: {
    prompt: 'a {literal} red coat, studio light',
    negative_prompt: 'blurry',
    image_weight: 60,
    magic_prompt_option: 'OFF',
    resolution: 'RESOLUTION_1152_896',
    seed: 4242,
    style_type: 'ANIME',
    color_palette: { members: [{ color_hex: '#112233', color_weight: 0.5 }] },
  },
  inputName: 'portrait: final',
  inputHash: 'ab'.repeat(32),
  batchId: 'b-1',
  requestId: 'req-9',
  inferenceTimeSec: 12.69,
  jobKey: 'k'.repeat(64),
  software: 'Sweep Studio 0.1.0',
};

describe('parseA1111Parameters', () => {
  it('splits prompt, multi-line negative prompt and settings like A1111 does', () => {
    const p = parseA1111Parameters(A1111_TXT2IMG);
    expect(p.prompt).toBe('masterpiece, best quality, a girl in a red coat, (detailed face:1.2)');
    expect(p.negativePrompt).toBe('lowres, bad anatomy, bad hands,\ntext, error');
    expect(p.settings.get('Seed')).toBe('1234567890');
    expect(p.settings.get('Size')).toBe('512x768');
    expect(p.settings.get('Sampler')).toBe('DPM++ 2M Karras');
    expect(parseA1111Parameters(FORGE_LORA).settings.get('Lora hashes')).toBe('hat: 0123abcd, other: 4567');
  });

  it('keeps a last line with fewer than 3 pairs as prompt text', () => {
    const p = parseA1111Parameters('a portrait\nlight: soft, mood: calm');
    expect(p.prompt).toBe('a portrait\nlight: soft, mood: calm');
    expect(p.settings.size).toBe(0);
  });
});

describe('readGeneration', () => {
  it('reads this studio’s record exactly, from its JSON', () => {
    const chunks = generationTextChunks({ ...record, resolutionChoice: 'match' });
    const reading = readGeneration(chunks);
    expect(reading).toEqual({
      ok: true,
      source: 'studio',
      params: {
        prompt: 'a {literal} red coat, studio light',
        negativePrompt: 'blurry',
        seed: 4242,
        style: 'ANIME',
        resolution: 'RESOLUTION_1152_896',
        imageWeight: 60,
        magicPrompt: 'OFF',
        palette: { members: [{ color_hex: '#112233', color_weight: 0.5 }] },
      },
      resolutionMatched: true,
      input: { name: 'portrait: final', hash: 'ab'.repeat(32) },
      batchId: 'b-1',
      jobKey: 'k'.repeat(64),
      software: 'Sweep Studio 0.1.0',
      notes: [],
    });
  });

  it('falls back to the studio’s own A1111 text when the JSON is damaged, and says so', () => {
    const chunks = { generation: '{"model":', parameters: formatA1111Parameters(record) };
    const reading = readGeneration(chunks);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.source).toBe('a1111');
    expect(reading.params).toEqual({
      prompt: 'a {literal} red coat, studio light',
      negativePrompt: 'blurry',
      seed: 4242,
      style: 'ANIME',
      resolution: 'RESOLUTION_1152_896',
      imageWeight: 60,
      magicPrompt: 'OFF',
      palette: { members: [{ color_hex: '#112233', color_weight: 0.5 }] },
    });
    expect(reading.notes[0]).toMatch(/damaged/);
    expect(reading.input).toEqual({ name: 'portrait: final', hash: null });
    expect(reading.batchId).toBe('b-1');
  });

  it('translates a foreign A1111 text and says every guess', () => {
    const t2i = readGeneration({ parameters: A1111_TXT2IMG });
    expect(t2i).toMatchObject({
      ok: true,
      source: 'a1111',
      params: {
        seed: null,
        resolution: 'RESOLUTION_768_1152',
        style: 'GENERAL',
        imageWeight: 50,
        palette: null,
      },
    });
    if (!t2i.ok) return;
    expect(t2i.notes).toEqual([
      "Seed 1234567890 is outside Ideogram's 100-999999: a new random seed is drawn",
      'Size 512x768 is not an Ideogram size: the nearest is 768x1152',
      'ignored (no Ideogram equivalent): Steps, Sampler, CFG scale, Model hash',
    ]);
    const i2i = readGeneration({ parameters: A1111_IMG2IMG });
    expect(i2i).toMatchObject({
      ok: true,
      params: { seed: 123, imageWeight: 65, resolution: 'RESOLUTION_1024_1024' },
    });
    const forge = readGeneration({ parameters: FORGE_LORA });
    expect(forge).toMatchObject({
      ok: true,
      params: { prompt: 'a {cat} in a hat <lora:hat:0.8>', negativePrompt: 'blurry', seed: 4242 },
    });
  });

  it('says what is missing when there is no record', () => {
    expect(readGeneration({})).toEqual({
      ok: false,
      message: 'it has no generation record (no "generation" or "parameters" text)',
    });
    expect(readGeneration({ Software: 'GIMP', Comment: 'hello' })).toEqual({
      ok: false,
      message:
        'it has no generation record (no "generation" or "parameters" text; its text chunks: Software, Comment)',
    });
    expect(readGeneration({ parameters: '\n\n' })).toEqual({
      ok: false,
      message: 'its "parameters" text has no prompt',
    });
    expect(readGeneration({ generation: 'nope' })).toEqual({
      ok: false,
      message: 'its generation record is damaged (not valid JSON)',
    });
  });
});

describe('re-run from a record', () => {
  it('makes a one-job spec whose job has the recorded key over the same image', () => {
    const reading = readGeneration(generationTextChunks(record));
    if (!reading.ok) throw new Error(reading.message);
    const parsed = parseSweepSpec(rerunSpec(reading.params, '/photos/portrait.png'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [job, more] = [
      ...expand(parsed.value, [{ index: 0, name: 'p', relPath: 'p.png', contentHash: 'ab'.repeat(32) }]),
    ];
    expect(more).toBeUndefined();
    expect(job).toMatchObject({
      prompt: 'a {literal} red coat, studio light',
      negativePrompt: 'blurry',
      seed: 4242,
      style: 'ANIME',
      resolution: 'RESOLUTION_1152_896',
      imageWeight: 60,
      magicPrompt: 'OFF',
    });
    expect(job!.key).toBe(rerunKey(reading.params, 'ab'.repeat(32)));
    const { seed: _seed, ...rest } = reading.params;
    expect(job!.key).toBe(jobKey('ab'.repeat(32), { ...rest, seed: 4242 }));
    // A new seed is a new job.
    const other = parseSweepSpec({ ...rerunSpec(reading.params, '/p.png'), seeds: '4243' });
    if (!other.ok) throw new Error('invalid');
    const [changed] = [
      ...expand(other.value, [{ index: 0, name: 'p', relPath: 'p.png', contentHash: 'ab'.repeat(32) }]),
    ];
    expect(changed!.key).not.toBe(job!.key);
    expect(rerunKey({ ...reading.params, seed: null }, 'x')).toBeNull();
  });
});
