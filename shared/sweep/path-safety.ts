/**
 * Path-segment hygiene for output names that must work on Windows, macOS and Linux: replace
 * characters Windows forbids (`<>:"/\|?*`) and control characters, NFC-normalise (macOS stores
 * decomposed forms, so two spellings of "é" would otherwise be two names), escape reserved device
 * names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension), avoid leading/trailing
 * dots and spaces, and cut to a byte budget on a code point boundary.
 */

/** Longest path segment in UTF-8 bytes (below every common file system's 255-byte limit, with room). */
export const MAX_SEGMENT_BYTES = 120;
/** Longest relative output path in UTF-8 bytes, leaving room for the output root under Windows' 260. */
export const MAX_RELATIVE_PATH_BYTES = 240;

const encoder = new TextEncoder();

/** UTF-8 length of a string. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Replaces forbidden and control characters with `_` and NFC-normalises. Keeps everything else. */
export function sanitizeText(text: string): string {
  return text.normalize('NFC').replace(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g, '_');
}

/** Longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a code point. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = utf8Bytes(ch);
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** True when Windows treats the segment as a device: its part before the first dot is reserved. */
export function isReservedName(segment: string): boolean {
  const base = segment.split('.')[0]!.trimEnd();
  return RESERVED.test(base);
}

/** True when a segment needs the `_` prefix: it starts with a dot or space, or names a device. */
export function needsPrefix(segment: string): boolean {
  return /^[. ]/.test(segment) || isReservedName(segment);
}

/**
 * A directory segment made safe: sanitised, cut to `maxBytes`, no leading/trailing dots or spaces,
 * device names prefixed with `_`. May return '' (the caller drops empty directories).
 */
export function safeDirectorySegment(text: string, maxBytes = MAX_SEGMENT_BYTES): string {
  let s = truncateUtf8(sanitizeText(text), maxBytes - 1);
  s = s.replace(/^[. ]+/, '').replace(/[. ]+$/, '');
  return isReservedName(s) ? `_${s}` : s;
}

/** Case folding used for "would these collide on a case-insensitive file system" checks. */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
