import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generate, params, post, sourcePng } from './sim-fixture';

/** Mean absolute per-channel difference between two same-sized images, 0..255. */
async function meanDiff(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((img) => sharp(img).removeAlpha().raw().toBuffer()));
  expect(ra!.length).toBe(rb!.length);
  let sum = 0;
  for (let i = 0; i < ra!.length; i++) sum += Math.abs(ra![i]! - rb![i]!);
  return sum / ra!.length;
}

describe('simulator output images', () => {
  let sim: SimulatorHandle;
  let image: Buffer;
  const base = { resolution: 'RESOLUTION_640_1024', seed: 5000, style_type: 'GENERAL', image_weight: 50 };

  beforeAll(async () => {
    sim = await startSimulator({ latencyScale: 0.002 });
    image = await sourcePng(160, 120);
  });
  afterAll(() => sim.close());

  it('the same request twice gives identical bytes (v2 and v1 sync alike)', async () => {
    const a = await generate(sim, params(image, base));
    const b = await generate(sim, params(image, base));
    expect(a.equals(b)).toBe(true);
    const sync = Buffer.from(await (await post(sim, 'v1', params(image, base))).arrayBuffer());
    expect(sync.equals(a)).toBe(true);
  });

  it('is exactly the requested resolution', async () => {
    for (const resolution of ['RESOLUTION_1536_512', 'RESOLUTION_768_1344', 'RESOLUTION_1024_1024']) {
      const meta = await sharp(await generate(sim, params(image, { ...base, resolution }))).metadata();
      expect(`RESOLUTION_${meta.width}_${meta.height}`).toBe(resolution);
      expect(meta.format).toBe('png');
    }
  });

  it('differs visibly per seed, style, image weight, palette and prompt', async () => {
    const reference = await generate(sim, params(image, base));
    const variants: Record<string, Record<string, unknown>> = {
      seed: { seed: 5001 },
      weight: { image_weight: 5 },
      palette: { color_palette: { name: 'ULTRAMARINE' } },
      custom: { color_palette: { members: [{ color_hex: '#FF0000', color_weight: 1 }] } },
    };
    for (const style of ['REALISTIC', 'DESIGN', 'RENDER_3D', 'ANIME'])
      variants[style] = { style_type: style };
    for (const [name, change] of Object.entries(variants)) {
      const other = await generate(sim, params(image, { ...base, ...change }));
      expect(await meanDiff(reference, other), name).toBeGreaterThan(3);
    }
    // The prompt shows in the picture, not only in the label text.
    const red = await generate(sim, params(image, { ...base, prompt: 'a red coat' }));
    const blue = await generate(sim, params(image, { ...base, prompt: 'a blue coat' }));
    expect(await meanDiff(red, blue), 'red vs blue prompt').toBeGreaterThan(3);
    const zebra = await generate(sim, params(image, { ...base, prompt: 'zebra crossing' }));
    expect(await meanDiff(reference, zebra), 'prompt').toBeGreaterThan(3);
  });

  it('follows the source at high image weight and the pattern at low weight', async () => {
    const source = await sharp(image).resize(640, 1024, { fit: 'cover' }).png().toBuffer();
    const high = await generate(sim, params(image, { ...base, image_weight: 100 }));
    const low = await generate(sim, params(image, { ...base, image_weight: 1 }));
    expect(await meanDiff(source, high)).toBeLessThan(await meanDiff(source, low));
  });

  it('is derived from the uploaded image', async () => {
    const other = await sourcePng(90, 160);
    const flipped = await sharp(other).flop().negate({ alpha: false }).png().toBuffer();
    const a = await generate(sim, params(image, base));
    const b = await generate(sim, params(flipped, base));
    expect(await meanDiff(a, b)).toBeGreaterThan(10);
  });
});
