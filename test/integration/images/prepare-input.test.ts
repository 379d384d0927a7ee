import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { imageFileSchema } from '@shared/catalogue';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  imageFileValue,
  type PreparedInput,
  type PrepareResult,
  prepareInput,
} from '../../../electron/images/prepare-input';
import {
  FIXTURE_EXPECTATIONS,
  type FixtureName,
  generateFixtures,
  permissionsAreBypassed,
} from '../../fixtures/generate-fixtures';

let tmp: string;
let cacheDir: string;
let fx: Record<FixtureName, string>;

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'prepare-'));
  cacheDir = path.join(tmp, 'cache');
  fx = await generateFixtures(path.join(tmp, 'fixtures'));
});

afterAll(async () => {
  await fsp.chmod(fx.noAccess, 0o644).catch(() => undefined);
  await fsp.rm(tmp, { recursive: true, force: true });
});

const prepare = (name: FixtureName, options = {}) =>
  prepareInput({ path: fx[name] }, { cacheDir, ...options });

function ok(result: PrepareResult): PreparedInput {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result;
}

const failing = Object.entries(FIXTURE_EXPECTATIONS).filter(([, code]) => code !== 'ok') as [
  FixtureName,
  string,
][];

describe('prepareInput refuses bad inputs with a code and a message naming the file', () => {
  for (const [name, code] of failing) {
    const skip = name === 'noAccess' && permissionsAreBypassed();
    it.skipIf(skip)(`${name} -> ${code}`, async () => {
      const result = await prepare(name);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(code);
      expect(result.path).toBe(fx[name]);
      expect(result.message).toContain(`"${path.basename(fx[name])}"`);
    });
  }

  it('explains each cause in words', async () => {
    const messages = Object.fromEntries(
      await Promise.all(
        failing.map(async ([name]) => [name, ((await prepare(name)) as { message: string }).message]),
      ),
    );
    expect(messages.empty).toMatch(/empty \(0 bytes\)/);
    expect(messages.truncated).toMatch(/truncated or damaged/);
    expect(messages.textAsPng).toMatch(/is not an image/);
    expect(messages.bomb20k).toMatch(/20000 x 20000 pixels, over the 100 megapixel limit/);
    expect(messages.animatedGif).toMatch(/animated .*2 frames/);
    expect(messages.folderAsPng).toMatch(/is a folder/);
    expect(messages.danglingLink).toMatch(/does not exist/);
  });

  it('uses relPath in the message when the caller has one', async () => {
    const result = await prepareInput({ path: fx.empty, relPath: 'hostile/empty.png' }, { cacheDir });
    expect(result).toMatchObject({ ok: false, message: '"hostile/empty.png" is empty (0 bytes)' });
  });

  it('honours a lower pixel limit and a file-size cap', async () => {
    expect(await prepare('panorama', { maxPixels: 1_000_000 })).toMatchObject({
      ok: false,
      code: 'too_large',
    });
    expect(await prepare('portrait', { maxFileBytes: 1000 })).toMatchObject({ ok: false, code: 'too_large' });
  });
});

