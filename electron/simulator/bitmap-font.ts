/**
 * A tiny built-in 5x7 bitmap font (A-Z, 0-9, common punctuation) and a text painter for raw RGB
 * buffers. The simulator draws labels with it instead of system fonts, so its output images are
 * byte-identical on every machine. Lower case is drawn as upper case; unknown characters as `?`.
 */

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal advance per character, in glyph pixels (one column of spacing). */
export const GLYPH_ADVANCE = 6;

/** Each glyph: 7 rows of 5 cells, `#` lit, rows separated by `|`. */
const GLYPH_ROWS: Record<string, string> = {
  A: '.###.|#...#|#...#|#####|#...#|#...#|#...#',
  B: '####.|#...#|#...#|####.|#...#|#...#|####.',
  C: '.###.|#...#|#....|#....|#....|#...#|.###.',
  D: '###..|#..#.|#...#|#...#|#...#|#..#.|###..',
  E: '#####|#....|#....|####.|#....|#....|#####',
  F: '#####|#....|#....|####.|#....|#....|#....',
  G: '.###.|#...#|#....|#.###|#...#|#...#|.####',
  H: '#...#|#...#|#...#|#####|#...#|#...#|#...#',
  I: '.###.|..#..|..#..|..#..|..#..|..#..|.###.',
  J: '..###|...#.|...#.|...#.|...#.|#..#.|.##..',
  K: '#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#',
  L: '#....|#....|#....|#....|#....|#....|#####',
  M: '#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#',
  N: '#...#|#...#|##..#|#.#.#|#..##|#...#|#...#',
  O: '.###.|#...#|#...#|#...#|#...#|#...#|.###.',
  P: '####.|#...#|#...#|####.|#....|#....|#....',
  Q: '.###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#',
  R: '####.|#...#|#...#|####.|#.#..|#..#.|#...#',
  S: '.####|#....|#....|.###.|....#|....#|####.',
  T: '#####|..#..|..#..|..#..|..#..|..#..|..#..',
  U: '#...#|#...#|#...#|#...#|#...#|#...#|.###.',
  V: '#...#|#...#|#...#|#...#|#...#|.#.#.|..#..',
  W: '#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.',
  X: '#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#',
  Y: '#...#|#...#|.#.#.|..#..|..#..|..#..|..#..',
  Z: '#####|....#|...#.|..#..|.#...|#....|#####',
  '0': '.###.|#...#|#..##|#.#.#|##..#|#...#|.###.',
  '1': '..#..|.##..|..#..|..#..|..#..|..#..|.###.',
  '2': '.###.|#...#|....#|...#.|..#..|.#...|#####',
  '3': '#####|...#.|..#..|...#.|....#|#...#|.###.',
  '4': '...#.|..##.|.#.#.|#..#.|#####|...#.|...#.',
  '5': '#####|#....|####.|....#|....#|#...#|.###.',
  '6': '..##.|.#...|#....|####.|#...#|#...#|.###.',
  '7': '#####|....#|...#.|..#..|.#...|.#...|.#...',
  '8': '.###.|#...#|#...#|.###.|#...#|#...#|.###.',
  '9': '.###.|#...#|#...#|.####|....#|...#.|.##..',
  ' ': '.....|.....|.....|.....|.....|.....|.....',
  '.': '.....|.....|.....|.....|.....|.##..|.##..',
  ',': '.....|.....|.....|.....|.##..|..#..|.#...',
  ':': '.....|.##..|.##..|.....|.##..|.##..|.....',
  ';': '.....|.##..|.##..|.....|.##..|..#..|.#...',
  '-': '.....|.....|.....|#####|.....|.....|.....',
  _: '.....|.....|.....|.....|.....|.....|#####',
  '!': '..#..|..#..|..#..|..#..|..#..|.....|..#..',
  '?': '.###.|#...#|....#|...#.|..#..|.....|..#..',
  "'": '..#..|..#..|.#...|.....|.....|.....|.....',
  '"': '.#.#.|.#.#.|.#.#.|.....|.....|.....|.....',
  '/': '.....|....#|...#.|..#..|.#...|#....|.....',
  '(': '...#.|..#..|.#...|.#...|.#...|..#..|...#.',
  ')': '.#...|..#..|...#.|...#.|...#.|..#..|.#...',
  '[': '.###.|.#...|.#...|.#...|.#...|.#...|.###.',
  ']': '.###.|...#.|...#.|...#.|...#.|...#.|.###.',
  '#': '.#.#.|.#.#.|#####|.#.#.|#####|.#.#.|.#.#.',
  '+': '.....|..#..|..#..|#####|..#..|..#..|.....',
  '=': '.....|.....|#####|.....|#####|.....|.....',
  '%': '##...|##..#|...#.|..#..|.#...|#..##|...##',
  '&': '.##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#',
  '*': '.....|..#..|#.#.#|.###.|#.#.#|..#..|.....',
  '@': '.###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.',
  '<': '...#.|..#..|.#...|#....|.#...|..#..|...#.',
  '>': '.#...|..#..|...#.|....#|...#.|..#..|.#...',
  '·': '.....|.....|.....|..#..|.....|.....|.....',
};

/** Glyph bitmaps as 7 row masks (bit 4 = leftmost cell), parsed once. */
const GLYPHS = new Map<string, number[]>(
  Object.entries(GLYPH_ROWS).map(([ch, rows]) => [
    ch,
    rows.split('|').map((row) => [...row].reduce((mask, cell) => (mask << 1) | (cell === '#' ? 1 : 0), 0)),
  ]),
);

/** The row masks drawn for a character (upper-cased; `?` for anything the font lacks). */
export function glyphFor(ch: string): number[] {
  return GLYPHS.get(ch.toUpperCase()) ?? GLYPHS.get(ch) ?? GLYPHS.get('?')!;
}

/** Width in pixels of `text` drawn at `scale` (no trailing spacing column). */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * GLYPH_ADVANCE - 1) * scale;
}

export interface DrawTextInput {
  /** Raw interleaved RGB pixels (3 bytes each). */
  pixels: Buffer;
  width: number;
  height: number;
  text: string;
  x: number;
  y: number;
  /** Integer size multiplier; each glyph cell becomes scale x scale pixels. */
  scale: number;
  color: readonly [number, number, number];
}

/** Paints `text` into an RGB buffer; pixels outside the image are clipped. */
export function drawText(input: DrawTextInput): void {
  const { pixels, width, height, scale, color } = input;
  let penX = input.x;
  for (const ch of input.text) {
    const rows = glyphFor(ch);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const mask = rows[row]!;
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if ((mask & (1 << (GLYPH_WIDTH - 1 - col))) === 0) continue;
        fillCell(pixels, width, height, penX + col * scale, input.y + row * scale, scale, color);
      }
    }
    penX += GLYPH_ADVANCE * scale;
  }
}

function fillCell(
  pixels: Buffer,
  width: number,
  height: number,
  x0: number,
  y0: number,
  size: number,
  color: readonly [number, number, number],
): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + size); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + size); x++) {
      const i = (y * width + x) * 3;
      pixels[i] = color[0];
      pixels[i + 1] = color[1];
      pixels[i + 2] = color[2];
    }
  }
}
