/**
 * Reads and writes PNG text chunks (tEXt / iTXt / zTXt), so every output file carries its own
 * generation record. Works on whole buffers: outputs are a few MB at most and are written in one go.
 * Plain ASCII values go into tEXt (readable by every tool); anything else into uncompressed iTXt,
 * which is UTF-8 by definition, so a Latin-1-decoding reader never mangles a prompt.
 */
import zlib from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const TEXT_TYPES = new Set(['tEXt', 'iTXt', 'zTXt']);

interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past the chunk's CRC. */
  end: number;
  data: Buffer;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 by table, for runtimes without `zlib.crc32` (added in Node 20.15 / 22.2). Exported for tests. */
export function tableCrc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const crc32: (bytes: Uint8Array) => number =
  typeof zlib.crc32 === 'function' ? (b) => zlib.crc32(b) : tableCrc32;

/** True when the buffer starts with the 8-byte PNG signature. */
export function isPng(buffer: Buffer): boolean {
  return buffer.length >= 8 && buffer.subarray(0, 8).equals(PNG_SIGNATURE);
}

function* chunks(png: Buffer): Generator<Chunk> {
  if (!isPng(png)) throw new Error('not a PNG file (bad signature)');
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk at byte ${offset} runs past the end of the file`);
    const type = png.toString('latin1', offset + 4, offset + 8);
    yield { type, start: offset, end, data: png.subarray(offset + 8, offset + 8 + length) };
    if (type === 'IEND') return;
    offset = end;
  }
  throw new Error('PNG has no IEND chunk (truncated?)');
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Throws a RangeError unless `keyword` is a valid PNG text keyword: 1-79 printable Latin-1 characters,
 * no leading, trailing or doubled spaces (PNG spec 11.3.4.2).
 */
export function assertPngKeyword(keyword: string): void {
  const valid =
    keyword.length >= 1 &&
    keyword.length <= 79 &&
    /^[\x20-\x7e\xa1-\xff]+$/.test(keyword) &&
    !keyword.startsWith(' ') &&
    !keyword.endsWith(' ') &&
    !keyword.includes('  ');
  if (!valid)
    throw new RangeError(`invalid PNG text keyword ${JSON.stringify(keyword)}: need 1-79 Latin-1 characters`);
}

function textChunk(keyword: string, value: string): Buffer {
  // NUL separates fields inside a text chunk, so it cannot appear in a value; U+FFFD keeps the position visible.
  const text = value.replaceAll('\0', '\uFFFD');
  const key = Buffer.from(keyword, 'latin1');
  if (/^[\x20-\x7e\n\t\r]*$/.test(text)) {
    return encodeChunk('tEXt', Buffer.concat([key, Buffer.from([0]), Buffer.from(text, 'latin1')]));
  }
  // iTXt: keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8.
  return encodeChunk('iTXt', Buffer.concat([key, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));
}

/**
 * Returns a copy of `png` with one text chunk per entry, placed just before the first IDAT so readers
 * that stop at the image data still see them. Existing text chunks with the same keywords are
 * replaced; others are kept. Throws on an invalid keyword or a malformed PNG.
 */
export function insertPngText(png: Buffer, entries: Record<string, string>): Buffer {
  const keys = Object.keys(entries);
  for (const key of keys) assertPngKeyword(key);
  const replaced = new Set(keys);
  const parts: Buffer[] = [PNG_SIGNATURE];
  let inserted = false;
  for (const chunk of chunks(png)) {
    if (!inserted && (chunk.type === 'IDAT' || chunk.type === 'IEND')) {
      for (const key of keys) parts.push(textChunk(key, entries[key]!));
      inserted = true;
    }
    if (TEXT_TYPES.has(chunk.type) && replaced.has(keywordOf(chunk.data))) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
  }
  return Buffer.concat(parts);
}

function keywordOf(data: Buffer): string {
  const nul = data.indexOf(0);
  return data.toString('latin1', 0, nul < 0 ? data.length : nul);
}

function decodeTextChunk(type: string, data: Buffer): [string, string] | null {
  const nul = data.indexOf(0);
  if (nul < 1) return null;
  const keyword = data.toString('latin1', 0, nul);
  if (type === 'tEXt') return [keyword, data.toString('latin1', nul + 1)];
  if (type === 'zTXt') return [keyword, zlib.inflateSync(data.subarray(nul + 2)).toString('latin1')];
  // iTXt
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = data.subarray(translatedEnd + 1);
  return [keyword, (compressed ? zlib.inflateSync(body) : body).toString('utf8')];
}

/**
 * Reads every tEXt, zTXt and iTXt chunk of a PNG into a keyword -> text map (a later chunk with the
 * same keyword wins). Throws when the buffer is not a well-formed PNG.
 */
export function readPngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chunk of chunks(png)) {
    if (!TEXT_TYPES.has(chunk.type)) continue;
    const entry = decodeTextChunk(chunk.type, chunk.data);
    if (entry) out[entry[0]] = entry[1];
  }
  return out;
}

/** What a lenient read found: the text chunks it could decode, and what was wrong with the rest. */
export interface PngTextReading {
  text: Record<string, string>;
  /** In words, e.g. `the file is truncated (…)`; empty for a well-formed PNG. */
  problems: string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * tEXt is Latin-1 by the PNG spec, but some writers put UTF-8 bytes there: bytes that are valid UTF-8
 * and not plain ASCII are read as UTF-8 (Latin-1 text is practically never valid UTF-8 by accident).
 */
function latin1OrUtf8(bytes: Buffer): string {
  if (!bytes.some((b) => b >= 0x80)) return bytes.toString('latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function decodeLenient(type: string, data: Buffer): [string, string] | string {
  const nul = data.indexOf(0);
  if (nul < 1) return `a ${type} chunk has no keyword`;
  const keyword = data.toString('latin1', 0, nul);
  try {
    if (type === 'tEXt') return [keyword, latin1OrUtf8(data.subarray(nul + 1))];
    if (type === 'zTXt') return [keyword, latin1OrUtf8(zlib.inflateSync(data.subarray(nul + 2)))];
    const compressed = data[nul + 1] === 1;
    const languageEnd = data.indexOf(0, nul + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) return `the iTXt chunk "${keyword}" is malformed`;
    const body = data.subarray(translatedEnd + 1);
    return [keyword, (compressed ? zlib.inflateSync(body) : body).toString('utf8')];
  } catch {
    return `the ${type} chunk "${keyword}" is damaged (its compressed text does not inflate)`;
  }
}

/**
 * Reads every text chunk it can, for a file someone hands the studio (which may be cut short or
 * damaged): a truncated file still gives the chunks before the cut, and a chunk that does not decode
 * is skipped with a problem naming it. Throws only when `png` is not a PNG at all (bad signature).
 */
export function readPngTextLenient(png: Buffer): PngTextReading {
  if (!isPng(png)) throw new Error('not a PNG file (its first bytes are not the PNG signature)');
  const text: Record<string, string> = {};
  const problems: string[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > png.length) {
      problems.push(`the file is truncated (it ends at byte ${png.length} before the PNG's end marker)`);
      break;
    }
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) {
      problems.push(`the file is truncated (its ${type} chunk at byte ${offset} runs past the end)`);
      break;
    }
    if (TEXT_TYPES.has(type)) {
      const entry = decodeLenient(type, png.subarray(offset + 8, offset + 8 + length));
      if (typeof entry === 'string') problems.push(entry);
      else text[entry[0]] = entry[1];
    }
    if (type === 'IEND') break;
    offset = end;
  }
  return { text, problems };
}
