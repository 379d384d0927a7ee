/**
 * Output naming templates: `{batch}/{input}/{input}__{style}__s{seed}__p{prompt}.png` and friends.
 * This module knows the tokens, parses a template into directory and file-name pieces, and validates
 * it; `naming-plan.ts` decides how names stay unique and `output-path.ts` renders them.
 */
import type { ColorPalette } from '../catalogue';
import { sha256Hex } from './job-key';
import { sanitizeText } from './path-safety';

export const DEFAULT_NAMING_TEMPLATE = '{batch}/{input}/{input}__{style}__s{seed}__p{prompt}.png';

/** Every token a template may use, with what it renders to. */
export const NAMING_TOKENS = {
  batch: 'batch name',
  input: 'input file name without extension',
  inputPath: "input's folder relative to the chosen root ('' at the root)",
  prompt: 'prompt variant number, 1-based, zero-padded to the sweep width',
  promptText: 'slug of the prompt text, at most 40 characters',
  negative: 'negative prompt number, 1-based, zero-padded',
  style: 'style type, e.g. GENERAL',
  seed: 'seed',
  resolution: 'resolution as WxH, e.g. 1280x720',
  weight: 'image weight',
  magic: 'magic prompt option (AUTO, ON, OFF)',
  palette: 'palette preset name, custom-<hash6> or none',
  ordinal: 'job position in the sweep, zero-padded',
  key: 'first 8 characters of the job key',
  date: 'batch date (YYYY-MM-DD)',
} as const;
export type NamingToken = keyof typeof NAMING_TOKENS;

/** Most directory levels a template may write (inputPath may add more; long paths are shortened). */
export const MAX_TEMPLATE_DIRECTORIES = 4;

export type TemplatePiece = { kind: 'text'; text: string } | { kind: 'token'; token: NamingToken };

export interface CompiledTemplate {
  source: string;
  /** Directory segments, outermost first. */
  directories: TemplatePiece[][];
  /** File-name pieces without the `.png` extension (always added when rendering). */
  file: TemplatePiece[];
}

const isToken = (name: string): name is NamingToken => Object.hasOwn(NAMING_TOKENS, name);

function parsePieces(template: string, errors: string[]): TemplatePiece[][] {
  const segments: TemplatePiece[][] = [[]];
  let text = '';
  const flush = () => {
    if (text) segments[segments.length - 1]!.push({ kind: 'text', text: sanitizeText(text) });
    text = '';
  };
  const tokenPattern = /\{([^{}]*)\}/y;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '/' || c === '\\') {
      flush();
      segments.push([]);
    } else if (c === '{') {
      tokenPattern.lastIndex = i;
      const m = tokenPattern.exec(template);
      if (!m) {
        errors.push(`unclosed '{' at column ${i + 1}`);
        break;
      }
      const name = m[1]!.trim();
      if (isToken(name)) {
        flush();
        segments[segments.length - 1]!.push({ kind: 'token', token: name });
      } else {
        errors.push(
          `unknown token {${name}} at column ${i + 1}; known: ${Object.keys(NAMING_TOKENS).join(', ')}`,
        );
      }
      i = tokenPattern.lastIndex - 1;
    } else if (c === '}') {
      errors.push(`unmatched '}' at column ${i + 1}`);
    } else {
      text += c;
    }
  }
  flush();
  return segments;
}

/** Parses a template; returns the pieces and every problem found (empty when valid). */
export function compileTemplate(template: string): { compiled: CompiledTemplate; errors: string[] } {
  const errors: string[] = [];
  const segments = parsePieces(template, errors);
  const file = segments.pop()!;
  const last = file[file.length - 1];
  if (last?.kind === 'text') {
    const ext = /\.([A-Za-z0-9]{1,5})$/.exec(last.text);
    if (ext && ext[1]!.toLowerCase() === 'png') last.text = last.text.slice(0, -4);
    else if (ext && /^(jpe?g|webp|gif|bmp|tiff?|avif|heic)$/i.test(ext[1]!)) {
      errors.push(
        `outputs are PNG files: end the template in .png (or leave the extension out), not .${ext[1]}`,
      );
    }
    if (!last.text) file.pop();
  }
  if (file.length === 0) errors.push('the file name part (after the last /) is empty');
  if (segments.length > MAX_TEMPLATE_DIRECTORIES) {
    errors.push(`at most ${MAX_TEMPLATE_DIRECTORIES} folder levels (found ${segments.length})`);
  }
  segments.forEach((seg, i) => {
    const first = seg[0];
    const only = seg.length === 1 && first?.kind === 'text' ? first.text.trim() : null;
    if (seg.length === 0)
      errors.push(i === 0 ? 'must be a relative path (no leading /)' : 'empty folder name (//)');
    else if (only === '.' || only === '..') errors.push(`folder '${only}' is not allowed`);
  });
  return { compiled: { source: template, directories: segments, file }, errors };
}

/** Problems with a template (unknown tokens, bad braces, wrong extension, …); `[]` when valid. */
export function validateTemplate(template: string): string[] {
  if (template.trim() === '') return ['template must not be empty'];
  return compileTemplate(template).errors;
}

/** Palette token value: the preset name, `custom-<first 6 hex of its canonical hash>`, or `none`. */
export function paletteLabel(palette: ColorPalette | null): string {
  if (palette === null) return 'none';
  if ('name' in palette) return palette.name;
  const canonical = JSON.stringify(palette.members.map((m) => [m.color_hex.toUpperCase(), m.color_weight]));
  return `custom-${sha256Hex(canonical).slice(0, 6)}`;
}

/** Prompt slug: lower-case letters/digits joined by '-', at most `max` characters. */
export function promptSlug(prompt: string, max = 40): string {
  const slug = prompt
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, max).join('').replace(/-+$/, '');
}
