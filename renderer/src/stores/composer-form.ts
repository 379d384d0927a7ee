/**
 * The composer's form model and its two conversions: form -> sweep spec (what main receives) and sweep
 * spec -> form (duplicate / reuse parameters). Pure, so it is easy to reason about: the spec is built
 * exactly as a person would write it in JSON, and main validates it again.
 */
import {
  type ColorPalette,
  DEFAULT_IMAGE_WEIGHT,
  DEFAULT_MAGIC_PROMPT,
  DEFAULT_RESOLUTION,
  DEFAULT_STYLE_TYPE,
  IMAGE_WEIGHT_MAX,
  IMAGE_WEIGHT_MIN,
  isMatchInput,
  isResolution,
  MAGIC_PROMPT_OPTIONS,
  type MagicPromptOption,
  PALETTE_PRESETS,
  type PalettePreset,
  type ResolutionChoice,
  STYLE_TYPES,
  type StyleType,
} from '@shared/catalogue';
import { DEFAULT_SWEEP_ORDER, type SweepOrderKind } from '@shared/sweep/sweep-order';
import { DEFAULT_SEEDS, DEFAULT_SWEEP_SEED } from '@shared/sweep/sweep-spec';

export interface PaletteMemberDraft {
  hex: string;
  weight: number;
}

export interface ComposerForm {
  paths: string[];
  recursive: boolean;
  /** Extensions a duplicated spec limited its scan to; no control yet, carried so a copy scans the same. */
  extensions?: string[];
  /** One prompt template per line; blank lines are ignored. */
  promptsText: string;
  seeds: string;
  sweepSeed: number;
  styles: StyleType[];
  /** Sizes, and `match` for "each input's nearest size". */
  resolutions: ResolutionChoice[];
  /** e.g. `50` or `30, 50, 70` or `20-80:20`. */
  imageWeightsText: string;
  magicPrompts: MagicPromptOption[];
  /** One negative prompt per line; empty means none. */
  negativeText: string;
  /** With negative prompts written, also run each job without one. */
  alsoNoNegative: boolean;
  paletteNone: boolean;
  palettePresets: PalettePreset[];
  customPalettes: PaletteMemberDraft[][];
  /** '' = the default output folder from Settings. */
  outputDir: string;
  /** '' = the naming template from Settings. */
  template: string;
  name: string;
  dedupe: boolean;
  /** Run order: progressive (every value, then every pair, then the rest) or grid. */
  order: SweepOrderKind;
  /** Pause once every value of every axis has a result (review checkpoint). */
  reviewAfterCoverage: boolean;
  /** Spend cap of the batch in dollars as typed; '' = none. Not part of the spec (a batch setting). */
  maxSpend: string;
}

export const EMPTY_FORM: ComposerForm = {
  paths: [],
  recursive: false,
  promptsText: '',
  seeds: 'random:4',
  sweepSeed: 1,
  styles: [DEFAULT_STYLE_TYPE],
  resolutions: [DEFAULT_RESOLUTION],
  imageWeightsText: String(DEFAULT_IMAGE_WEIGHT),
  magicPrompts: [DEFAULT_MAGIC_PROMPT],
  negativeText: '',
  alsoNoNegative: false,
  paletteNone: true,
  palettePresets: [],
  customPalettes: [],
  outputDir: '',
  template: '',
  name: '',
  dedupe: true,
  order: DEFAULT_SWEEP_ORDER,
  reviewAfterCoverage: false,
  maxSpend: '',
};

/** The spend cap typed in the composer: null for none, a number of dollars, or an issue. */
export function parseMaxSpend(text: string): { usd: number | null; error: string | null } {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') return { usd: null, error: null };
  const usd = Number(t);
  if (!Number.isFinite(usd) || usd < 0)
    return { usd: null, error: 'a spend cap is an amount in dollars, e.g. 12.50' };
  return { usd, error: null };
}

/** A problem found in the form itself (before the spec validator runs), keyed like the validator's fields. */
export interface FormIssue {
  field: string;
  message: string;
}

/** Parses image weights: a list of integers and `from-to` or `from-to:step` ranges. */
export function parseImageWeights(text: string): { values: number[]; error: string | null } {
  const values: number[] = [];
  const terms = text.split(/[\s,]+/).filter(Boolean);
  if (terms.length === 0) return { values, error: 'write at least one image weight (1 to 100)' };
  for (const term of terms) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(term);
    if (!m) return { values, error: `"${term}" is not a weight: write numbers like 50, 30-70 or 20-80:20` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (step < 1 || to < from)
      return { values, error: `"${term}": a range goes up, with a step of 1 or more` };
    for (let w = from; w <= to; w += step) {
      if (w < IMAGE_WEIGHT_MIN || w > IMAGE_WEIGHT_MAX)
        return {
          values,
          error: `image weights must be from ${IMAGE_WEIGHT_MIN} to ${IMAGE_WEIGHT_MAX} (got ${w})`,
        };
      if (!values.includes(w)) values.push(w);
    }
  }
  return { values, error: null };
}

