/**
 * The Ideogram img2img parameter catalogue: every parameter Segmind's `ideogram-img-2-img` accepts,
 * with its allowed values, and the one zod schema that the client, the simulator and the UI all
 * validate against. Messages name the field and the allowed values or range.
 */
import { z } from 'zod';
import { DEFAULT_RESOLUTION, RESOLUTIONS } from './resolutions';

export const MODEL_SLUG = 'ideogram-img-2-img';

export const STYLE_TYPES = ['GENERAL', 'REALISTIC', 'DESIGN', 'RENDER_3D', 'ANIME'] as const;
export type StyleType = (typeof STYLE_TYPES)[number];
export const DEFAULT_STYLE_TYPE: StyleType = 'GENERAL';

export const MAGIC_PROMPT_OPTIONS = ['AUTO', 'ON', 'OFF'] as const;
export type MagicPromptOption = (typeof MAGIC_PROMPT_OPTIONS)[number];
export const DEFAULT_MAGIC_PROMPT: MagicPromptOption = 'AUTO';

export const PALETTE_PRESETS = [
  'EMBER',
  'FRESH',
  'JUNGLE',
  'MAGIC',
  'MELON',
  'MOSAIC',
  'PASTEL',
  'ULTRAMARINE',
] as const;
export type PalettePreset = (typeof PALETTE_PRESETS)[number];

export const SEED_MIN = 100;
export const SEED_MAX = 999_999;
export const IMAGE_WEIGHT_MIN = 1;
export const IMAGE_WEIGHT_MAX = 100;
export const DEFAULT_IMAGE_WEIGHT = 50;
export const PALETTE_WEIGHT_MIN = 0.05;
export const PALETTE_WEIGHT_MAX = 1;
/** Ideogram documents no member limit; keep palettes to a size a person composes by hand. */
export const PALETTE_MAX_MEMBERS = 16;
export const PROMPT_MAX_LENGTH = 10_000;

const oneOf = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: () => `${field} must be one of ${values.join(', ')}` });

const intInRange = (field: string, min: number, max: number) =>
  z
    .number({ error: () => `${field} must be an integer from ${min} to ${max}` })
    .int({ error: () => `${field} must be an integer from ${min} to ${max}` })
    .min(min, { error: () => `${field} must be an integer from ${min} to ${max}` })
    .max(max, { error: () => `${field} must be an integer from ${min} to ${max}` });

export const styleTypeSchema = oneOf('style_type', STYLE_TYPES);
export const magicPromptSchema = oneOf('magic_prompt_option', MAGIC_PROMPT_OPTIONS);
/** 78 values are too many to list in a message; name the shape and point at the catalogue. */
export const resolutionSchema = z.enum(RESOLUTIONS, {
  error: () =>
    `resolution must be one of the ${RESOLUTIONS.length} supported RESOLUTION_<W>_<H> values (e.g. ${DEFAULT_RESOLUTION}, RESOLUTION_1280_720)`,
});
export const seedSchema = intInRange('seed', SEED_MIN, SEED_MAX);
export const imageWeightSchema = intInRange('image_weight', IMAGE_WEIGHT_MIN, IMAGE_WEIGHT_MAX);

const hexColor = z
  .string({ error: () => 'color_palette.members[].color_hex must be a colour like #1A2B3C' })
  .regex(/^#[0-9a-fA-F]{6}$/, {
    error: () => 'color_palette.members[].color_hex must be a colour like #1A2B3C',
  });

const paletteWeight = z
  .number({
    error: () =>
      `color_palette.members[].color_weight must be a number from ${PALETTE_WEIGHT_MIN} to ${PALETTE_WEIGHT_MAX}`,
  })
  .min(PALETTE_WEIGHT_MIN, {
    error: () =>
      `color_palette.members[].color_weight must be a number from ${PALETTE_WEIGHT_MIN} to ${PALETTE_WEIGHT_MAX}`,
  })
  .max(PALETTE_WEIGHT_MAX, {
    error: () =>
      `color_palette.members[].color_weight must be a number from ${PALETTE_WEIGHT_MIN} to ${PALETTE_WEIGHT_MAX}`,
  });

