import { createHash } from 'node:crypto';
import { validateIdeogramParams } from '@shared/catalogue';
import { type JobParams, type JobSpec, jobKey, toIdeogramParams } from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const params: JobParams = {
  prompt: 'a red car',
  negativePrompt: '',
  seed: 1234,
  style: 'GENERAL',
  resolution: 'RESOLUTION_1024_1024',
  imageWeight: 50,
  magicPrompt: 'AUTO',
  palette: null,
};
const job = (over: Partial<JobSpec> = {}): JobSpec => ({
  ordinal: 0,
  inputIndex: 0,
  promptIndex: 0,
  negativeIndex: 0,
  resolutionMatched: false,
  ...params,
  key: jobKey('abc', params),
  ...over,
});

describe('jobKey', () => {
  it('is a stable hex sha256 of the input hash and parameters', () => {
    const key = jobKey('abc', params);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(jobKey('abc', { ...params })).toBe(key);
    // The documented canonical form, hashed independently: changing it is a deliberate decision (it breaks resume).
    const canonical = JSON.stringify([
      'sweep-studio/job/v1',
      'abc',
      'a red car',
      '',
      1234,
      'GENERAL',
      'RESOLUTION_1024_1024',
      50,
      'AUTO',
      null,
    ]);
    expect(key).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(key).toBe('6a94fbe79b0ade96e7e60f62798cd7cd8fd34946895d5a998f8ceebcd9153abc');
  });

  it('changes when any parameter or the input changes', () => {
    const base = jobKey('abc', params);
    const variants: Partial<JobParams>[] = [
      { prompt: 'a red car ' },
      { negativePrompt: 'blur' },
      { seed: 1235 },
      { style: 'ANIME' },
      { resolution: 'RESOLUTION_1280_720' },
      { imageWeight: 51 },
      { magicPrompt: 'OFF' },
      { palette: { name: 'EMBER' } },
      { palette: { members: [{ color_hex: '#112233', color_weight: 0.5 }] } },
    ];
    const keys = variants.map((v) => jobKey('abc', { ...params, ...v }));
    keys.push(jobKey('abd', params));
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });

  it('keeps palette member order significant and separates fields unambiguously', () => {
    const a = { color_hex: '#111111', color_weight: 0.5 };
    const b = { color_hex: '#222222', color_weight: 0.5 };
    expect(jobKey('x', { ...params, palette: { members: [a, b] } })).not.toBe(
      jobKey('x', { ...params, palette: { members: [b, a] } }),
    );
    expect(jobKey('x', { ...params, prompt: 'a', negativePrompt: 'b' })).not.toBe(
      jobKey('x', { ...params, prompt: 'a","b', negativePrompt: '' }),
    );
  });
});

describe('toIdeogramParams', () => {
  it('builds the exact API body, omitting an empty negative prompt and a null palette', () => {
    expect(toIdeogramParams(job(), 'https://x.test/a.png')).toEqual({
      image_file: 'https://x.test/a.png',
      prompt: 'a red car',
      image_weight: 50,
      magic_prompt_option: 'AUTO',
      resolution: 'RESOLUTION_1024_1024',
      seed: 1234,
      style_type: 'GENERAL',
    });
  });

  it('includes negative prompt and palette when set, and validates', () => {
    const body = toIdeogramParams(job({ negativePrompt: 'blur', palette: { name: 'PASTEL' } }), 'aGVsbG8=');
    expect(body.negative_prompt).toBe('blur');
    expect(body.color_palette).toEqual({ name: 'PASTEL' });
    expect(validateIdeogramParams(body)).toEqual({ ok: true, value: body });
  });
});