/** Prompt lines that count (non-blank, first occurrence), with the 1-based line each came from. */
export function promptLines(text: string): { prompts: string[]; lines: number[] } {
  const prompts: string[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const p = raw.trim();
    if (p && !prompts.includes(p)) {
      prompts.push(p);
      lines.push(i + 1);
    }
  });
  return { prompts, lines };
}

function palettesOf(form: ComposerForm): (ColorPalette | null)[] {
  const out: (ColorPalette | null)[] = [];
  if (form.paletteNone) out.push(null);
  for (const name of form.palettePresets) out.push({ name });
  for (const members of form.customPalettes)
    out.push({ members: members.map((m) => ({ color_hex: m.hex, color_weight: m.weight })) });
  return out.length ? out : [null];
}

/** Builds the sweep spec main receives; `fallbackTemplate` is the Settings template. */
export function buildSpec(form: ComposerForm, fallbackTemplate: string): Record<string, unknown> {
  const negatives = form.negativeText
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const weights = parseImageWeights(form.imageWeightsText);
  return {
    inputs: {
      paths: form.paths,
      recursive: form.recursive,
      ...(form.extensions ? { extensions: form.extensions } : {}),
    },
    prompts: promptLines(form.promptsText).prompts,
    seeds: form.seeds,
    sweepSeed: form.sweepSeed,
    styles: form.styles,
    resolutions: form.resolutions,
    imageWeights: weights.values.length ? weights.values : [DEFAULT_IMAGE_WEIGHT],
    magicPrompts: form.magicPrompts,
    negativePrompts: negatives.length ? [...(form.alsoNoNegative ? [''] : []), ...negatives] : [''],
    palettes: palettesOf(form),
    template: form.template.trim() || fallbackTemplate,
    dedupe: form.dedupe,
    order: form.order,
    reviewAfterCoverage: form.reviewAfterCoverage,
  };
}

const pick = <T extends string>(allowed: readonly T[], value: unknown): T[] =>
  Array.isArray(value) ? value.filter((v): v is T => (allowed as readonly unknown[]).includes(v)) : [];

/** Loads a spec (from history or "reuse parameters") into a form; unknown or bad values fall back to defaults. */
export function formFromSpec(spec: Record<string, unknown>): ComposerForm {
  const inputs = (spec.inputs ?? {}) as { paths?: unknown; recursive?: unknown; extensions?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const negatives = list(spec.negativePrompts).filter((n): n is string => typeof n === 'string');
  const palettes = list(spec.palettes) as (ColorPalette | null)[];
  const weights = list(spec.imageWeights).filter((w): w is number => typeof w === 'number');
  const styles = pick(STYLE_TYPES, spec.styles);
  const magic = pick(MAGIC_PROMPT_OPTIONS, spec.magicPrompts);
  const resolutions = list(spec.resolutions).filter(
    (r): r is ResolutionChoice => isResolution(r) || isMatchInput(r),
  );
  return {
    ...EMPTY_FORM,
    paths: list(inputs.paths).filter((p): p is string => typeof p === 'string'),
    recursive: inputs.recursive === true,
    ...(Array.isArray(inputs.extensions)
      ? { extensions: inputs.extensions.filter((e): e is string => typeof e === 'string') }
      : {}),
    promptsText: list(spec.prompts)
      .filter((p) => typeof p === 'string')
      .join('\n'),
    // A stored spec is kept as the user gave it: absent values mean the schema's defaults, not the form's.
    seeds: typeof spec.seeds === 'string' ? spec.seeds : DEFAULT_SEEDS,
    sweepSeed: typeof spec.sweepSeed === 'number' ? spec.sweepSeed : DEFAULT_SWEEP_SEED,
    styles: styles.length ? styles : EMPTY_FORM.styles,
    resolutions: resolutions.length ? resolutions : EMPTY_FORM.resolutions,
    imageWeightsText: weights.length ? weights.join(', ') : EMPTY_FORM.imageWeightsText,
    magicPrompts: magic.length ? magic : EMPTY_FORM.magicPrompts,
    negativeText: negatives.filter(Boolean).join('\n'),
    alsoNoNegative: negatives.includes('') && negatives.some(Boolean),
    paletteNone: palettes.length === 0 || palettes.includes(null),
    palettePresets: palettes.flatMap((p) =>
      p && 'name' in p && (PALETTE_PRESETS as readonly string[]).includes(p.name) ? [p.name] : [],
    ),
    customPalettes: palettes.flatMap((p) =>
      p && 'members' in p ? [p.members.map((m) => ({ hex: m.color_hex, weight: m.color_weight }))] : [],
    ),
    template: typeof spec.template === 'string' ? spec.template : '',
    dedupe: spec.dedupe !== false,
    order: spec.order === 'grid' ? 'grid' : DEFAULT_SWEEP_ORDER,
    reviewAfterCoverage: spec.reviewAfterCoverage === true,
  };
}

/** `list` with `value` added, or removed when present (multi-select chips). */
export function toggleIn<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