export const paletteMemberSchema = z.strictObject({ color_hex: hexColor, color_weight: paletteWeight });

export const colorPaletteSchema = z.union(
  [
    z.strictObject({ name: oneOf('color_palette.name', PALETTE_PRESETS) }),
    z.strictObject({
      members: z
        .array(paletteMemberSchema)
        .min(1, { error: () => 'color_palette.members must hold at least one colour' })
        .max(PALETTE_MAX_MEMBERS, {
          error: () => `color_palette.members may hold at most ${PALETTE_MAX_MEMBERS} colours`,
        }),
    }),
  ],
  {
    error: () =>
      `color_palette must be {"name": one of ${PALETTE_PRESETS.join(', ')}} or {"members": [{"color_hex": "#RRGGBB", "color_weight": 0.05..1}]}`,
  },
);
export type ColorPalette = z.infer<typeof colorPaletteSchema>;

const nonEmptyText = (field: string) =>
  z
    .string({ error: () => `${field} must be text` })
    .refine((s) => s.trim().length > 0, { error: () => `${field} must not be empty` })
    .refine((s) => s.length <= PROMPT_MAX_LENGTH, {
      error: () => `${field} must be at most ${PROMPT_MAX_LENGTH} characters`,
    });

/** An http(s) URL or base64 image data (optionally a data: URL), as the API notes allow. */
export const imageFileSchema = z
  .string({ error: () => 'image_file must be an http(s) URL or base64 image data' })
  .refine(
    (s) => /^https?:\/\/\S+$/i.test(s) || /^(data:image\/[a-z+.-]+;base64,)?[A-Za-z0-9+/]+=*$/.test(s),
    {
      error: () => 'image_file must be an http(s) URL or base64 image data',
    },
  );

/** The request body of `POST /v1|v2/ideogram-img-2-img`, with the API's defaults applied. */
export const ideogramParamsSchema = z.strictObject({
  image_file: imageFileSchema,
  prompt: nonEmptyText('prompt'),
  negative_prompt: z
    .string({ error: () => 'negative_prompt must be text' })
    .max(PROMPT_MAX_LENGTH, {
      error: () => `negative_prompt must be at most ${PROMPT_MAX_LENGTH} characters`,
    })
    .optional(),
  image_weight: imageWeightSchema.default(DEFAULT_IMAGE_WEIGHT),
  magic_prompt_option: magicPromptSchema.default(DEFAULT_MAGIC_PROMPT),
  resolution: resolutionSchema.default(DEFAULT_RESOLUTION),
  seed: seedSchema.optional(),
  style_type: styleTypeSchema.default(DEFAULT_STYLE_TYPE),
  color_palette: colorPaletteSchema.optional(),
});
export type IdeogramParams = z.output<typeof ideogramParamsSchema>;
export type IdeogramParamsInput = z.input<typeof ideogramParamsSchema>;

export interface FieldIssue {
  field: string;
  message: string;
}

export type ParamsValidation = { ok: true; value: IdeogramParams } | { ok: false; issues: FieldIssue[] };

/** Turns zod issues into `{ field, message }` pairs; unknown keys get a message naming them. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return { field, message: `unknown parameter(s): ${issue.keys.join(', ')}` };
    }
    return { field, message: issue.message };
  });
}

/** Validates an API request body; never throws. */
export function validateIdeogramParams(body: unknown): ParamsValidation {
  const parsed = ideogramParamsSchema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fieldIssues(parsed.error) };
}

/** One line for logs and HTTP 400 bodies: `seed: seed must be an integer from 100 to 999999; ...`. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues
    .map((i) => (i.message.startsWith(i.field) ? i.message : `${i.field}: ${i.message}`))
    .join('; ');
}
