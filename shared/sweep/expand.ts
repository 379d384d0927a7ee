/**
 * Sweep expansion: the cross product of every axis, counted by arithmetic and enumerated lazily.
 *
 * Order (stable, documented): input (outermost, slowest) > prompt variant > negative prompt > style >
 * seed > resolution > image weight > magic prompt > palette (innermost, fastest). Inputs outermost so
 * a person sees one image's results complete before the next starts; cheap-to-compare axes innermost.
 * A job's grid index is the mixed-radix number whose digits are the axis indices in that order, so any
 * job can be built directly from it (`jobAt`). Its `ordinal` is its place in the run order the spec
 * asks for (sweep-order.ts): in `grid` order the grid index itself; in `progressive` order (the
 * default) every value first, then every pair of values, then the rest.
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
import { type SweepOrder, sweepOrder } from './sweep-order';
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

/** Axis indices of a job from its grid index (mixed radix, `AXIS_ORDER` most significant first). */
export function jobCoordinates(
  gridIndex: number,
  sizes: Record<SweepAxis, number>,
): Record<SweepAxis, number> {
  const coords = {} as Record<SweepAxis, number>;
  let rest = gridIndex;
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

/** Rendered prompts a caching renderer keeps per kind before it starts afresh. */
const RENDER_CACHE_SIZE = 4096;

/**
 * A renderer that renders each (prompt or negative, input) once while it stays cached: a sweep has few
 * prompt variants, and in grid order the prompt changes rarely; in progressive order it changes from
 * job to job, so one remembered text would not do. Inputs only matter to templates using `{caption}`.
 */
function cachingRenderer(sweep: CompiledSweep): PromptRenderer {
  const direct = directRenderer(sweep);
  const perInput = usesCaptions(sweep);
  const caches = { prompt: new Map<string, string>(), negative: new Map<string, string>() };
  return (kind, index, input) => {
    const key = perInput ? `${index}:${input.index}` : String(index);
    const cache = caches[kind];
    let text = cache.get(key);
    if (text === undefined) {
      if (cache.size >= RENDER_CACHE_SIZE) cache.clear();
      text = direct(kind, index, input);
      cache.set(key, text);
    }
    return text;
  };
}

/**
 * Builds the job at grid index `gridIndex` (0..count-1) directly. Its ordinal is `ordinal` (default:
 * the grid index, as in grid order); `render` lets loops reuse rendered prompts.
 */
export function jobAt(
  sweep: CompiledSweep,
  inputs: readonly ResolvedInput[],
  gridIndex: number,
  render: PromptRenderer = directRenderer(sweep),
  ordinal = gridIndex,
): JobSpec {
  const sizes = axisSizes(sweep, inputs.length);
  if (!Number.isInteger(gridIndex) || gridIndex < 0 || gridIndex >= product(sizes)) {
    throw new RangeError(`job grid index ${gridIndex} is outside 0..${product(sizes) - 1}`);
  }
  const c = jobCoordinates(gridIndex, sizes);
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

/** The run order `spec.order` asks for over `inputCount` inputs (see sweep-order.ts). */
export function orderOf(sweep: CompiledSweep, inputCount: number): SweepOrder {
  const sizes = axisSizes(sweep, inputCount);
  return sweepOrder(
    sweep.spec.order,
    AXIS_ORDER.map((axis) => sizes[axis]),
  );
}

/**
 * Lazily yields every job of `spec` over `inputs` in run order, ordinals 0..n-1: `order` when given
 * (a caller that needs its coverage figures builds it once with `orderOf`), else the spec's. Nothing
 * is materialised but the order's covering pass (sweep-order.ts), however large the sweep.
 */
export function* expand(
  spec: SweepSpec,
  inputs: readonly ResolvedInput[],
  order?: SweepOrder,
): Generator<JobSpec> {
  const sweep = compileSweep(spec);
  const render = cachingRenderer(sweep);
  let ordinal = 0;
  for (const gridIndex of (order ?? orderOf(sweep, inputs.length)).gridIndexes())
    yield jobAt(sweep, inputs, gridIndex, render, ordinal++);
}
