/**
 * What a sweep will be before it is created: counts per axis, the job count, a time estimate, the first
 * prompt variants and seeds, and whether it is large enough to need the user's confirmation. Main's
 * `sweep:preview` answers with this, and batch creation refuses an unconfirmed sweep over the same
 * threshold, so the composer and the engine can never disagree on what "large" means.
 */
import { describeSweepEstimate } from '../scheduling/eta';
import { AXIS_ORDER, axisSizes, compileSweep, countJobs, type SweepAxis } from './expand';
import { renderPromptVariant } from './prompt-permutations';
import { parseSweepSpec } from './sweep-spec';

/** Sweeps above this many jobs must be confirmed (at ~12.7 s and concurrency 4 that is ~18 hours). */
export const LARGE_SWEEP_JOBS = 20_000;

/** Prompt variants and seeds listed in a preview, at most. */
export const PREVIEW_ITEMS = 50;

/** True when a sweep of `jobCount` jobs may only be created with the user's confirmation. */
export function needsConfirmation(jobCount: number): boolean {
  return jobCount > LARGE_SWEEP_JOBS;
}

export interface SweepPreview {
  ok: boolean;
  issues: { field: string; message: string }[];
  /** Counts per axis for the live line "42 images x 6 prompts x 4 seeds x 3 styles = 3,024 jobs". */
  axes: { name: SweepAxis; count: number }[];
  jobCount: number;
  /** e.g. "est. 2 h 40 m at concurrency 4". */
  estimate: string;
  /** The first expanded prompt variants (at most PREVIEW_ITEMS) and the first seeds (as many). */
  promptVariants: string[];
  seeds: number[];
  /** True when the sweep needs `confirmLarge` to be created. */
  needsConfirmation: boolean;
}

export interface PreviewSweepOptions {
  /** Images the inputs hold; default 0 (the count is then 0 too, the other axes still show). */
  imageCount?: number;
  /** Jobs in flight the estimate assumes. */
  concurrency: number;
}

/** Validates and previews `spec` (untrusted); an invalid spec gives `ok: false` with its issues. */
export function previewSweep(spec: unknown, options: PreviewSweepOptions): SweepPreview {
  const parsed = parseSweepSpec(spec);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: parsed.issues,
      axes: [],
      jobCount: 0,
      estimate: '',
      promptVariants: [],
      seeds: [],
      needsConfirmation: false,
    };
  }
  const sweep = compileSweep(parsed.value);
  const images = options.imageCount ?? 0;
  const sizes = axisSizes(sweep, images);
  const jobCount = countJobs(parsed.value, images);
  const variants: string[] = [];
  for (const prompt of sweep.prompts) {
    for (let i = 0; i < prompt.count && variants.length < PREVIEW_ITEMS; i++)
      variants.push(renderPromptVariant(prompt, i));
  }
  const seeds = Array.from({ length: Math.min(sweep.seeds.count, PREVIEW_ITEMS) }, (_, i) =>
    sweep.seeds.at(i),
  );
  return {
    ok: true,
    issues: [],
    axes: AXIS_ORDER.map((name) => ({ name, count: sizes[name] })),
    jobCount,
    estimate: describeSweepEstimate(jobCount, options.concurrency),
    promptVariants: variants,
    seeds,
    needsConfirmation: needsConfirmation(jobCount),
  };
}
