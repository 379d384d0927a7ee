/**
 * Prompt permutations: `a {red|blue} car` stands for `a red car` and `a blue car`. Groups multiply,
 * groups nest (`{a {b|c}|d}` -> `a b`, `a c`, `d`), alternatives may be empty (`{|very }`), and
 * `\{`, `\}`, `\|`, `\\` write the character itself. A `|` outside any group is plain text.
 *
 * Order (documented, stable): like nested loops written left to right — the first group varies
 * slowest, the last group fastest; alternatives come in written order, and a nested group's variants
 * are enumerated inside the alternative that holds it. Counting and indexing work on the parse tree,
 * so a template with billions of variants never materialises.
 *
 * Whitespace: runs of spaces (e.g. left by an empty alternative) collapse to one, and the result is
 * trimmed.
 *
 * Two names are not permutations: `{caption}` (exactly that) is the input's own caption, filled in per
 * input when the job is built (see captions.ts), and `__name__` is a wildcard, the lines of `name.txt`
 * as a group (see wildcards.ts; `\_` writes an underscore that never starts one).
 */
import { type WildcardTable, wildcardAt } from './wildcards';

/** The token that stands for each input's caption. */
export const CAPTION_TOKEN = '{caption}';

/** A template that does not parse; `column` is 1-based, counted in characters (code points). */
export class PromptSyntaxError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.name = 'PromptSyntaxError';
    this.column = column;
  }
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'group'; alternatives: Sequence[]; count: number }
  | { kind: 'caption' };
interface Sequence {
  parts: Part[];
  count: number;
}

/** A parsed template: count its variants or render any one of them by index. */
export interface CompiledPrompt {
  readonly template: string;
  /** Number of distinct positions (variants), computed without expanding. */
  readonly count: number;
  /** True when some variant is empty after whitespace collapsing (the API rejects empty prompts). */
  readonly canBeBlank: boolean;
  /** Upper bound of a variant's length in UTF-16 units, before whitespace collapsing (captions count 0). */
  readonly maxLength: number;
  /** How many times `{caption}` appears (0 when the template does not use captions). */
  readonly captionUses: number;
  root: Sequence;
}

/** What a template may refer to besides its own text. */
export interface PromptContext {
  /** Options of each wildcard the template may use; a `__name__` not listed here is an error. */
  wildcards?: WildcardTable;
  /**
   * What a wildcard missing from `wildcards` is: an error (default), or `placeholder`, one variant
   * reading `__name__`, for a preview made where the wildcard files cannot be read (the renderer).
   */
  unknownWildcards?: 'error' | 'placeholder';
}

const ESCAPABLE = new Set(['{', '}', '|', '\\', '_']);

interface Frame {
  alternatives: Sequence[];
  parts: Part[];
  openColumn: number;
}

function sequenceOf(parts: Part[], column: number): Sequence {
  let count = 1;
  for (const part of parts) if (part.kind === 'group') count *= part.count;
  if (!Number.isSafeInteger(count)) {
    throw new PromptSyntaxError(
      `expands to more than ${Number.MAX_SAFE_INTEGER} variants (near column ${column})`,
      column,
    );
  }
  return { parts, count };
}

function groupOf(alternatives: Sequence[], column: number): Part {
  const count = alternatives.reduce((sum, alt) => sum + alt.count, 0);
  if (!Number.isSafeInteger(count)) {
    throw new PromptSyntaxError(
      `expands to more than ${Number.MAX_SAFE_INTEGER} variants (group at column ${column})`,
      column,
    );
  }
  return { kind: 'group', alternatives, count };
}

function wildcardGroup(name: string, column: number, context: PromptContext): Part {
  const table = context.wildcards ?? {};
  const options = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!options && context.unknownWildcards === 'placeholder') {
    return groupOf([{ parts: [{ kind: 'text', text: `__${name}__` }], count: 1 }], column);
  }
  if (!options || options.length === 0) {
    throw new PromptSyntaxError(
      `__${name}__ at column ${column}: no wildcard file "${name}.txt" (or it has no lines)`,
      column,
    );
  }
  return groupOf(
    options.map((text) => ({ parts: [{ kind: 'text', text }], count: 1 })),
    column,
  );
}

