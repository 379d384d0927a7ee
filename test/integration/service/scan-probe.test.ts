/**
 * Issue 11 §4, third bullet: `inputs:scan` checks each found image by its header, so the composer can
 * say "12 images, 2 unusable" and list why before Start. The probe uses the same checks as batch
 * creation (same codes, same words); what needs the pixels (a file cut short) is left to creation.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputScan } from '@shared/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInputProbe } from '../../../electron/images/header-probe';
import { prepareInput } from '../../../electron/images/prepare-input';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { generateFixtures } from '../../fixtures/generate-fixtures';

let dir: string;
let service: StudioService;
let call: Dispatch;
let fixtures: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-scan-probe-'));
  fixtures = await generateFixtures(join(dir, 'fx'));
  mkdirSync(join(dir, 'shapes'));
  const solid = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: '#468' } }).png();
  await solid(20_000, 2).toFile(join(dir, 'shapes', 'strip.png'));
  await solid(40, 30).toFile(join(dir, 'shapes', 'speck.png'));
  await solid(300, 200).toFile(join(dir, 'shapes', 'fine.png'));
  service = await startStudioService({ shell: 'web', dataDir: join(dir, 'data'), backend: { apiKey: null } });
  call = createDispatcher(service.handlers, () => {});
});

afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scan(paths: string[]): Promise<InputScan> {
  const outcome = await call('inputs:scan', { paths, recursive: false, limit: 500 });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value as InputScan;
}

describe('inputs:scan names unusable images before Start', () => {
  it('counts usable images and lists the others with their reasons', async () => {
    const result = await scan([join(dir, 'fx', 'good'), join(dir, 'shapes')]);
    expect(result.total).toBe(8);
    expect(result.usable).toBe(6);
    expect(result.unusable.map((u) => [u.relPath, u.code])).toEqual([
      ['speck.png', 'too_small'],
      ['strip.png', 'extreme_aspect'],
    ]);
    expect(result.unusable[1]!.message).toBe(
      '"strip.png" is 20000 x 2 pixels, too wide (10000:1); outputs span 1:3 to 3:1, inputs up to 4:1 are used',
    );
  });

  it('gives the hostile fixtures the codes and words batch creation gives them', async () => {
    const result = await scan([join(dir, 'fx', 'hostile')]);
    const byPath = new Map(result.unusable.map((u) => [u.path, u]));
    const cacheDir = join(dir, 'prepare-cache');
    for (const name of ['empty', 'textAsPng', 'bomb20k', 'animatedGif'] as const) {
      const prepared = await prepareInput(
        { path: fixtures[name]!, relPath: byPath.get(fixtures[name]!)?.relPath },
        { cacheDir },
      );
      expect(prepared.ok, name).toBe(false);
      if (prepared.ok) continue;
      expect(byPath.get(fixtures[name]!), name).toMatchObject({
        code: prepared.code,
        message: prepared.message,
      });
    }
    // Needs the pixels to notice: passes the probe, is refused when the batch is created.
    expect(byPath.has(fixtures.truncated!)).toBe(false);
    expect(result.usable).toBe(result.total - result.unusable.length);
  });

  it('probes each file once until it changes', async () => {
    const probe = createInputProbe();
    const files = [{ path: join(dir, 'shapes', 'strip.png'), relPath: 'strip.png' }];
    const first = await probe.probe(files);
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#864' } })
      .png()
      .toFile(join(dir, 'shapes', 'strip.png'));
    const second = await probe.probe(files);
    expect(first[0]?.code).toBe('extreme_aspect');
    expect(second[0]).toBeNull();
  });
});
