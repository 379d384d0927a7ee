/**
 * The sweep specification: what a person asks for (inputs x prompts x seeds x styles x resolutions x
 * image weights x magic-prompt options x negative prompts x palettes). `sweepSpecSchema` is the
 * source of truth for its shape and defaults; `parseSweepSpec` adds the checks zod cannot express
 * (prompt and seed syntax, naming template) and never throws.
 *
 * List axes must hold at least one value; repeated values are dropped silently, keeping the first
 * occurrence (so a pasted list with a duplicate style does not double the work).
 *
 * Prompts and negative prompts are templates (`{a|b}` permutations, `__name__` wildcards, `{caption}`).
 * `wildcards` holds the options of each wildcard the templates use, as read from the wildcard files
 * when the batch was made, so a stored spec always counts and expands the same again.
 */
import { z } from 'zod';
import {
  type ColorPalette,
  colorPaletteSchema,
  DEFAULT_IMAGE_WEIGHT,
  DEFAULT_MAGIC_PROMPT,
  DEFAULT_RESOLUTION,
  DEFAULT_STYLE_TYPE,
  type FieldIssue,
  imageWeightSchema,
  magicPromptSchema,
  PROMPT_MAX_LENGTH,
  resolutionChoiceSchema,
  styleTypeSchema,
} from '../catalogue';
import { DEFAULT_NAMING_TEMPLATE, validateTemplate } from './naming-template';
import { compilePrompt, type PromptContext, PromptSyntaxError } from './prompt-permutations';
import { compileSeeds, SeedSyntaxError } from './seed-syntax';
import { DEFAULT_SWEEP_ORDER, SWEEP_ORDERS } from './sweep-order';
import { isWildcardName, MAX_WILDCARD_OPTIONS } from './wildcards';

/** Image file extensions a folder scan picks up by default (lower-case, no dot). */
export const DEFAULT_EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'avif',
  'tif',
  'tiff',
  'heic',
  'heif',
  'gif',
  'bmp',
];
/** Seeds used when a spec names none: one seed drawn from `sweepSeed`. */
export const DEFAULT_SEEDS = 'random:1';
/** The sweep's own seed when a spec names none (it seeds `random:N`). */
export const DEFAULT_SWEEP_SEED = 0;