function parse(template: string, context: PromptContext): Sequence {
  const chars = Array.from(template);
  const stack: Frame[] = [{ alternatives: [], parts: [], openColumn: 0 }];
  let text = '';
  const flush = (frame: Frame) => {
    if (text) frame.parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const column = i + 1;
    const frame = stack[stack.length - 1]!;
    const next = chars[i + 1];
    const wildcard = c === '_' ? wildcardAt(chars, i) : null;
    if (c === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      text += next;
      i++;
    } else if (c === '{' && chars.slice(i, i + CAPTION_TOKEN.length).join('') === CAPTION_TOKEN) {
      flush(frame);
      frame.parts.push({ kind: 'caption' });
      i += CAPTION_TOKEN.length - 1;
    } else if (wildcard) {
      flush(frame);
      frame.parts.push(wildcardGroup(wildcard.name, column, context));
      i = wildcard.end - 1;
    } else if (c === '{') {
      flush(frame);
      stack.push({ alternatives: [], parts: [], openColumn: column });
    } else if (c === '|' && stack.length > 1) {
      flush(frame);
      frame.alternatives.push(sequenceOf(frame.parts, column));
      frame.parts = [];
    } else if (c === '}') {
      if (stack.length === 1) {
        throw new PromptSyntaxError(
          `unmatched '}' at column ${column}: no '{' opens it (write \\} for a literal brace)`,
          column,
        );
      }
      flush(frame);
      frame.alternatives.push(sequenceOf(frame.parts, column));
      stack.pop();
      stack[stack.length - 1]!.parts.push(groupOf(frame.alternatives, frame.openColumn));
    } else {
      text += c;
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!.openColumn;
    throw new PromptSyntaxError(
      `unclosed '{' at column ${open}: add a matching '}' (or write \\{ for a literal brace)`,
      open,
    );
  }
  const root = stack[0]!;
  flush(root);
  return sequenceOf(root.parts, 1);
}

// A caption is never blank: an input whose caption is empty counts as having none (see captions.ts).
function blankable(seq: Sequence): boolean {
  return seq.parts.every((p) =>
    p.kind === 'text' ? p.text.trim() === '' : p.kind === 'group' && p.alternatives.some(blankable),
  );
}

function longest(seq: Sequence): number {
  let sum = 0;
  for (const p of seq.parts) {
    if (p.kind === 'text') sum += p.text.length;
    else if (p.kind === 'group') sum += Math.max(...p.alternatives.map(longest));
  }
  return sum;
}

function captionUses(seq: Sequence): number {
  let n = 0;
  for (const p of seq.parts) {
    if (p.kind === 'caption') n++;
    else if (p.kind === 'group') n += Math.max(...p.alternatives.map(captionUses));
  }
  return n;
}

/**
 * Parses a template; throws `PromptSyntaxError` (with the column) for unbalanced braces or a wildcard
 * `context` has no options for.
 */
export function compilePrompt(template: string, context: PromptContext = {}): CompiledPrompt {
  const root = parse(template, context);
  return {
    template,
    root,
    count: root.count,
    canBeBlank: blankable(root),
    maxLength: longest(root),
    captionUses: captionUses(root),
  };
}

/** Number of variants of `template`, by parse-tree arithmetic (never expands). Throws `PromptSyntaxError`. */
export function countPromptVariants(template: string): number {
  return compilePrompt(template).count;
}

function renderSequence(seq: Sequence, index: number, out: string[], caption: string): void {
  // Mixed radix with the first group as the most significant digit: first group varies slowest.
  let rest = index;
  let place = seq.count;
  for (const part of seq.parts) {
    if (part.kind === 'text' || part.kind === 'caption') {
      out.push(part.kind === 'text' ? part.text : caption);
      continue;
    }
    place /= part.count;
    const digit = Math.floor(rest / place);
    rest -= digit * place;
    let k = digit;
    for (const alt of part.alternatives) {
      if (k < alt.count) {
        renderSequence(alt, k, out, caption);
        break;
      }
      k -= alt.count;
    }
  }
}

/** Collapses runs of spaces left by empty alternatives and trims. */
export function tidyPromptWhitespace(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}

/**
 * The variant at `index` (0-based, in the documented order) of a compiled template.
 * @param caption text for `{caption}`; default the token itself, so a preview shows where it goes.
 */
export function renderPromptVariant(prompt: CompiledPrompt, index: number, caption = CAPTION_TOKEN): string {
  if (!Number.isInteger(index) || index < 0 || index >= prompt.count) {
    throw new RangeError(`prompt variant index ${index} is outside 0..${prompt.count - 1}`);
  }
  const out: string[] = [];
  renderSequence(prompt.root, index, out, caption);
  return tidyPromptWhitespace(out.join(''));
}

/**
 * Writes plain text so the template parser reads it back as exactly that text: braces, bars and
 * backslashes escaped, and underscores escaped where two or more meet (so `__x__` is not a wildcard).
 */
export function escapePromptText(text: string): string {
  return text.replace(/[\\{}|]/g, (c) => `\\${c}`).replace(/_{2,}/g, (run) => run.replace(/_/g, '\\_'));
}

/** The variant at `index` of `template` (parses it each call; compile once for loops). */
export function promptVariantAt(template: string, index: number): string {
  return renderPromptVariant(compilePrompt(template), index);
}

/** Lazily yields every variant of `template` in the documented order. */
export function* promptVariants(template: string): Generator<string> {
  const compiled = compilePrompt(template);
  for (let i = 0; i < compiled.count; i++) yield renderPromptVariant(compiled, i);
}
