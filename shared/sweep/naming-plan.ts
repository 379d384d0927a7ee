/**
 * How output names stay unique, decided once per batch. Only the FILE NAME is used to tell jobs
 * apart (directories may be shortened or dropped freely). The file name is rendered as
 * `head + tail + suffix + '.png'`:
 *
 * - tail: the longest run of template pieces, read from the right, that can be parsed back
 *   unambiguously — literal text, and tokens whose value is recoverable: fixed-width numbers
 *   ({prompt}, {negative}, {ordinal}), tokens whose values in this sweep form a suffix-free set
 *   (no value, case-folded, ends with another), or tokens preceded by literal text whose last
 *   character cannot occur in the value (`s{seed}`). `{input}` also counts when it is the first
 *   piece and the inputs' names are distinct case-insensitively, never need truncating and never
 *   differ only by a leading `_` (the escape added for names like CON or `.hidden`).
 * - suffix: `__` + an encoding of every varied axis the tail does not cover, e.g. `__i3-r1280x720`
 *   (axis letter + index or value, joined by '-'; it contains no '_', so it parses from the last '_').
 *   A size the `match` choice picked is written `rm1280x720`, apart from an explicit `r1280x720`.
 * - head: everything left of the tail; it is the only part ever truncated.
 *
 * Proof sketch: if two jobs render the same name (case-folded), the suffixes parse to the same axis
 * values, the tail parses right-to-left to the same token values, and each covering token is
 * injective on its axis, so the jobs agree on every varied axis — they are the same job. When tail
 * and suffix could not fit the segment budget, the plan falls back to no tail and a suffix over all
 * varied axes, which is unique on its own.
 */
import { isMatchInput, resolutionLabel } from '../catalogue';
import { AXIS_ORDER, axisSizes, type CompiledSweep, compileSweep, type SweepAxis } from './expand';
import type { ResolvedInput } from './job-spec';
import { type CompiledTemplate, compileTemplate, paletteLabel, type TemplatePiece } from './naming-template';
import { foldCase, MAX_SEGMENT_BYTES, sanitizeText, utf8Bytes } from './path-safety';
import type { SweepSpec } from './sweep-spec';

/** Letters that name an axis in the uniqueness suffix. */
export const SUFFIX_CODES: Record<SweepAxis, string> = {
  input: 'i',
  prompt: 'p',
  negative: 'n',
  style: 't',
  seed: 's',
  resolution: 'r',
  imageWeight: 'w',
  magicPrompt: 'm',
  palette: 'c',
};

export interface NamingPlanOptions {
  /** Template to use; default `spec.template`. */
  template?: string;
  /** Value of {batch}; default 'batch'. */
  batch?: string;
  /** Value of {date}; default ''. */
  date?: string;
}

export interface NamingPlan {
  template: CompiledTemplate;
  sweep: CompiledSweep;
  inputs: readonly ResolvedInput[];
  /** File-name pieces with {batch}/{date} already substituted (constant within a batch). */
  file: TemplatePiece[];
  directories: TemplatePiece[][];
  /** Pieces `file[tailStart..]` form the parseable tail; `file[..tailStart)` is the truncatable head. */
  tailStart: number;
  /** Axes encoded in the suffix, in `AXIS_ORDER`. */
  suffixAxes: SweepAxis[];
  widths: { prompt: number; negative: number; ordinal: number };
  paletteLabels: string[];
  jobCount: number;
}

interface TokenRule {
  axes: readonly SweepAxis[];
  /** Characters (case-folded) a value may contain. */
  alphabet: RegExp;
  /** Case-folded values in this sweep, when few enough to check; fixed-width tokens say so instead. */
  values?: string[];
  fixedWidth?: boolean;
  maxLength: number;
}

const digits = (n: number) => String(Math.max(0, n - 1)).length;

/** True when no value is a proper suffix of another (or a duplicate): right-to-left matching is unique. */
export function isSuffixFree(values: readonly string[]): boolean {
  const set = new Set(values);
  if (set.size !== values.length) return false;
  return values.every((v) => {
    for (let k = 1; k <= v.length; k++) if (set.has(v.slice(k))) return false;
    return true;
  });
}

function tokenRules(
  sweep: CompiledSweep,
  labels: string[],
  w: NamingPlan['widths'],
): Partial<Record<string, TokenRule>> {
  const { spec } = sweep;
  const maxLen = (vs: string[]) => Math.max(0, ...vs.map((v) => v.length));
  const listed = (axes: SweepAxis[], alphabet: RegExp, raw: string[]): TokenRule => {
    const values = raw.map(foldCase);
    return { axes, alphabet, values, maxLength: maxLen(values) };
  };
  const seedValues = sweep.seeds.count <= 10_000 ? [...sweep.seeds].map(String) : undefined;
  const rules: Partial<Record<string, TokenRule>> = {
    prompt: { axes: ['prompt'], alphabet: /[0-9]/, fixedWidth: true, maxLength: w.prompt },
    negative: { axes: ['negative'], alphabet: /[0-9]/, fixedWidth: true, maxLength: w.negative },
    ordinal: { axes: AXIS_ORDER, alphabet: /[0-9]/, fixedWidth: true, maxLength: w.ordinal },
    style: listed(['style'], /[a-z0-9_]/, spec.styles),
    seed: { axes: ['seed'], alphabet: /[0-9]/, values: seedValues, maxLength: 6 },
    // `match` gives each input its own size, which may equal an explicit size of the same sweep: the
    // rendered size is then no way to tell the axis values apart, so only explicit sizes make a rule.
    ...(spec.resolutions.some(isMatchInput)
      ? {}
      : {
          resolution: listed(
            ['resolution'],
            /[0-9x]/,
            spec.resolutions.filter((r) => !isMatchInput(r)).map(resolutionLabel),
          ),
        }),
    weight: listed(['imageWeight'], /[0-9]/, spec.imageWeights.map(String)),
    magic: listed(['magicPrompt'], /[a-z]/, spec.magicPrompts),
  };
  // A palette label is only a reliable token when labels are distinct (custom-<hash6> could clash).
  if (new Set(labels.map(foldCase)).size === labels.length) {
    rules.palette = listed(['palette'], /[a-z0-9-]/, labels);
  }
  return rules;
}

