/**
 * What a PNG says about how it was made, read from its text chunks (the edge, electron/images, reads
 * the chunks; this is pure). A PNG this studio wrote carries its whole record as JSON (`generation`)
 * and is read exactly. Any other PNG with an AUTOMATIC1111 `parameters` text is translated to
 * Ideogram's parameters as well as it can be, and every guess is said in `notes`: a size that is not
 * one of the 78 becomes the nearest one, a seed outside 100..999999 becomes a new random seed,
 * `Denoising strength` becomes an image weight, settings without an equivalent are listed as ignored.
 */
import { z } from 'zod';
import {
  type ColorPalette,
  colorPaletteSchema,
  DEFAULT_IMAGE_WEIGHT,
  DEFAULT_MAGIC_PROMPT,
  DEFAULT_STYLE_TYPE,
  IMAGE_WEIGHT_MAX,
  IMAGE_WEIGHT_MIN,
  imageWeightSchema,
  isResolution,
  MAGIC_PROMPT_OPTIONS,
  type MagicPromptOption,
  magicPromptSchema,
  nearestResolution,
  PALETTE_PRESETS,
  type Resolution,
  resolutionLabel,
  resolutionSchema,
  SEED_MAX,
  SEED_MIN,
  STYLE_TYPES,
  type StyleType,
  seedSchema,
  styleTypeSchema,
} from '../catalogue';
import { parseA1111Parameters } from './a1111-parameters';

/** The parameters a re-run sends (the job's, with the image left to the caller). */
export interface RecordedParams {
  prompt: string;
  negativePrompt: string;
  /** null when the PNG has no usable seed (a re-run then draws one). */
  seed: number | null;
  style: StyleType;
  resolution: Resolution;
  imageWeight: number;
  magicPrompt: MagicPromptOption;
  palette: ColorPalette | null;
}

export type GenerationReading =
  | {
      ok: true;
      /** `studio`: this studio's exact record; `a1111`: translated from a `parameters` text. */
      source: 'studio' | 'a1111';
      params: RecordedParams;
      /** The record says the size was chosen by `match` (studio records only). */
      resolutionMatched: boolean;
      /** The source image as recorded: its name, and its sha256 when the studio wrote it (else null). */
      input: { name: string; hash: string | null } | null;
      batchId: string | null;
      jobKey: string | null;
      /** The writer, e.g. `Sweep Studio 0.1.0` or A1111's `Version`. */
      software: string | null;
      /** Every guess and everything ignored, in words. */
      notes: string[];
    }
  | { ok: false; message: string };

const studioRecordSchema = z.object({
  model: z.string(),
  params: z.object({
    prompt: z.string().min(1),
    negative_prompt: z.string().optional(),
    image_weight: imageWeightSchema,
    magic_prompt_option: magicPromptSchema,
    resolution: resolutionSchema,
    seed: seedSchema.optional(),
    style_type: styleTypeSchema,
    color_palette: colorPaletteSchema.optional(),
  }),
  inputName: z.string(),
  inputHash: z.string(),
  batchId: z.string(),
  jobKey: z.string().optional(),
  software: z.string().optional(),
  resolutionChoice: z.literal('match').optional(),
});

function fromStudio(json: string): GenerationReading | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null; // not JSON: the caller falls back to the `parameters` text and says so
  }
  const parsed = studioRecordSchema.safeParse(data);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    ok: true,
    source: 'studio',
    params: {
      prompt: r.params.prompt,
      negativePrompt: r.params.negative_prompt ?? '',
      seed: r.params.seed ?? null,
      style: r.params.style_type,
      resolution: r.params.resolution,
      imageWeight: r.params.image_weight,
      magicPrompt: r.params.magic_prompt_option,
      palette: r.params.color_palette ?? null,
    },
    resolutionMatched: r.resolutionChoice === 'match',
    input: { name: r.inputName, hash: r.inputHash || null },
    batchId: r.batchId || null,
    jobKey: r.jobKey ?? null,
    software: r.software ?? null,
    notes: [],
  };
}

