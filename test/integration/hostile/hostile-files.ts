/**
 * Inputs the shared fixture generator does not make, built by the hostile tests themselves so no binary
 * lives in git: a structurally valid HEIC (an HEVC-coded HEIF, which sharp's prebuilt libheif can read
 * the header of but not decode), a folder of thousands of tiny PNGs, plus small helpers the hostile
 * tests share (polling, file digests).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const text = (s: string) => Buffer.from(s, 'latin1');
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), text(type), body]);
};
const fullBox = (type: string, version: number, flags: number, ...parts: Buffer[]) =>
  box(type, u32((version << 24) | flags), ...parts);

/**
 * A HEIC file as phones write it, reduced to its bones: `ftyp heic`, a `meta` box whose primary item is
 * an `hvc1` image with an `hvcC` decoder configuration and `ispe` size, and an `mdat` with a stand-in
 * HEVC payload. libheif parses it (format 'heif', compression 'hevc'); decoding needs an HEVC plugin.
 */
export function heicBytes(width: number, height: number): Buffer {
  const hvcC = box(
    'hvcC',
    u8(1), // configurationVersion
    u8(1), // profile space 0, tier 0, Main profile
    u32(0x60000000), // profile compatibility
    Buffer.from([0x90, 0, 0, 0, 0, 0]), // constraint flags
    u8(0x5a), // level 3
    u16(0xf000), // min spatial segmentation
    u8(0xfc), // parallelism
    u8(0xfd), // chroma 4:2:0
    u8(0xf8), // luma bit depth 8
    u8(0xf8), // chroma bit depth 8
    u16(0), // average frame rate
    u8(0x0f), // NAL length size 4
    u8(0), // no parameter-set arrays
  );
  const ispe = fullBox('ispe', 0, 0, u32(width), u32(height));
  const iprp = box(
    'iprp',
    box('ipco', hvcC, ispe),
    fullBox('ipma', 0, 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02)),
  );
  const payload = Buffer.concat([
    Buffer.from([0, 0, 0x0f, 0xfc, 0x26, 0x01, 0xaf, 0]),
    Buffer.alloc(4088, 0x5a),
  ]);
  const build = (offset: number) =>
    Buffer.concat([
      box('ftyp', text('heic'), u32(0), text('mif1heic')),
      fullBox(
        'meta',
        0,
        0,
        fullBox('hdlr', 0, 0, u32(0), text('pict'), u32(0), u32(0), u32(0), u8(0)),
        fullBox('pitm', 0, 0, u16(1)),
        fullBox(
          'iloc',
          0,
          0,
          u8(0x44),
          u8(0),
          u16(1),
          u16(1),
          u16(0),
          u16(1),
          u32(offset),
          u32(payload.length),
        ),
        fullBox('iinf', 0, 0, u16(1), fullBox('infe', 2, 0, u16(1), u16(0), text('hvc1'), u8(0))),
        iprp,
      ),
      box('mdat', payload),
    ]);
  // The payload's offset depends on the header's length, which does not depend on the offset's value.
  return build(build(0).length - payload.length);
}

/**
 * Writes `count` tiny PNGs named `img-00000.png`… into `dir`. Their content cycles through `distinct`
 * colours, so preparing them decodes only `distinct` images and serves the rest from the hash cache.
 */
export async function writeManyPngs(dir: string, count: number, distinct: number): Promise<string[]> {
  await fsp.mkdir(dir, { recursive: true });
  const pngs = await Promise.all(
    Array.from({ length: distinct }, (_, i) =>
      sharp({
        create: { width: 64, height: 64, channels: 3, background: { r: (i * 53) % 256, g: 90, b: 200 } },
      })
        .png()
        .toBuffer(),
    ),
  );
  const files = Array.from({ length: count }, (_, i) =>
    path.join(dir, `img-${String(i).padStart(5, '0')}.png`),
  );
  for (let i = 0; i < count; i += 256) {
    await Promise.all(files.slice(i, i + 256).map((f, j) => fsp.writeFile(f, pngs[(i + j) % distinct]!)));
  }
  return files;
}

/** sha256 of a file's bytes, to prove a finished output was not touched. */
export function fileDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Polls `check` every few ms until it holds, failing after `ms`. */
export async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}
