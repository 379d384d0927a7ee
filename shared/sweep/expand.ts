/**
 * Sweep expansion: the cross product of every axis, counted by arithmetic and enumerated lazily.
 *
 * Order (stable, documented): input (outermost, slowest) > prompt variant > negative prompt > style >
 * seed > resolution > image weight > magic prompt > palette (innermost, fastest). Inputs outermost so
 * a person sees one image's results complete before the next starts; cheap-to-compare axes innermost.
 * Job `ordinal` n is the mixed-radix number whose digits are the axis indices in that order, so any
 * job can also be built directly from its ordinal (`jobAt`).
 *
 * Every combination is yielded. Two jobs share a key only when their inputs have the same content,
 * two prompt templates expand to the same text, or `match` resolves an input to a size the sweep also
 * names explicitly; with `spec.dedupe` the engine reuses a completed key's output instead of paying
 * again, which is why `countJobs` counts combinations, not keys.
 *
 * Per input, two values are filled in as each job is built (counts never depend on them): `{caption}`
 * in a prompt or negative prompt becomes the input's caption, and the resolution `match` becomes the
 * accepted size nearest the input's shape (`nearestResolution`). The key hashes the results, so a
 * caption is part of the key through the prompt text, and a `match` job's key is that of its real size.
 */
import { DEFAULT_RESOLUTION, isMatchInput, nearestResolution, type Resolution } from '../catalogue';
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
  /** The negative prompt templates, laid out like the prompts. */
  negatives: CompiledPrompt[];
  negativeStarts: number[];
  negativeCount: number;
  seeds: SeedSequence;
}

function compileTemplates(templates: readonly string[], spec: SweepSpec) {
  const compiled = templates.map((t) => compilePrompt(t, { wildcards: spec.wildcards }));
  const starts: number[] = [];
  let count = 0;
  for (const p of compiled) {
    starts.push(count);
    count += p.count;
  }
  return { compiled, starts, count };
}

/** Parses the spec's prompts and seeds. Throws `PromptSyntaxError` / `SeedSyntaxError` on a spec `parseSweepSpec` would reject. */
export function compileSweep(spec: SweepSpec): CompiledSweep {
  const prompts = compileTemplates(spec.prompts, spec);
  const negatives = compileTemplates(spec.negativePrompts, spec);
  return {
    spec,
    prompts: prompts.compiled,
    promptStarts: prompts.starts,
    promptCount: prompts.count,
    negatives: negatives.compiled,
    negativeStarts: negatives.starts,
    negativeCount: negatives.count,
    seeds: compileSeeds(spec.seeds, spec.sweepSeed),
  };
}

/** True when some prompt or negative prompt of the sweep uses `{caption}`. */
export function usesCaptions(sweep: CompiledSweep): boolean {
  return [...sweep.prompts, ...sweep.negatives].some((p) => p.captionUses > 0);
}

/** Size of every axis, in `AXIS_ORDER`. */
export function axisSizes(sweep: CompiledSweep, inputCount: number): Record<SweepAxis, number> {
  const { spec } = sweep;
  return {
    input: inputCount,
    prompt: sweep.promptCount,
    negative: sweep.negativeCount,
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

/** Renders the variant at a global index of a list of templates laid out by `starts`. */
function renderAt(
  templates: readonly CompiledPrompt[],
  starts: readonly number[],
  index: number,
  caption: string,
): string {
  let k = starts.length - 1;
  while (starts[k]! > index) k--;
  return renderPromptVariant(templates[k]!, index - starts[k]!, caption);
}

/** The real size of a resolution choice for `input`: `match` picks the size nearest its shape. */
export function resolveResolution(
  choice: SweepSpec['resolutions'][number],
  input: Pick<ResolvedInput, 'width' | 'height'>,
): { resolution: Resolution; matched: boolean } {
  if (!isMatchInput(choice)) return { resolution: choice, matched: false };
  const { width, height } = input;
  if (!width || !height) return { resolution: DEFAULT_RESOLUTION, matched: true };
  return { resolution: nearestResolution(width, height), matched: true };
}

/** Renders prompts and negative prompts; loops pass a caching one (see `expand`). */
export type PromptRenderer = (kind: 'prompt' | 'negative', index: number, input: ResolvedInput) => string;

function directRenderer(sweep: CompiledSweep): PromptRenderer {
  return (kind, index, input) =>
    kind === 'prompt'
      ? renderAt(sweep.prompts, sweep.promptStarts, index, input.caption?.prompt ?? '')
      : renderAt(sweep.negatives, sweep.negativeStarts, index, input.caption?.negative ?? '');
}

/**
 * A renderer that renders each (prompt or negative, input) once while it stays the same: the prompt is
 * an outer axis and changes rarely. Inputs only matter to templates that use `{caption}`.
 */
function cachingRenderer(sweep: CompiledSweep): PromptRenderer {
  const direct = directRenderer(sweep);
  const perInput = usesCaptions(sweep);
  const last = { prompt: { key: '', text: '' }, negative: { key: '', text: '' } };
  return (kind, index, input) => {
    const key = perInput ? `${index}:${input.index}` : String(index);
    const slot = last[kind];
    if (slot.key !== key) {
      slot.text = direct(kind, index, input);
      slot.key = key;
    }
    return slot.text;
  };
}

/** Builds the job at `ordinal` (0..count-1) directly; `render` lets loops reuse rendered prompts. */
export function jobAt(
  sweep: CompiledSweep,
  inputs: readonly ResolvedInput[],
  ordinal: number,
  render: PromptRenderer = directRenderer(sweep),
): JobSpec {
  const sizes = axisSizes(sweep, inputs.length);
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= product(sizes)) {
    throw new RangeError(`job ordinal ${ordinal} is outside 0..${product(sizes) - 1}`);
  }
  const c = jobCoordinates(ordinal, sizes);
  const { spec } = sweep;
  const input = inputs[c.input]!;
  const size = resolveResolution(spec.resolutions[c.resolution]!, input);
  const params = {
    prompt: render('prompt', c.prompt, input),
    negativePrompt: render('negative', c.negative, input),
    seed: sweep.seeds.at(c.seed),
    style: spec.styles[c.style]!,
    resolution: size.resolution,
    imageWeight: spec.imageWeights[c.imageWeight]!,
    magicPrompt: spec.magicPrompts[c.magicPrompt]!,
    palette: spec.palettes[c.palette]!,
  };
  return {
    ordinal,
    inputIndex: c.input,
    promptIndex: c.prompt,
    negativeIndex: c.negative,
    resolutionMatched: size.matched,
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
  const render = cachingRenderer(sweep);
  for (let ordinal = 0; ordinal < total; ordinal++) yield jobAt(sweep, inputs, ordinal, render);
}
