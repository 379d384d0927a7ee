/**
 * Reading how a PNG was made from files people hand the studio: its own outputs, A1111 PNGs with their
 * text in tEXt (Latin-1, or UTF-8 by mistake), zTXt or iTXt, truncated and damaged files, and files
 * that are not PNGs or have no record. Every case gives parameters or a clear message, never a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { pngWithoutImageData } from '@shared/provenance';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatA1111Parameters, generationTextChunks } from '../../../electron/images/generation-record';
import { PngReadError, readPngGeneration } from '../../../electron/images/png-generation';
import { insertPngText, readPngTextLenient, tableCrc32 } from '../../../electron/images/png-text';

let png: Buffer;
let dir: string;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(tableCrc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** `png` with `extra` chunks put right after IHDR. */
function withChunks(...extra: Buffer[]): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), ...extra, png.subarray(ihdrEnd)]);
}

const A1111 =
  'a café at dusk\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 4242, Size: 1024x1024';

beforeAll(async () => {
  png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  dir = mkdtempSync(join(tmpdir(), 'sweep-png-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function message(source: Parameters<typeof readPngGeneration>[0]): Promise<string> {
  try {
    await readPngGeneration(source);
  } catch (error) {
    expect(error).toBeInstanceOf(PngReadError);
    return (error as Error).message;
  }
  throw new Error('expected a PngReadError');
}

describe('readPngTextLenient: text encodings', () => {
  it('reads tEXt as Latin-1, iTXt as UTF-8 (plain or compressed), zTXt compressed', () => {
    const key = (k: string) => Buffer.from(`${k}\0`, 'latin1');
    const file = withChunks(
      chunk('tEXt', Buffer.concat([key('latin'), Buffer.from('café', 'latin1')])),
      chunk(
        'zTXt',
        Buffer.concat([key('zipped'), Buffer.from([0]), zlib.deflateSync(Buffer.from('über', 'latin1'))]),
      ),
      chunk(
        'iTXt',
        Buffer.concat([key('utf'), Buffer.from([0, 0]), Buffer.from('en\0\0'), Buffer.from('雪 ☕', 'utf8')]),
      ),
      chunk(
        'iTXt',
        Buffer.concat([
          key('utfz'),
          Buffer.from([1, 0]),
          Buffer.from('\0\0'),
          zlib.deflateSync(Buffer.from('«z»')),
        ]),
      ),
      chunk('tEXt', Buffer.concat([key('mislabelled'), Buffer.from('naïve ✓', 'utf8')])),
    );
    expect(readPngTextLenient(file)).toEqual({
      text: { latin: 'café', zipped: 'über', utf: '雪 ☕', utfz: '«z»', mislabelled: 'naïve ✓' },
      problems: [],
    });
  });

  it('skips a damaged chunk and keeps reading, naming what was wrong', () => {
    const file = withChunks(
      chunk(
        'zTXt',
        Buffer.concat([Buffer.from('broken\0', 'latin1'), Buffer.from([0]), Buffer.from('not zlib')]),
      ),
      chunk('tEXt', Buffer.from('parameters\0', 'latin1')),
      chunk('tEXt', Buffer.from('\0no keyword', 'latin1')),
    );
    const reading = readPngTextLenient(file);
    expect(reading.text).toEqual({ parameters: '' });
    expect(reading.problems).toEqual([
      'the zTXt chunk "broken" is damaged (its compressed text does not inflate)',
      'a tEXt chunk has no keyword',
    ]);
  });

  it('keeps the text before a cut in a truncated file and says it is truncated', () => {
    const full = insertPngText(png, { parameters: A1111 });
    const cut = full.subarray(0, full.length - 20);
    const reading = readPngTextLenient(cut);
    expect(reading.text.parameters).toBe(A1111);
    expect(reading.problems[0]).toMatch(/^the file is truncated/);
    expect(() => readPngTextLenient(Buffer.from('GIF89a...'))).toThrow(/not a PNG file/);
  });
});

describe('readPngGeneration', () => {
  it('reads a studio output exactly and an A1111 PNG by translation', async () => {
    const record = {
      model: 'ideogram-img-2-img',
      params: {
        prompt: 'a red coat',
        image_weight: 60,
        magic_prompt_option: 'OFF' as const,
        resolution: 'RESOLUTION_1152_896' as const,
        seed: 4242,
        style_type: 'ANIME' as const,
      },
      inputName: 'coat',
      inputHash: 'ab'.repeat(32),
      batchId: 'b-1',
      requestId: 'r',
      inferenceTimeSec: 1,
    };
    const ours = insertPngText(png, {
      ...generationTextChunks(record),
      parameters: formatA1111Parameters(record),
    });
    const file = join(dir, 'ours.png');
    writeFileSync(file, ours);
    const read = await readPngGeneration({ path: file });
    expect(read).toMatchObject({ fileName: 'ours.png', problems: [], reading: { source: 'studio' } });
    expect(read.reading.params).toMatchObject({ prompt: 'a red coat', seed: 4242, style: 'ANIME' });

    const a1111 = withChunks(
      chunk('tEXt', Buffer.concat([Buffer.from('parameters\0'), Buffer.from(A1111, 'latin1')])),
    );
    const fromBytes = await readPngGeneration({ bytes: a1111, name: 'a1111.png' });
    expect(fromBytes.reading).toMatchObject({
      source: 'a1111',
      params: { prompt: 'a café at dusk', seed: 4242 },
    });
  });

  it('reads the same from an upload without its image data (what the web page sends)', async () => {
    const big = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#884422' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const labelled = insertPngText(big, { parameters: A1111 });
    const small = Buffer.from(pngWithoutImageData(new Uint8Array(labelled)));
    expect(small.length).toBeLessThan(2_000);
    expect(labelled.length).toBeGreaterThan(100_000);
    const read = await readPngGeneration({ bytes: small, name: 'x.png' });
    expect(read.reading.params.prompt).toBe('a café at dusk');
    expect(read.problems).toEqual([]);
  });

  it('says clearly why a file cannot be used', async () => {
    writeFileSync(join(dir, 'plain.png'), png);
    writeFileSync(join(dir, 'photo.jpg'), await sharp(png).jpeg().toBuffer());
    writeFileSync(join(dir, 'empty.png'), Buffer.alloc(0));
    writeFileSync(join(dir, 'cut.png'), png.subarray(0, 40));
    const gimp = insertPngText(png, { Software: 'GIMP', Comment: 'hello' });
    writeFileSync(join(dir, 'gimp.png'), gimp);
    expect(await message({ path: join(dir, 'plain.png') })).toBe(
      'plain.png: it has no generation record (no "generation" or "parameters" text)',
    );
    expect(await message({ path: join(dir, 'gimp.png') })).toBe(
      'gimp.png: it has no generation record (no "generation" or "parameters" text; its text chunks: Software, Comment)',
    );
    expect(await message({ path: join(dir, 'photo.jpg') })).toBe(
      'photo.jpg is not a PNG file (its first bytes are not the PNG signature)',
    );
    expect(await message({ path: join(dir, 'empty.png') })).toBe('empty.png is empty (0 bytes)');
    expect(await message({ path: join(dir, 'cut.png') })).toMatch(
      /^cut\.png: it has no generation record \(no "generation" or "parameters" text\) \(the file is truncated/,
    );
    expect(await message({ path: join(dir, 'missing.png') })).toBe(
      `${join(dir, 'missing.png')} does not exist`,
    );
    expect(await message({ path: dir })).toMatch(/is a folder, not a PNG file$/);
  });
});