describe('prepareInput converts good inputs into uploads the API accepts', () => {
  it('hashes the original bytes, keeps the original size, writes an upload and a thumbnail', async () => {
    const result = ok(await prepare('sunset'));
    const original = await fsp.readFile(fx.sunset);
    expect(result).toMatchObject({
      path: fx.sunset,
      contentHash: createHash('sha256').update(original).digest('hex'),
      width: 640,
      height: 480,
      format: 'jpeg',
      sizeBytes: original.length,
      preparedMime: 'image/jpeg',
      preparedWidth: 640,
      preparedHeight: 480,
    });
    expect(path.dirname(result.preparedPath)).toBe(cacheDir);
    expect(path.basename(result.preparedPath)).toBe(`${result.contentHash}.jpg`);
    const thumb = await sharp(result.thumbnailPath).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 256, 192]);
    expect((await fsp.readdir(cacheDir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('caps the long side at 2048 but reports the original dimensions', async () => {
    const result = ok(await prepare('panorama'));
    expect([result.width, result.height, result.preparedWidth, result.preparedHeight]).toEqual([
      2400, 800, 2048, 683,
    ]);
    const meta = await sharp(result.preparedPath).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 683]);
  });

  it('applies EXIF orientation 6: 120 x 80 stored becomes 80 x 120', async () => {
    const stored = await sharp(fx.exifRotated).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([120, 80, 6]);
    const result = ok(await prepare('exifRotated'));
    expect([result.width, result.height]).toEqual([80, 120]);
    const meta = await sharp(result.preparedPath).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([80, 120, undefined]);
  });

  it('converts CMYK and 16-bit sources to 8-bit sRGB', async () => {
    for (const name of ['cmyk', 'deep16'] as const) {
      const result = ok(await prepare(name));
      const meta = await sharp(result.preparedPath).metadata();
      expect([meta.space, meta.depth, meta.channels], name).toEqual(['srgb', 'uchar', 3]);
    }
    expect((await sharp(fx.cmyk).metadata()).space).toBe('cmyk');
    expect((await sharp(fx.deep16).metadata()).depth).toBe('ushort');
  });

  it('keeps real transparency as PNG, and drops an alpha channel that is fully opaque', async () => {
    const badge = ok(await prepare('badge'));
    expect(badge.preparedMime).toBe('image/png');
    expect((await sharp(badge.preparedPath).metadata()).hasAlpha).toBe(true);
    const opaqueAlpha = path.join(tmp, 'opaque-alpha.png');
    await sharp({
      create: { width: 80, height: 64, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 1 } },
    })
      .png()
      .toFile(opaqueAlpha);
    expect(ok(await prepareInput({ path: opaqueAlpha }, { cacheDir })).preparedMime).toBe('image/jpeg');
  });

  it('prepares AVIF (decoded by the bundled libheif) as an ordinary upload', async () => {
    const result = ok(await prepare('avif'));
    expect([result.format, result.width, result.height, result.preparedMime]).toEqual([
      'heif',
      120,
      80,
      'image/jpeg',
    ]);
  });

  it('refuses the 30,000 x 30,000 extra from the header alone', async () => {
    const extras = await generateFixtures(path.join(tmp, 'extras'), { extras: true });
    const result = await prepareInput({ path: extras.bomb30k }, { cacheDir });
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect((result as { message: string }).message).toContain('30000 x 30000 pixels');
  });

  it('prepares unicode, space and NFD file names', async () => {
    for (const name of ['unicodeName', 'nfdName'] as const)
      expect(ok(await prepare(name)).format).toBe('png');
  });

  it('re-encodes smaller to fit maxUploadBytes', async () => {
    const result = ok(await prepare('portrait', { maxUploadBytes: 30_000 }));
    expect(result.preparedBytes).toBeLessThanOrEqual(30_000);
    expect((await fsp.stat(result.preparedPath)).size).toBe(result.preparedBytes);
  });

  it('serves a second scan from the cache and rebuilds a cache entry whose file vanished', async () => {
    const first = ok(await prepare('tiles'));
    const { mtimeMs } = await fsp.stat(first.preparedPath);
    const copy = path.join(tmp, 'copy-of-tiles.webp');
    await fsp.copyFile(fx.tiles, copy);
    const second = ok(await prepareInput({ path: copy }, { cacheDir }));
    expect(second).toEqual({ ...first, path: copy });
    expect((await fsp.stat(first.preparedPath)).mtimeMs).toBe(mtimeMs);
    await fsp.rm(first.preparedPath);
    const third = ok(await prepare('tiles'));
    expect(third).toEqual(first);
    await fsp.access(third.preparedPath);
  });

  it('builds an image_file value the parameter schema accepts, base64 or data URL', async () => {
    const result = ok(await prepare('sunset'));
    const plain = await imageFileValue(result);
    const dataUrl = await imageFileValue(result, { dataUrl: true });
    expect(imageFileSchema.safeParse(plain).success).toBe(true);
    expect(imageFileSchema.safeParse(dataUrl).success).toBe(true);
    expect(dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(Buffer.from(plain, 'base64').equals(await fsp.readFile(result.preparedPath))).toBe(true);
  });
});
