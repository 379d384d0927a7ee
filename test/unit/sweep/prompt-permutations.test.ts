import {
  compilePrompt,
  countPromptVariants,
  PromptSyntaxError,
  promptVariantAt,
  promptVariants,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const all = (t: string) => [...promptVariants(t)];

describe('prompt permutations', () => {
  it('expands one group into its alternatives in written order', () => {
    expect(all('a {red|blue} car')).toEqual(['a red car', 'a blue car']);
  });

  it('multiplies groups, first group varying slowest', () => {
    expect(all('{a|b} {1|2|3}')).toEqual(['a 1', 'a 2', 'a 3', 'b 1', 'b 2', 'b 3']);
    expect(countPromptVariants('{a|b} {1|2|3} {x|y}')).toBe(12);
  });

  it('expands nested groups inside their alternative', () => {
    expect(all('{a {b|c}|d}')).toEqual(['a b', 'a c', 'd']);
    expect(countPromptVariants('{a {b|c}|d} {e|f}')).toBe(6);
  });

  it('treats escaped braces, pipes and backslashes as text', () => {
    expect(all('\\{x\\} a\\|b \\\\ {p\\|q|r}')).toEqual(['{x} a|b \\ p|q', '{x} a|b \\ r']);
    expect(all('a | b')).toEqual(['a | b']);
    expect(all('back\\slash')).toEqual(['back\\slash']);
  });

  it('allows empty alternatives and tidies the doubled spaces they leave', () => {
    expect(all('a {|very } big {|red }car')).toEqual([
      'a big car',
      'a big red car',
      'a very big car',
      'a very big red car',
    ]);
    expect(all('  {x|}  y ')).toEqual(['x y', 'y']);
  });

  it('reports an unclosed brace at its column', () => {
    try {
      compilePrompt('a {red|blue car');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PromptSyntaxError);
      expect((error as PromptSyntaxError).column).toBe(3);
      expect((error as Error).message).toContain('column 3');
    }
  });

  it('reports an unmatched closing brace at its column (code points, 1-based)', () => {
    const error = (() => {
      try {
        compilePrompt('é🙂 red}');
      } catch (e) {
        return e as PromptSyntaxError;
      }
    })();
    expect(error?.column).toBe(7);
    expect(error?.message).toMatch(/unmatched '}' at column 7/);
  });

  it('reports the innermost unclosed group', () => {
    expect(() => compilePrompt('{a|{b|c}')).toThrow(/column 1/);
    expect(() => compilePrompt('{a|{b|c')).toThrow(/column 4/);
  });

  it('indexes any variant without expanding a huge template', () => {
    const template = Array.from({ length: 30 }, (_, i) => `{a${i}|b${i}}`).join(' ');
    const compiled = compilePrompt(template);
    expect(compiled.count).toBe(2 ** 30);
    expect(promptVariantAt(template, 0)).toBe(Array.from({ length: 30 }, (_, i) => `a${i}`).join(' '));
    expect(promptVariantAt(template, 2 ** 30 - 1)).toBe(
      Array.from({ length: 30 }, (_, i) => `b${i}`).join(' '),
    );
    expect(promptVariantAt(template, 1).endsWith('a28 b29')).toBe(true);
    expect(() => promptVariantAt(template, 2 ** 30)).toThrow(RangeError);
  });

  it('agrees between count, index and generator', () => {
    const t = '{x {1|2|{3|4}}|y|} z {p|q}';
    const list = all(t);
    expect(list.length).toBe(countPromptVariants(t));
    list.forEach((v, i) => {
      expect(promptVariantAt(t, i)).toBe(v);
    });
  });

  it('knows when a variant can be blank', () => {
    expect(compilePrompt('{|a}').canBeBlank).toBe(true);
    expect(compilePrompt('{ | }').canBeBlank).toBe(true);
    expect(compilePrompt('x{|a}').canBeBlank).toBe(false);
  });
});
