/**
 * A minimal PNG writer (8-bit RGB, no interlace) for scanlines the caller has already filtered, as
 * `upscaledScanlines` does. Used instead of a general encoder because the simulator knows its rows
 * repeat: filtering them itself turns most of the image into zeros, and zlib's RLE strategy at level 1
 * packs those in ~3 ms per 1024 x 1024 image. Deflate runs synchronously: the async form spent ~1 ms
 * more CPU per image on thread hand-offs, and CPU is what bounds a busy simulator.
 * Fixed settings, so the same scanlines always give the same bytes.
 */
import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}

/** PNG bytes of a `width` x `height` RGB image from its filtered scanlines (`(3 * width + 1) * height` bytes). */
export function encodeRgbPng(width: number, height: number, scanlines: Buffer): Buffer {
  if (scanlines.length !== (3 * width + 1) * height) {
    throw new Error(`encodeRgbPng: ${scanlines.length} bytes of scanlines for ${width}x${height}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour RGB
  const data = deflateSync(scanlines, { level: 1, strategy: constants.Z_RLE, chunkSize: 1024 * 1024 });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