function substituteConstants(pieces: TemplatePiece[], batch: string, date: string): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  for (const piece of pieces) {
    const p: TemplatePiece =
      piece.kind === 'token' && (piece.token === 'batch' || piece.token === 'date')
        ? { kind: 'text', text: sanitizeText(piece.token === 'batch' ? batch : date) }
        : piece;
    const prev = out[out.length - 1];
    if (p.kind === 'text' && prev?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: prev.text + p.text };
    else if (p.kind === 'token' || p.text) out.push(p);
  }
  return out;
}

/** Whether {input} as the whole head is recoverable, and the longest input value in bytes. */
function inputHead(inputs: readonly ResolvedInput[]): { reliable: boolean; maxBytes: number } {
  const names = inputs.map((i) => sanitizeText(i.name));
  const lower = new Set(names.map(foldCase));
  const upper = new Set(names.map((n) => n.normalize('NFC').toUpperCase()));
  const distinct = lower.size === names.length && upper.size === names.length;
  const noPrefixClash = names.every((n) => !lower.has(foldCase(`_${n}`)));
  return { reliable: distinct && noPrefixClash, maxBytes: Math.max(0, ...names.map(utf8Bytes)) };
}

function suffixBytes(axes: SweepAxis[], sizes: Record<SweepAxis, number>): number {
  if (axes.length === 0) return 0;
  const valueLength: Record<SweepAxis, number> = {
    ...(Object.fromEntries(AXIS_ORDER.map((a) => [a, digits(sizes[a])])) as Record<SweepAxis, number>),
    seed: 6,
    resolution: 10, // 'm' (match) + 1536x1536 at most
    imageWeight: 3,
  };
  return 2 + axes.reduce((n, a) => n + 1 + valueLength[a], 0) + (axes.length - 1);
}

/**
 * Decides, for a batch, which part of each file name is parseable and which axes need the suffix.
 * Throws when the template is invalid (see `validateTemplate`).
 */
export function planNaming(
  spec: SweepSpec,
  inputs: readonly ResolvedInput[],
  options: NamingPlanOptions = {},
): NamingPlan {
  const { compiled, errors } = compileTemplate(options.template ?? spec.template);
  if (errors.length) throw new Error(`invalid naming template: ${errors.join('; ')}`);
  const batch = options.batch ?? 'batch';
  const date = options.date ?? '';
  const sweep = compileSweep(spec);
  const sizes = axisSizes(sweep, inputs.length);
  const jobCount = AXIS_ORDER.reduce((n, a) => n * sizes[a], 1);
  const widths = {
    prompt: digits(sizes.prompt + 1),
    negative: digits(sizes.negative + 1),
    ordinal: digits(jobCount),
  };
  const paletteLabels = spec.palettes.map(paletteLabel);
  const rules = tokenRules(sweep, paletteLabels, widths);
  const file = substituteConstants(compiled.file, batch, date);
  const directories = compiled.directories.map((d) => substituteConstants(d, batch, date));

  const covered = new Set<SweepAxis>();
  let tailBytes = 0;
  let i = file.length - 1;
  for (; i >= 0; i--) {
    const piece = file[i]!;
    if (piece.kind === 'text') {
      tailBytes += utf8Bytes(piece.text);
      continue;
    }
    const rule = rules[piece.token];
    if (!rule) {
      const head = inputHead(inputs);
      // {input} as the whole head counts only if it never needs cutting, whatever the suffix turns out to be.
      const fits =
        tailBytes + head.maxBytes + suffixBytes(AXIS_ORDER.slice(1), sizes) + 5 <= MAX_SEGMENT_BYTES;
      if (piece.token === 'input' && i === 0 && head.reliable && fits) {
        covered.add('input');
        tailBytes += head.maxBytes;
        i = -1;
      }
      break;
    }
    const prev = file[i - 1];
    const delimited = prev?.kind === 'text' && !rule.alphabet.test(foldCase(prev.text).slice(-1));
    if (!(rule.fixedWidth || (rule.values && isSuffixFree(rule.values)) || delimited)) break;
    for (const axis of rule.axes) covered.add(axis);
    tailBytes += rule.maxLength;
  }
  const varied = AXIS_ORDER.filter((a) => sizes[a] > 1);
  let tailStart = i + 1;
  let suffixAxes = varied.filter((a) => !covered.has(a));
  // 4 bytes for '.png', 1 for a possible '_' escape prefix.
  if (tailBytes + suffixBytes(suffixAxes, sizes) + 5 > MAX_SEGMENT_BYTES) {
    tailStart = file.length;
    suffixAxes = varied;
  }
  return {
    template: compiled,
    sweep,
    inputs,
    file,
    directories,
    tailStart,
    suffixAxes,
    widths,
    paletteLabels,
    jobCount,
  };
}
