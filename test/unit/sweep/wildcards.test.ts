import {
  compilePrompt,
  escapePromptText,
  isWildcardName,
  PromptSyntaxError,
  parseWildcardFile,
  promptVariants,
  renderPromptVariant,
  wildcardNames,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const wildcards = {
  colour: ['red', 'deep blue'],
  'moods/calm': ['quiet', 'still'],
  weird: ['{a|b}', '__x__'],
};
const all = (t: string) => {
  const c = compilePrompt(t, { wildcards });
  return Array.from({ length: c.count }, (_, i) => renderPromptVariant(c, i));
};

describe('wildcards', () => {
  it('expand __name__ to one variant per line of name.txt, like a {a|b} group', () => {
    expect(all('a __colour__ coat')).toEqual(['a red coat', 'a deep blue coat']);
    expect(all('a __colour__ coat, __moods/calm__')).toEqual([
      'a red coat, quiet',
      'a red coat, still',
      'a deep blue coat, quiet',
      'a deep blue coat, still',
    ]);
    // Counts multiply with permutations, and a wildcard may sit inside a group.
    expect(compilePrompt('{__colour__|green} {x|y}', { wildcards }).count).toBe(6);
  });

  it('treat wildcard lines as literal text', () => {
    expect(all('__weird__')).toEqual(['{a|b}', '__x__']);
  });

  it('name a missing wildcard file in the error, with its column', () => {
    let error: unknown;
    try {
      compilePrompt('a __nope__ coat', { wildcards });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PromptSyntaxError);
    expect((error as PromptSyntaxError).message).toBe(
      '__nope__ at column 3: no wildcard file "nope.txt" (or it has no lines)',
    );
    expect((error as PromptSyntaxError).column).toBe(3);
    // Names of Object.prototype are not wildcards anybody defined.
    expect(() => compilePrompt('__constructor__', { wildcards })).toThrow(/constructor\.txt/);
  });

  it('can stand in as __name__ for a preview that cannot read the files', () => {
    const c = compilePrompt('a __nope__ coat', { unknownWildcards: 'placeholder' });
    expect(c.count).toBe(1);
    expect(renderPromptVariant(c, 0)).toBe('a __nope__ coat');
  });

  it('are found in order, once, never inside escapes or plain double underscores', () => {
    expect(wildcardNames('__a__ and __b_c__, __a__ again, moods/__moods/calm__')).toEqual([
      'a',
      'b_c',
      'moods/calm',
    ]);
    expect(wildcardNames('snake__case text, \\__no__, a____b, __-x__, __x-__')).toEqual([]);
    expect(wildcardNames('__a____b__')).toEqual(['a', 'b']);
    expect(isWildcardName('colours/warm')).toBe(true);
    expect(isWildcardName('../etc')).toBe(false);
    expect(isWildcardName('a//b')).toBe(false);
  });

  it('files: one option per line, trimmed; blanks, # comments and repeats skipped', () => {
    expect(parseWildcardFile('\uFEFFred\r\n  deep blue  \n\n# a comment\nred\ngreen')).toEqual([
      'red',
      'deep blue',
      'green',
    ]);
    expect(parseWildcardFile('\n# only comments\n')).toEqual([]);
  });
});

describe('{caption} and escaping', () => {
  it('{caption} is the input caption, not a one-option group', () => {
    const c = compilePrompt('{caption}, {oil|ink}');
    expect(c.count).toBe(2);
    expect(c.captionUses).toBe(1);
    expect(renderPromptVariant(c, 1, 'a red barn')).toBe('a red barn, ink');
    // Without a caption (a preview), the token shows where it goes.
    expect(renderPromptVariant(c, 0)).toBe('{caption}, oil');
    expect(compilePrompt('{ caption }').captionUses).toBe(0);
    expect([...promptVariants('{ caption }')]).toEqual(['caption']);
    expect(compilePrompt('{caption} {caption}').captionUses).toBe(2);
    expect(compilePrompt('{{caption}|x}').captionUses).toBe(1);
  });

  it('escapePromptText makes any text read back as itself', () => {
    const texts = [
      'a {red|blue} car',
      'back\\slash | pipe',
      'dunder __init__ and snake_case and ___',
      '{caption} stays literal',
      'plain',
    ];
    for (const text of texts) {
      const escaped = escapePromptText(text);
      const c = compilePrompt(escaped);
      expect(c.count, text).toBe(1);
      expect(c.captionUses).toBe(0);
      expect(renderPromptVariant(c, 0)).toBe(text);
    }
    expect(escapePromptText('snake_case')).toBe('snake_case');
  });
});
