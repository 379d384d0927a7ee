import zlib from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertPngKeyword,
  insertPngText,
  isPng,
  readPngText,
  tableCrc32,
} from '../../../electron/images/png-text';

let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
});

function chunkTypes(buffer: Buffer): string[] {
  const types: string[] = [];
  for (let o = 8; o < buffer.length; ) {
    const length = buffer.readUInt32BE(o);
    const type = buffer.toString('latin1', o + 4, o + 8);
    const crc = buffer.readUInt32BE(o + 8 + length);
    expect(zlib.crc32(buffer.subarray(o + 4, o + 8 + length)), `CRC of ${type}`).toBe(crc);
    types.push(type);
    o += 12 + length;
  }
  return types;
}

describe('png text chunks', () => {
  it('round-trips ASCII as tEXt and unicode as iTXt, before the image data, and the PNG still decodes', async () => {
    const entries = {
      model: 'ideogram-img-2-img',
      prompt: 'a café façade ☕ in «winter», 雪',
      parameters: 'line one\nNegative prompt: blur\nSeed: 1234, Size: 1024x1024',
    };
    const out = insertPngText(png, entries);
    expect(readPngText(out)).toEqual(entries);
    const types = chunkTypes(out);
    expect(types.filter((t) => t === 'tEXt')).toHaveLength(2);
    expect(types.filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(types.indexOf('iTXt')).toBeLessThan(types.indexOf('IDAT'));
    expect(types.at(-1)).toBe('IEND');
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([8, 6]);
    await sharp(out).raw().toBuffer();
  });

  it('replaces chunks with the same keyword and keeps the others', () => {
    const first = insertPngText(png, { seed: '1', model: 'm' });
    const second = insertPngText(first, { seed: '2' });
    expect(readPngText(second)).toEqual({ seed: '2', model: 'm' });
  });

  it('has a table CRC-32 fallback that agrees with zlib', () => {
    for (const sample of [Buffer.alloc(0), Buffer.from('IEND'), Buffer.from('tEXtkey\0☕ value'), png]) {
      expect(tableCrc32(sample)).toBe(zlib.crc32(sample));
    }
  });

  it('keeps NUL out of values, since NUL separates fields', () => {
    expect(readPngText(insertPngText(png, { k: 'a\0b' }))).toEqual({ k: 'a\uFFFDb' });
  });

  it('reads zTXt and compressed iTXt written by other tools', () => {
    const chunk = (type: string, data: Buffer) => {
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      out.write(type, 4, 'latin1');
      data.copy(out, 8);
      out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
      return out;
    };
    const ztxt = chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), zlib.deflateSync('zipped text')]));
    const itxt = chunk(
      'iTXt',
      Buffer.concat([
        Buffer.from('Title\0\x01\0en\0Titel\0', 'latin1'),
        zlib.deflateSync(Buffer.from('Grüße ☕')),
      ]),
    );
    const iend = png.length - 12;
    const withChunks = Buffer.concat([png.subarray(0, iend), ztxt, itxt, png.subarray(iend)]);
    expect(readPngText(withChunks)).toEqual({ Comment: 'zipped text', Title: 'Grüße ☕' });
  });

  it('validates keywords: 1-79 Latin-1 characters, no edge or double spaces', () => {
    for (const ok of ['a', 'Software', 'x'.repeat(79), 'Größe', 'two words'])
      expect(() => assertPngKeyword(ok)).not.toThrow();
    for (const bad of ['', 'x'.repeat(80), '☕', ' lead', 'trail ', 'two  spaces', 'tab\there']) {
      expect(() => assertPngKeyword(bad), bad).toThrow(RangeError);
    }
    expect(() => insertPngText(png, { '': 'v' })).toThrow(/keyword/);
  });

  it('refuses buffers that are not PNG or are truncated', () => {
    expect(isPng(Buffer.from('GIF89a'))).toBe(false);
    expect(() => readPngText(Buffer.from('not a png at all'))).toThrow(/not a PNG/);
    expect(() => readPngText(png.subarray(0, png.length - 12))).toThrow(/IEND/);
    expect(() => insertPngText(png.subarray(0, 40), { a: 'b' })).toThrow();
  });
});
