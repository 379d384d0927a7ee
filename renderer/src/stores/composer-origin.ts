/**
 * Where a composer form starts from when it is not blank: a result to sweep around ("Sweep around
 * this…" from the detail drawer, compare or a grid card) or a PNG to re-run. Pure: the composer store
 * keeps the origin and asks here what the form becomes. Around a job, each direction of the
 * neighbourhood owns one set of form fields (seeds, image weights, styles, magic prompt, palettes), so
 * ticking one rewrites only its own fields and leaves the artist's other edits alone.
 */
import type { BatchView, InputView, JobView } from '@shared/contract';
import { type AroundJob, type Neighbourhood, NO_NEIGHBOURS, sweepAroundSpec } from '@shared/sweep';
import { type ComposerForm, formFromSpec } from './composer-form';

export type { Neighbourhood } from '@shared/sweep';

interface Parent {
  batchId: string;
  jobId: number | null;
}

export type ComposerOrigin =
  | {
      kind: 'around';
      parent: Parent;
      /** For the note: "Sweeping around job 3 of Forest studies". */
      batchName: string;
      ordinal: number;
      job: AroundJob;
      around: Neighbourhood;
      /** Draws the new random seeds; fixed per origin so toggling other directions keeps them. */
      sweepSeed: number;
      /** The parent's naming and dedupe, so the job itself lands where the parent's did and is reused. */
      template: string;
      dedupe: boolean;
    }
  | { kind: 'png'; parent: Parent | null; fileName: string };

/** The origin for sweeping around `job` (nothing added yet). */
export function aroundOrigin(
  job: JobView,
  input: InputView,
  batch: BatchView,
  sweepSeed = Math.floor(Math.random() * 0xffffffff),
): Extract<ComposerOrigin, { kind: 'around' }> {
  return {
    kind: 'around',
    parent: { batchId: batch.id, jobId: job.id },
    batchName: batch.name,
    ordinal: job.ordinal,
    job: {
      inputPath: input.path,
      prompt: job.prompt,
      negativePrompt: job.negativePrompt,
      seed: job.seed,
      style: job.style,
      resolution: job.resolution,
      imageWeight: job.imageWeight,
      magicPrompt: job.magicPrompt,
      palette: job.palette,
    },
    around: NO_NEIGHBOURS,
    sweepSeed,
    template: batch.template,
    dedupe: batch.dedupe,
  };
}

/** Fields the neighbourhood owns; everything else in `base` is kept as the artist left it. */
const OWNED = [
  'seeds',
  'sweepSeed',
  'imageWeightsText',
  'styles',
  'magicPrompts',
  'paletteNone',
  'palettePresets',
  'customPalettes',
] as const;

/**
 * The form for an around-origin: on the first load (`base` null) every field comes from the job;
 * afterwards only the fields the neighbourhood owns are rewritten in `base`.
 */
export function aroundForm(
  origin: Extract<ComposerOrigin, { kind: 'around' }>,
  base: ComposerForm | null,
): ComposerForm {
  const full = formFromSpec(sweepAroundSpec(origin.job, origin.around, origin.sweepSeed));
  if (!base) {
    return {
      ...full,
      template: origin.template,
      dedupe: origin.dedupe,
      name: `Around ${origin.batchName} #${origin.ordinal + 1}`,
    };
  }
  const patch: Partial<ComposerForm> = {};
  for (const key of OWNED) Object.assign(patch, { [key]: full[key] });
  return { ...base, ...patch };
}
