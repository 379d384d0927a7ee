import { describe, expect, it } from 'vitest';
import { drawText, GLYPH_HEIGHT, glyphFor, textWidth } from '../../../electron/simulator/bitmap-font';
import { promptHead } from '../../../electron/simulator/render-image';

describe('bitmap font', () => {
  it('has A-Z, 0-9 and punctuation, 7 rows of 5 cells each', () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;-_!?\'"/()[]#+=%&*@<>·';
    const question = glyphFor('?');
    for (const ch of chars) {
      const rows = glyphFor(ch);
      expect(rows).toHaveLength(GLYPH_HEIGHT);
      for (const row of rows) expect(row).toBeLessThan(32);
      if (ch !== '?') expect(rows, ch).not.toEqual(question);
    }
  });

  it('draws lower case as upper case and unknown characters as ?', () => {
    expect(glyphFor('a')).toEqual(glyphFor('A'));
    expect(glyphFor('€')).toEqual(glyphFor('?'));
  });

  it('paints exactly the lit cells, scaled and clipped', () => {
    const width = 20;
    const height = 16;
    const pixels = Buffer.alloc(width * height * 3);
    drawText({ pixels, width, height, text: 'I', x: 0, y: 0, scale: 2, color: [255, 0, 0] });
    // 'I' has 3 + 5x1 + 3 = 11 lit cells; each is 2x2 pixels.
    let lit = 0;
    for (let i = 0; i < pixels.length; i += 3) if (pixels[i] === 255) lit += 1;
    expect(lit).toBe(11 * 4);
    drawText({ pixels, width, height, text: 'WWWW', x: 15, y: 12, scale: 3, color: [0, 255, 0] });
    expect(pixels.length).toBe(width * height * 3);
    expect(textWidth('AB', 2)).toBe(22);
  });

  it('promptHead keeps whole words that fit', () => {
    expect(promptHead('a red fox in the snow', 10)).toBe('a red fox');
    expect(promptHead('  supercalifragilistic words ', 5)).toBe('super');
    expect(promptHead('short', 40)).toBe('short');
  });
});