/** `EMBER`, or the studio's `#112233@0.5 #445566@0.5`; null when it is neither. */
function paletteFrom(text: string): ColorPalette | null {
  const name = text.trim().toUpperCase();
  if ((PALETTE_PRESETS as readonly string[]).includes(name)) return { name } as ColorPalette;
  const members = text
    .trim()
    .split(/\s+/)
    .map((part) => /^(#[0-9a-fA-F]{6})@([\d.]+)$/.exec(part))
    .map((m) => m && { color_hex: m[1]!.toUpperCase(), color_weight: Number(m[2]) });
  if (members.length === 0 || members.some((m) => m === null)) return null;
  const parsed = colorPaletteSchema.safeParse({ members });
  return parsed.success ? parsed.data : null;
}

/** Settings this translation reads; the others are listed as ignored. */
const USED = new Set([
  'Seed',
  'Size',
  'Size chosen',
  'Style',
  'Image weight',
  'Denoising strength',
  'Magic prompt',
  'Color palette',
  'Source',
  'Source hash',
  'Batch',
  'Version',
  'Model',
  'Request id',
  'Inference time',
]);

function fromA1111(text: string): GenerationReading {
  const { prompt, negativePrompt, settings } = parseA1111Parameters(text);
  if (prompt.trim() === '') return { ok: false, message: 'its "parameters" text has no prompt' };
  const notes: string[] = [];
  const get = (key: string) => settings.get(key)?.trim();

  let seed: number | null = null;
  const seedText = get('Seed');
  if (seedText !== undefined) {
    const n = Number(seedText);
    if (Number.isInteger(n) && n >= SEED_MIN && n <= SEED_MAX) seed = n;
    else
      notes.push(
        `Seed ${seedText} is outside Ideogram's ${SEED_MIN}-${SEED_MAX}: a new random seed is drawn`,
      );
  } else notes.push('no seed recorded: a new random seed is drawn');

  let resolution: Resolution = nearestResolution(1024, 1024);
  const size = /^(\d+)\s*x\s*(\d+)$/i.exec(get('Size') ?? '');
  if (size) {
    const [w, h] = [Number(size[1]), Number(size[2])];
    const exact = `RESOLUTION_${w}_${h}`;
    if (isResolution(exact)) resolution = exact;
    else if (w > 0 && h > 0) {
      resolution = nearestResolution(w, h);
      notes.push(`Size ${w}x${h} is not an Ideogram size: the nearest is ${resolutionLabel(resolution)}`);
    }
  } else notes.push(`no size recorded: ${resolutionLabel(resolution)}`);

  const style = get('Style')?.toUpperCase().replace(/ /g, '_');
  const knownStyle = (STYLE_TYPES as readonly string[]).includes(style ?? '');
  if (style && !knownStyle)
    notes.push(`Style "${get('Style')}" is not an Ideogram style: ${DEFAULT_STYLE_TYPE}`);

  let imageWeight = DEFAULT_IMAGE_WEIGHT;
  const weight = Number(get('Image weight'));
  const denoise = Number(get('Denoising strength'));
  if (Number.isInteger(weight) && weight >= IMAGE_WEIGHT_MIN && weight <= IMAGE_WEIGHT_MAX)
    imageWeight = weight;
  else if (Number.isFinite(denoise) && get('Denoising strength') !== undefined) {
    // Denoising strength says how far to move away from the input, image weight how close to stay.
    imageWeight = Math.min(IMAGE_WEIGHT_MAX, Math.max(IMAGE_WEIGHT_MIN, Math.round((1 - denoise) * 100)));
    notes.push(`Denoising strength ${denoise} read as image weight ${imageWeight}`);
  }

  const magic = get('Magic prompt')?.toUpperCase();
  const magicPrompt = (MAGIC_PROMPT_OPTIONS as readonly string[]).includes(magic ?? '')
    ? (magic as MagicPromptOption)
    : DEFAULT_MAGIC_PROMPT;
  const paletteText = get('Color palette');
  const palette = paletteText ? paletteFrom(paletteText) : null;
  if (paletteText && !palette) notes.push(`Color palette "${paletteText}" is not understood: no palette`);

  const ignored = [...settings.keys()].filter((k) => !USED.has(k));
  if (ignored.length) notes.push(`ignored (no Ideogram equivalent): ${ignored.join(', ')}`);
  const source = get('Source');
  return {
    ok: true,
    source: 'a1111',
    params: {
      prompt,
      negativePrompt,
      seed,
      style: knownStyle ? (style as StyleType) : DEFAULT_STYLE_TYPE,
      resolution,
      imageWeight,
      magicPrompt,
      palette,
    },
    resolutionMatched: get('Size chosen') === 'match input',
    input: source ? { name: source, hash: null } : null,
    batchId: get('Batch') ?? null,
    jobKey: null,
    software: get('Version') ?? null,
    notes,
  };
}

/**
 * Reads a PNG's text chunks (keyword -> text). The studio's `generation` JSON wins; else the
 * `parameters` text; else `{ ok: false }` with a message saying what is missing.
 */
export function readGeneration(text: Readonly<Record<string, string>>): GenerationReading {
  const has = (k: string) => Object.hasOwn(text, k);
  if (has('generation')) {
    const studio = fromStudio(text.generation!);
    if (studio) return studio;
    if (!has('parameters'))
      return { ok: false, message: 'its generation record is damaged (not valid JSON)' };
    const fallback = fromA1111(text.parameters!);
    if (fallback.ok)
      fallback.notes.unshift('its generation record is damaged: read from its "parameters" text');
    return fallback;
  }
  if (has('parameters')) return fromA1111(text.parameters!);
  const keys = Object.keys(text);
  return {
    ok: false,
    message: `it has no generation record (no "generation" or "parameters" text${keys.length ? `; its text chunks: ${keys.slice(0, 6).join(', ')}` : ''})`,
  };
}
