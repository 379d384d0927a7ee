/**
 * The prompt's visible mark on a simulated output: a colour read from the prompt (its first colour word,
 * or a hue hashed from the text) tints the whole image lightly and fills one soft shape (disc, diamond
 * or band) whose kind and place also come from the prompt's hash. So two prompts of a sweep differ in
 * the picture, not only in the label, and "a red coat" looks redder than "a blue coat". Pure integer
 * and float arithmetic on a raw RGB buffer: the same prompt always paints the same pixels.
 */
import { hsvToRgb, type Rgb } from './render-effects';

/** Hue (degrees), saturation and value of the colour words a prompt may name; first match wins. */
const COLOUR_WORDS: Record<string, readonly [number, number, number]> = {
  red: [0, 0.85, 0.9],
  crimson: [350, 0.85, 0.8],
  orange: [28, 0.9, 0.95],
  gold: [45, 0.8, 0.95],
  golden: [45, 0.8, 0.95],
  yellow: [55, 0.85, 0.95],
  green: [120, 0.75, 0.75],
  teal: [175, 0.75, 0.7],
  cyan: [185, 0.75, 0.9],
  blue: [220, 0.85, 0.9],
  navy: [225, 0.85, 0.5],
  purple: [275, 0.7, 0.75],
  violet: [270, 0.6, 0.85],
  magenta: [305, 0.8, 0.9],
  pink: [335, 0.5, 0.95],
  brown: [25, 0.7, 0.5],
  black: [0, 0, 0.1],
  white: [0, 0, 0.97],
  grey: [0, 0, 0.55],
  gray: [0, 0, 0.55],
  silver: [0, 0, 0.75],
};

/** 32-bit FNV-1a of the prompt's UTF-16 units: cheap and stable, no crypto needed for a picture. */
export function promptHash(prompt: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < prompt.length; i++) {
    h ^= prompt.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The prompt's colour: its first colour word's, else a saturated hue from its hash. */
export function promptColour(prompt: string): Rgb {
  for (const word of prompt.toLowerCase().split(/[^a-z]+/)) {
    const named = COLOUR_WORDS[word];
    if (named) return hsvToRgb(named[0], named[1], named[2]);
  }
  return hsvToRgb(promptHash(prompt) % 360, 0.7, 0.9);
}

/** Share of the whole image tinted toward the prompt colour. */
const TINT = 0.14;
/** Opacity of the prompt's shape at its centre (it fades out over its soft edge). */
const SHAPE_ALPHA = 0.5;

/** Tints the image toward the prompt's colour and paints its soft shape. */
export function applyPromptMark(pixels: Buffer, width: number, height: number, prompt: string): void {
  const text = prompt.trim();
  const colour = promptColour(text);
  const hash = promptHash(text.toLowerCase());
  const keep = 1 - TINT;
  const add = colour.map((c) => c * TINT);
  for (let i = 0; i < pixels.length; i += 3) {
    pixels[i] = pixels[i]! * keep + add[0]!;
    pixels[i + 1] = pixels[i + 1]! * keep + add[1]!;
    pixels[i + 2] = pixels[i + 2]! * keep + add[2]!;
  }
  const kind = hash % 3;
  const short = Math.min(width, height);
  const radius = short * (0.18 + 0.12 * (((hash >>> 4) & 255) / 255));
  const cx = width * (0.25 + 0.5 * (((hash >>> 12) & 255) / 255));
  const cy = height * (0.2 + 0.45 * (((hash >>> 20) & 255) / 255));
  const soft = Math.max(1, radius * 0.25);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      // Distance-like measure per shape: disc, diamond, or a horizontal band through the centre.
      const d =
        kind === 0
          ? Math.sqrt(dx * dx + dy * dy)
          : kind === 1
            ? Math.abs(dx) + Math.abs(dy)
            : Math.abs(dy) * 2.5;
      if (d >= radius) continue;
      const a = SHAPE_ALPHA * Math.min(1, (radius - d) / soft);
      const i = (y * width + x) * 3;
      pixels[i] = pixels[i]! * (1 - a) + colour[0] * a;
      pixels[i + 1] = pixels[i + 1]! * (1 - a) + colour[1] * a;
      pixels[i + 2] = pixels[i + 2]! * (1 - a) + colour[2] * a;
    }
  }
}
