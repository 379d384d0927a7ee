/**
 * Compares strings by Unicode code point. JavaScript's default `<` compares UTF-16 code units, which
 * sorts astral characters (emoji) before U+E000-U+FFFF; code-point order matches byte order of UTF-8,
 * so listings agree with other tools and across platforms.
 */

/** Negative, zero or positive as `a` sorts before, equal to or after `b` in code-point order. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
