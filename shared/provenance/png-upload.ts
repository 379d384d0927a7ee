/**
 * A PNG made small enough to send to main for its text: every chunk kept except the image data
 * (IDAT), which is most of the file and says nothing about how it was made. Pure and byte-level (no
 * decoding, no CRC checks), so the renderer can run it on a dropped file; main reads the result like
 * any PNG. A file cut short keeps the chunks before the cut, so main still reports it as truncated.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** True when `bytes` starts with the PNG signature. */
export function looksLikePng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** `bytes` without its IDAT chunks (unchanged when it is not a PNG: main then says so). */
export function pngWithoutImageData(bytes: Uint8Array): Uint8Array {
  if (!looksLikePng(bytes)) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = Math.min(bytes.length, offset + 12 + length);
    if (type !== 'IDAT') parts.push(bytes.subarray(offset, end));
    if (type === 'IEND' || end === bytes.length) break;
    offset = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
