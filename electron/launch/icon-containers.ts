/**
 * The two icon containers the installers need, written from PNG images (both formats embed PNG data
 * as is): Windows `.ico` (a directory of entries, 256 px stored as 0) and macOS `.icns` (typed chunks
 * with big-endian lengths). Small enough to keep here rather than pull a package for each.
 */

export interface SizedPng {
  /** Width and height in pixels (square). */
  size: number;
  png: Buffer;
}

/** An ICO file holding each PNG as one entry (sizes up to 256). */
export function writeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size > 256) throw new Error(`ICO entries are at most 256 px (got ${size})`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size === 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // palette size
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS chunk types holding PNG data, by pixel size (the @2x types reuse the next size's pixels). */
export const ICNS_TYPES: readonly { type: string; size: number }[] = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512@2x
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic14', size: 512 }, // 256@2x
];

/** An ICNS file with every type of ICNS_TYPES, taken from `images` by size. */
export function writeIcns(images: readonly SizedPng[]): Buffer {
  const bySize = new Map(images.map((i) => [i.size, i.png]));
  const chunks = ICNS_TYPES.map(({ type, size }) => {
    const png = bySize.get(size);
    if (!png) throw new Error(`ICNS needs a ${size} px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
