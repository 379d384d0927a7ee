/**
 * Sweep expansion: the cross product of every axis, counted by arithmetic and enumerated lazily.
 *
 * Order (stable, documented): input (outermost, slowest) > prompt variant > negative prompt > style >
 * seed > resolution > image weight > magic prompt > palette (innermost, fastest). Inputs outermost so
 * a person sees one image's results complete before the next starts; cheap-to-compare axes innermost.
 * Job `ordinal` n is the mixed-radix number whose digits are the axis indices in that order, so any
 * job can also be built directly from its ordinal (`jobAt`).
 *
 * Every combination is yielded. Two jobs share a key only when their inputs have the same content
 * or two prompt templates expand to the same text; with `spec.dedupe` the engine submits each key
 * once (and reuses results of earlier runs), which is why `countJobs` counts combinations, not keys.
 */
import { jobKey } from './job-key';
import type { JobSpec, ResolvedInput } from './job-spec';
import { type CompiledPrompt, compilePrompt, renderPromptVariant } from './prompt-permutations';
import { compileSeeds, type SeedSequence } from './seed-syntax';
import type { SweepSpec } from './sweep-spec';

/** Axis names from outermost to innermost. */
export const AXIS_ORDER = [
  'input',
  'prompt',
  'negative',
  'style',
  'seed',
  'resolution',
  'imageWeight',
  'magicPrompt',
  'palette',
] as const;
export type SweepAxis = (typeof AXIS_ORDER)[number];

/** A spec with its prompts and seeds parsed once, ready for counting and random access. */
export interface CompiledSweep {
  spec: SweepSpec;
  prompts: CompiledPrompt[];
  /** `promptStarts[i]` = global index of prompt i's first variant. */
  promptStarts: number[];
  promptCount: number;
  seeds: SeedSequence;
}

/** Parses the spec's prompts and seeds. Throws `PromptSyntaxError` / `SeedSyntaxError` on a spec `parseSweepSpec` would reject. */
export function compileSweep(spec: SweepSpec): CompiledSweep {
  const prompts = spec.prompts.map(compilePrompt);
  const promptStarts: number[] = [];
  let promptCount = 0;
  for (const p of prompts) {
    promptStarts.push(promptCount);
    promptCount += p.count;
  }
  return { spec, prompts, promptStarts, promptCount, seeds: compileSeeds(spec.seeds, spec.sweepSeed) };
}

/** Size of every axis, in `AXIS_ORDER`. */
export function axisSizes(sweep: CompiledSweep, inputCount: number): Record<SweepAxis, number> {
  const { spec } = sweep;
  return {
    input: inputCount,
    prompt: sweep.promptCount,
    negative: spec.negativePrompts.length,
    style: spec.styles.length,
    seed: sweep.seeds.count,
    resolution: spec.resolutions.length,
    imageWeight: spec.imageWeights.length,
    magicPrompt: spec.magicPrompts.length,
    palette: spec.palettes.length,
  };
}

function product(sizes: Record<SweepAxis, number>): number {
  return AXIS_ORDER.reduce((n, axis) => n * sizes[axis], 1);
}

/**
 * Number of jobs `spec` expands to over `inputCount` inputs, by arithmetic only (exact up to 2^53).
 * Throws on a spec `parseSweepSpec` would reject.
 */
export function countJobs(spec: SweepSpec, inputCount: number): number {
  return product(axisSizes(compileSweep(spec), inputCount));
}

/** Axis indices of a job from its ordinal (mixed radix, `AXIS_ORDER` most significant first). */
export function jobCoordinates(ordinal: number, sizes: Record<SweepAxis, number>): Record<SweepAxis, number> {
  const coords = {} as Record<SweepAxis, number>;
  let rest = ordinal;
  for (let i = AXIS_ORDER.length - 1; i >= 0; i--) {
    const axis = AXIS_ORDER[i]!;
    coords[axis] = rest % sizes[axis];
    rest = Math.floor(rest / sizes[axis]);
  }
  return coords;
}

/** The prompt template index and variant index of a global prompt index. */
function locatePrompt(sweep: CompiledSweep, promptIndex: number): { prompt: number; variant: number } {
  let k = sweep.promptStarts.length - 1;
  while (sweep.promptStarts[k]! > promptIndex) k--;
  return { prompt: k, variant: promptIndex - sweep.promptStarts[k]! };
}

/** Builds the job at `ordinal` (0..count-1) directly; `promptText` lets loops reuse a rendered prompt. */
export function jobAt(
  sweep: CompiledSweep,
  inputs: readonly ResolvedInput[],
  ordinal: number,
  promptText?: (promptIndex: number) => string,
): JobSpec {
  const sizes = axisSizes(sweep, inputs.length);
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= product(sizes)) {
    throw new RangeError(`job ordinal ${ordinal} is outside 0..${product(sizes) - 1}`);
  }
  const c = jobCoordinates(ordinal, sizes);
  const { spec } = sweep;
  const input = inputs[c.input]!;
  const render = (i: number) => {
    const at = locatePrompt(sweep, i);
    return renderPromptVariant(sweep.prompts[at.prompt]!, at.variant);
  };
  const params = {
    prompt: (promptText ?? render)(c.prompt),
    negativePrompt: spec.negativePrompts[c.negative]!,
    seed: sweep.seeds.at(c.seed),
    style: spec.styles[c.style]!,
    resolution: spec.resolutions[c.resolution]!,
    imageWeight: spec.imageWeights[c.imageWeight]!,
    magicPrompt: spec.magicPrompts[c.magicPrompt]!,
    palette: spec.palettes[c.palette]!,
  };
  return {
    ordinal,
    inputIndex: c.input,
    promptIndex: c.prompt,
    ...params,
    key: jobKey(input.contentHash, params),
  };
}

/**
 * Lazily yields every job of `spec` over `inputs` in the documented order, ordinals 0..n-1.
 * Nothing is materialised: memory stays constant however large the sweep.
 */
export function* expand(spec: SweepSpec, inputs: readonly ResolvedInput[]): Generator<JobSpec> {
  const sweep = compileSweep(spec);
  const total = product(axisSizes(sweep, inputs.length));
  // The prompt changes rarely (it is an outer axis), so render it once per change.
  let cachedIndex = -1;
  let cachedText = '';
  const promptText = (i: number) => {
    if (i !== cachedIndex) {
      const at = locatePrompt(sweep, i);
      cachedText = renderPromptVariant(sweep.prompts[at.prompt]!, at.variant);
      cachedIndex = i;
    }
    return cachedText;
  };
  for (let ordinal = 0; ordinal < total; ordinal++) yield jobAt(sweep, inputs, ordinal, promptText);
}