function dedupeBy<T>(key: (value: T) => string) {
  return (values: T[]): T[] => {
    const seen = new Set<string>();
    return values.filter((v) => {
      const k = key(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
}

/** A non-empty list axis, de-duplicated (first occurrence kept), defaulting to `fallback`. */
function axis<T extends z.ZodType>(
  field: string,
  item: T,
  fallback: () => z.output<T>[],
  key = JSON.stringify,
) {
  return z
    .array(item, { error: () => `${field} must be a list` })
    .min(1, { error: () => `${field} must hold at least one value` })
    .transform(dedupeBy<z.output<T>>(key))
    .default(fallback);
}

/** Hex digits upper-cased so `#aabbcc` and `#AABBCC` are one palette (and one job key). */
const sweepPaletteSchema = colorPaletteSchema
  .nullable()
  .transform((p): ColorPalette | null =>
    p && 'members' in p
      ? { members: p.members.map((m) => ({ ...m, color_hex: m.color_hex.toUpperCase() })) }
      : p,
  );

const extensionSchema = z
  .string({ error: () => 'inputs.extensions[] must be text' })
  .transform((e) => e.trim().replace(/^\./, '').toLowerCase())
  .refine((e) => /^[a-z0-9]+$/.test(e), {
    error: () => 'inputs.extensions[] must be like "jpg" (letters/digits)',
  });

export const sweepSpecSchema = z.strictObject({
  inputs: z.strictObject({
    paths: z
      .array(z.string().min(1, { error: () => 'inputs.paths[] must not be empty' }), {
        error: () => 'inputs.paths must be a list of files or folders',
      })
      .min(1, { error: () => 'inputs.paths must hold at least one file or folder' })
      .transform(dedupeBy<string>((p) => p)),
    recursive: z.boolean().default(false),
    extensions: axis(
      'inputs.extensions',
      extensionSchema,
      () => [...DEFAULT_EXTENSIONS],
      (e) => e,
    ),
  }),
  prompts: z
    .array(
      z
        .string({ error: () => 'prompts[] must be text' })
        .refine((s) => s.trim() !== '', { error: () => 'prompt must not be empty' }),
      { error: () => 'prompts must be a list of prompt templates' },
    )
    .min(1, { error: () => 'prompts must hold at least one prompt' })
    .transform(dedupeBy<string>((p) => p)),
  seeds: z.string({ error: () => 'seeds must be text like "100, 200-210, random:8"' }).default(DEFAULT_SEEDS),
  styles: axis('styles', styleTypeSchema, () => [DEFAULT_STYLE_TYPE]),
  resolutions: axis('resolutions', resolutionChoiceSchema, () => [DEFAULT_RESOLUTION]),
  imageWeights: axis('imageWeights', imageWeightSchema, () => [DEFAULT_IMAGE_WEIGHT]),
  magicPrompts: axis('magicPrompts', magicPromptSchema, () => [DEFAULT_MAGIC_PROMPT]),
  negativePrompts: axis(
    'negativePrompts',
    z
      .string({ error: () => 'negativePrompts[] must be text' })
      .max(PROMPT_MAX_LENGTH, {
        error: () => `negative prompt must be at most ${PROMPT_MAX_LENGTH} characters`,
      })
      .transform((s) => s.trim()),
    () => [''],
  ),
  palettes: axis('palettes', sweepPaletteSchema, () => [null]),
  wildcards: z
    .record(
      z.string().refine(isWildcardName, {
        error: () => 'wildcards: a name is letters, digits, _ and - (and / for sub-folders)',
      }),
      z
        .array(
          z
            .string({ error: () => 'wildcards: options must be text' })
            .min(1, { error: () => 'wildcards: an option must not be empty' })
            .max(PROMPT_MAX_LENGTH, {
              error: () => `wildcards: an option must be at most ${PROMPT_MAX_LENGTH} characters`,
            }),
          { error: () => 'wildcards: each wildcard must be a list of options' },
        )
        .min(1, { error: () => 'wildcards: a wildcard must have at least one option' })
        .max(MAX_WILDCARD_OPTIONS, {
          error: () => `wildcards: a wildcard may have at most ${MAX_WILDCARD_OPTIONS} options`,
        }),
      { error: () => 'wildcards must map names to lists of options' },
    )
    .default({}),
  sweepSeed: z
    .number({ error: () => 'sweepSeed must be an integer from 0 to 4294967295' })
    .int({ error: () => 'sweepSeed must be an integer from 0 to 4294967295' })
    .min(0, { error: () => 'sweepSeed must be an integer from 0 to 4294967295' })
    .max(0xffffffff, { error: () => 'sweepSeed must be an integer from 0 to 4294967295' })
    .default(DEFAULT_SWEEP_SEED),
  template: z.string({ error: () => 'template must be text' }).default(DEFAULT_NAMING_TEMPLATE),
  dedupe: z.boolean().default(true),
  /** The order jobs run in (sweep-order.ts): `progressive` (every value, then every pair, then the rest) or `grid`. */
  order: z
    .enum(SWEEP_ORDERS, { error: () => `order must be one of ${SWEEP_ORDERS.join(', ')}` })
    .default(DEFAULT_SWEEP_ORDER),
  /** Review checkpoint: pause the batch once every value of every axis has a result (then resume to go on). */
  reviewAfterCoverage: z.boolean().default(false),
});

/** A validated sweep with defaults applied. */
export type SweepSpec = z.output<typeof sweepSpecSchema>;
/** What a caller may write: every field with a default may be left out. */
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;

export type SweepSpecValidation = { ok: true; value: SweepSpec } | { ok: false; issues: FieldIssue[] };

/** `['prompts', 2]` -> `prompts[2]`, `['inputs', 'paths', 0]` -> `inputs.paths[0]`. */
function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(spec)';
}

function promptIssues(
  list: 'prompts' | 'negativePrompts',
  templates: string[],
  context: PromptContext,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  templates.forEach((template, i) => {
    const field = `${list}[${i}]`;
    try {
      const compiled = compilePrompt(template, context);
      // An empty negative prompt means "none"; only a positive prompt must never be empty.
      if (list === 'prompts' && compiled.canBeBlank)
        issues.push({ field, message: 'some permutation of this prompt is empty' });
      if (compiled.maxLength > PROMPT_MAX_LENGTH) {
        issues.push({ field, message: `a permutation may exceed ${PROMPT_MAX_LENGTH} characters` });
      }
    } catch (error) {
      if (!(error instanceof PromptSyntaxError)) throw error;
      issues.push({ field, message: error.message });
    }
  });
  return issues;
}

/** Validates a sweep spec and applies defaults; never throws. Issues name the field (`prompts[2]`, `seeds`). */
export function parseSweepSpec(input: unknown): SweepSpecValidation {
  const parsed = sweepSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: fieldName(issue.path),
      message:
        issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    }));
    return { ok: false, issues };
  }
  const spec = parsed.data;
  const context = { wildcards: spec.wildcards };
  const issues = [
    ...promptIssues('prompts', spec.prompts, context),
    ...promptIssues('negativePrompts', spec.negativePrompts, context),
  ];
  try {
    compileSeeds(spec.seeds, spec.sweepSeed);
  } catch (error) {
    if (!(error instanceof SeedSyntaxError)) throw error;
    issues.push({ field: 'seeds', message: error.message });
  }
  for (const message of validateTemplate(spec.template)) issues.push({ field: 'template', message });
  return issues.length ? { ok: false, issues } : { ok: true, value: spec };
}
