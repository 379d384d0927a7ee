import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';
import { readPngText } from '../../../electron/images/png-text';
import {
  cleanupStaleTemps,
  OutputWriteError,
  type WriteOutputOptions,
  writeOutput,
} from '../../../electron/images/write-output';

let png: Buffer;
let jpeg: Buffer;
let tmp: string;
let out: string;

beforeAll(async () => {
  const image = sharp({ create: { width: 320, height: 240, channels: 3, background: '#c04020' } });
  png = await image.clone().png().toBuffer();
  jpeg = await image.clone().jpeg().toBuffer();
});

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'write-output-'));
  out = path.join(tmp, 'out');
});

afterEach(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

const base = (overrides: Partial<WriteOutputOptions> = {}): WriteOutputOptions => ({
  bytes: png,
  outputRoot: out,
  relPath: 'batch 1/café ☕/seed-100.png',
  metadata: { model: 'ideogram-img-2-img', prompt: 'a red coat ☕', seed: '100', request_id: 'r-1' },
  parametersText: 'a red coat ☕\nSeed: 100, Size: 320x240',
  ...overrides,
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<OutputWriteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputWriteError);
  expect((error as OutputWriteError).code).toBe(code);
  return error as OutputWriteError;
}

function failing(method: keyof WriteFs, code: string, partialWrite = false): WriteFs {
  const error = Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...nodeWriteFs,
    [method]: async (file: string, data: Uint8Array) => {
      if (partialWrite) await fsp.writeFile(file, data.subarray(0, 10));
      throw error;
    },
  };
}

describe('writeOutput', () => {
  it('writes a labelled, decodable PNG and a WebP thumbnail, creating folders, leaving no temp files', async () => {
    const result = await writeOutput(base());
    expect(result).toEqual({
      outputPath: path.join(out, 'batch 1', 'café ☕', 'seed-100.png'),
      thumbnailPath: path.join(out, '.thumbnails', 'batch 1', 'café ☕', 'seed-100.webp'),
      width: 320,
      height: 240,
    });
    const written = await fsp.readFile(result.outputPath);
    expect(readPngText(written)).toEqual({ ...base().metadata, parameters: base().parametersText });
    const { info } = await sharp(written).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([320, 240]);
    const thumb = await sharp(result.thumbnailPath).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 256, 192]);
    expect((await filesUnder(out)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('converts a JPEG answer to PNG, appends .png, and honours thumbnailDir', async () => {
    const thumbs = path.join(tmp, 'thumbs');
    const result = await writeOutput(base({ bytes: jpeg, relPath: 'x/y', thumbnailDir: thumbs }));
    expect(result.outputPath).toBe(path.join(out, 'x', 'y.png'));
    expect(result.thumbnailPath).toBe(path.join(thumbs, 'x', 'y.webp'));
    expect((await sharp(result.outputPath).metadata()).format).toBe('png');
    expect(readPngText(await fsp.readFile(result.outputPath)).seed).toBe('100');
  });

  it('refuses bytes that do not decode (garbage, truncated PNG) and writes nothing', async () => {
    await expectCode(
      writeOutput(base({ bytes: Buffer.from('<html>502 Bad Gateway</html>') })),
      'invalid_image',
    );
    await expectCode(writeOutput(base({ bytes: png.subarray(0, png.length - 30) })), 'invalid_image');
    expect(await filesUnder(tmp)).toEqual([]);
  });

  it('refuses a relPath that escapes the output folder', async () => {
    await expectCode(writeOutput(base({ relPath: '../escape.png' })), 'invalid_path');
    await expectCode(writeOutput(base({ relPath: 'a/../../escape.png' })), 'invalid_path');
  });

  it('treats a rewrite of identical bytes as done (crash recovery) and refuses different bytes', async () => {
    const first = await writeOutput(base());
    const before = await fsp.stat(first.outputPath);
    const again = await writeOutput(base());
    expect(again).toEqual(first);
    expect((await fsp.stat(first.outputPath)).ino).toBe(before.ino);
    const error = await expectCode(writeOutput(base({ metadata: { seed: '101' } })), 'exists');
    expect(error.message).toContain(first.outputPath);
    expect(readPngText(await fsp.readFile(first.outputPath)).seed).toBe('100');
  });

  it('maps a full disk (ENOSPC mid-write) to disk_full and removes the partial temp file', async () => {
    const error = await expectCode(
      writeOutput(base({ fs: failing('writeDurable', 'ENOSPC', true) })),
      'disk_full',
    );
    expect(error.message).toMatch(/Disk full/);
    expect(error.path).toBe(path.join(out, 'batch 1', 'café ☕', 'seed-100.png'));
    expect(await filesUnder(out)).toEqual([]);
  });

  it('maps a read-only folder (EROFS, EACCES on rename) to read_only, leaving nothing behind', async () => {
    const erofs = await expectCode(writeOutput(base({ fs: failing('mkdir', 'EROFS') })), 'read_only');
    expect(erofs.message).toMatch(/read-only/);
    await expectCode(writeOutput(base({ fs: failing('rename', 'EACCES') })), 'read_only');
    expect(await filesUnder(out)).toEqual([]);
  });

  it('maps other failures to io with the cause in the message', async () => {
    const error = await expectCode(writeOutput(base({ fs: failing('rename', 'EIO') })), 'io');
    expect(error.message).toContain('EIO');
    expect(await filesUnder(out)).toEqual([]);
  });

  it('cleanupStaleTemps removes temp files a crash left anywhere under the root, and nothing else', async () => {
    const { outputPath } = await writeOutput(base());
    const dir = path.dirname(outputPath);
    const stale = [
      path.join(dir, 'seed-101.png.tmp-4242-0badc0de'),
      path.join(out, 'deep', 'z.png.tmp-1-deadbeef'),
    ];
    await fsp.mkdir(path.join(out, 'deep'));
    for (const file of stale) await fsp.writeFile(file, 'partial');
    await fsp.writeFile(path.join(dir, 'notes.tmp-draft.txt'), 'keep me');
    expect(await cleanupStaleTemps(out)).toEqual([...stale].sort());
    expect((await filesUnder(out)).sort()).toEqual(
      [
        path.join('.thumbnails', 'batch 1', 'café ☕', 'seed-100.webp'),
        path.join('batch 1', 'café ☕', 'notes.tmp-draft.txt'),
        path.join('batch 1', 'café ☕', 'seed-100.png'),
      ].sort(),
    );
    expect(await cleanupStaleTemps(path.join(tmp, 'never-created'))).toEqual([]);
  });
});
