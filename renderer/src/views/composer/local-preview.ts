/**
 * The composer's instant feedback, computed in the renderer with the same pure code main uses
 * (shared/sweep): issues per field, axis sizes, job count, per-line prompt variants and the first seeds.
 * Main's `sweep:preview` answers the same question a moment later (debounced) and has the last word on
 * the estimate and on whether the sweep needs confirming; this keeps typing feel instant.
 */
import type { CaptionScan, SweepAxisName } from '@shared/contract';
import { describeSweepEstimate } from '@shared/scheduling';
import {
  axisSizes,
  compilePrompt,
  compileSeeds,
  compileSweep,
  listNames,
  PromptSyntaxError,
  parseSweepSpec,
  renderPromptVariant,
  SeedSyntaxError,
  templateUsesCaption,
  wildcardNames,
} from '@shared/sweep';
import {
  buildSpec,
  type ComposerForm,
  type FormIssue,
  parseImageWeights,
  promptLines,
} from '../../stores/composer-form';

export interface PromptLinePreview {
  line: number;
  text: string;
  count: number;
  variants: string[];
  error: string | null;
}

export interface LocalPreview {
  issues: FormIssue[];
  axes: { name: SweepAxisName; count: number }[] | null;
  jobCount: number | null;
  estimate: string | null;
  prompts: PromptLinePreview[];
  seeds: { count: number; first: number[] } | { error: string };
  /**
   * The prompts use wildcards, whose files only main can read: counted here as one option each, so the
   * counts are main's to give (its preview replaces them when it answers).
   */
  wildcardsPending: boolean;
}

/** Variants listed per prompt line (the count is always exact). */
const VARIANTS_PER_LINE = 24;
/** First seeds listed. */
const SEEDS_SHOWN = 16;
/** Stands in for the inputs while none are chosen, so the other axes still count. */
const PLACEHOLDER_PATH = '(no inputs yet)';

function previewPrompts(text: string): PromptLinePreview[] {
  const { prompts, lines } = promptLines(text);
  return prompts.map((p, i) => {
    try {
      const compiled = compilePrompt(p, { unknownWildcards: 'placeholder' });
      const n = Math.min(compiled.count, VARIANTS_PER_LINE);
      const variants = Array.from({ length: n }, (_, k) => renderPromptVariant(compiled, k));
      return { line: lines[i]!, text: p, count: compiled.count, variants, error: null };
    } catch (error) {
      if (!(error instanceof PromptSyntaxError)) throw error;
      return { line: lines[i]!, text: p, count: 0, variants: [], error: error.message };
    }
  });
}

function previewSeeds(text: string, sweepSeed: number): LocalPreview['seeds'] {
  try {
    const seq = compileSeeds(text, sweepSeed);
    const first = Array.from({ length: Math.min(seq.count, SEEDS_SHOWN) }, (_, i) => seq.at(i));
    return { count: seq.count, first };
  } catch (error) {
    if (error instanceof SeedSyntaxError || error instanceof RangeError) return { error: error.message };
    throw error;
  }
}

/** `{caption}` needs a caption for every image: main's rule (shared/sweep captionIssues) on the scan's counts. */
function captionIssues(
  spec: Record<string, unknown>,
  imageCount: number | null,
  captions: CaptionScan | null,
) {
  const templates = [...(spec.prompts as string[]), ...(spec.negativePrompts as string[])];
  if (!captions || imageCount === null || !templates.some(templateUsesCaption)) return [];
  const issues: FormIssue[] = [];
  const missing = imageCount - captions.count;
  if (missing > 0) {
    const names = [
      ...captions.missing,
      ...Array<string>(Math.max(0, missing - captions.missing.length)).fill('…'),
    ];
    issues.push({
      field: 'inputs',
      message: `{caption} is used, but ${missing} input(s) have no caption: ${listNames(names)} (add a .txt file of the same name beside each image, or a row in prompts.csv)`,
    });
  }
  for (const p of captions.problems) issues.push({ field: 'inputs', message: p.message });
  return issues;
}

/**
 * Validates and counts the form locally.
 * @param imageCount images the last scan found; null while unknown (the line then says "? images").
 * @param concurrency for the estimate (the Settings default).
 * @param captions what the last scan found about captions; null while unknown.
 */
export function computeLocalPreview(
  form: ComposerForm,
  template: string,
  imageCount: number | null,
  concurrency: number,
  captions: CaptionScan | null = null,
): LocalPreview {
  const spec = buildSpec(form, template);
  const used = [...(spec.prompts as string[]), ...(spec.negativePrompts as string[])].flatMap(wildcardNames);
  const wildcardsPending = used.length > 0;
  if (wildcardsPending) spec.wildcards = Object.fromEntries(used.map((name) => [name, [`__${name}__`]]));
  const noInputs = form.paths.length === 0;
  if (noInputs) spec.inputs = { paths: [PLACEHOLDER_PATH], recursive: form.recursive };
  const issues: FormIssue[] = captionIssues(spec, imageCount, captions);
  if (noInputs) issues.push({ field: 'inputs.paths', message: 'add a folder or image path' });
  const weights = parseImageWeights(form.imageWeightsText);
  if (weights.error) issues.push({ field: 'imageWeights', message: weights.error });
  if (!form.promptsText.trim()) issues.push({ field: 'prompts', message: 'write at least one prompt' });
  const parsed = parseSweepSpec(spec);
  const base = {
    prompts: previewPrompts(form.promptsText),
    seeds: previewSeeds(form.seeds, form.sweepSeed),
    wildcardsPending,
  };
  if (!parsed.ok) {
    for (const i of parsed.issues) if (!issues.some((x) => x.field === i.field)) issues.push(i);
    return { ...base, issues, axes: null, jobCount: null, estimate: null };
  }
  const sizes = axisSizes(compileSweep(parsed.value), imageCount ?? 1);
  const axes = (Object.keys(sizes) as SweepAxisName[]).map((name) => ({ name, count: sizes[name] }));
  if (imageCount === null) {
    return { ...base, issues, axes, jobCount: null, estimate: null };
  }
  const jobCount = axes.reduce((n, a) => n * a.count, 1);
  return { ...base, issues, axes, jobCount, estimate: describeSweepEstimate(jobCount, concurrency) };
}

const AXIS_WORDS: Record<SweepAxisName, [string, string]> = {
  input: ['image', 'images'],
  prompt: ['prompt', 'prompts'],
  negative: ['negative prompt', 'negative prompts'],
  style: ['style', 'styles'],
  seed: ['seed', 'seeds'],
  resolution: ['resolution', 'resolutions'],
  imageWeight: ['image weight', 'image weights'],
  magicPrompt: ['magic prompt option', 'magic prompt options'],
  palette: ['palette', 'palettes'],
};

const ALWAYS_SHOWN: ReadonlySet<SweepAxisName> = new Set(['input', 'prompt', 'seed']);

/** "42 images x 6 prompts x 4 seeds x 3 styles" (images, prompts and seeds always; others when varied). */
export function describeAxes(axes: { name: SweepAxisName; count: number }[], imagesKnown: boolean): string {
  return axes
    .filter((a) => ALWAYS_SHOWN.has(a.name) || a.count > 1)
    .map((a) => {
      if (a.name === 'input' && !imagesKnown) return '? images';
      const [one, many] = AXIS_WORDS[a.name];
      return `${a.count.toLocaleString('en-US')} ${a.count === 1 ? one : many}`;
    })
    .join(' x ');
}
