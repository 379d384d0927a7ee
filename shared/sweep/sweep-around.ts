/**
 * "Sweep around this…": from one result, a sweep of its neighbourhood. The job itself (its input,
 * prompt, negative prompt, seed, style, size, weight, magic prompt, palette) is always in it, so the
 * new batch contains the result it started from (reused, not paid again, with dedupe); each chosen
 * direction adds values on one axis: new random seeds, image weight ±10 and ±20, the other styles,
 * magic prompt on and off, the other palettes. Directions multiply like any other axes.
 */
import {
  type ColorPalette,
  IMAGE_WEIGHT_MAX,
  IMAGE_WEIGHT_MIN,
  type MagicPromptOption,
  PALETTE_PRESETS,
  type Resolution,
  STYLE_TYPES,
  type StyleType,
} from '../catalogue';
import { escapePromptText } from './prompt-permutations';

/** The result a neighbourhood is built around. */
export interface AroundJob {
  /** The input image's file path (the batch's own copy of the path it was found at). */
  inputPath: string;
  prompt: string;
  negativePrompt: string;
  seed: number;
  style: StyleType;
  resolution: Resolution;
  imageWeight: number;
  magicPrompt: MagicPromptOption;
  palette: ColorPalette | null;
}

/** Which directions to add. */
export interface Neighbourhood {
  /** New random seeds beside the job's own; 0 = keep only its seed. */
  randomSeeds: number;
  /** Image weight -20, -10, +10, +20 (within 1..100). */
  weights: boolean;
  /** Every other style. */
  styles: boolean;
  /** Magic prompt ON and OFF beside the job's own option. */
  magic: boolean;
  /** No palette and every preset beside the job's own palette. */
  palettes: boolean;
}

/** Nothing added: the job alone. */
export const NO_NEIGHBOURS: Neighbourhood = {
  randomSeeds: 0,
  weights: false,
  styles: false,
  magic: false,
  palettes: false,
};

/** Steps added around the job's image weight. */
export const WEIGHT_STEPS = [-20, -10, 0, 10, 20] as const;

/** `values` without repeats (compared as JSON, so palettes compare by content), first kept. */
function unique<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const v of values) {
    const key = JSON.stringify(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/**
 * The sweep spec of `job`'s neighbourhood (shape of `sweepSpecSchema`; the job's values first on every
 * axis). `sweepSeed` draws the new random seeds: pass a fresh one so they differ from the parent's.
 */
export function sweepAroundSpec(
  job: AroundJob,
  around: Neighbourhood,
  sweepSeed: number,
): Record<string, unknown> {
  const weights = around.weights
    ? unique(
        WEIGHT_STEPS.map((d) => Math.min(IMAGE_WEIGHT_MAX, Math.max(IMAGE_WEIGHT_MIN, job.imageWeight + d))),
      ).sort((a, b) => a - b)
    : [job.imageWeight];
  const palettes: (ColorPalette | null)[] = around.palettes
    ? unique([job.palette, null, ...PALETTE_PRESETS.map((name) => ({ name }))])
    : [job.palette];
  return {
    inputs: { paths: [job.inputPath], recursive: false },
    prompts: [escapePromptText(job.prompt)],
    negativePrompts: [escapePromptText(job.negativePrompt)],
    // random:N draws seeds distinct from the ones written before it, so the job's own seed stays unique.
    seeds: around.randomSeeds > 0 ? `${job.seed}, random:${around.randomSeeds}` : String(job.seed),
    sweepSeed,
    styles: around.styles ? unique<StyleType>([job.style, ...STYLE_TYPES]) : [job.style],
    resolutions: [job.resolution],
    imageWeights: weights,
    magicPrompts: around.magic
      ? unique<MagicPromptOption>([job.magicPrompt, 'ON', 'OFF'])
      : [job.magicPrompt],
    palettes,
  };
}
