/**
 * A one-job sweep spec that runs a recorded generation again: the recorded prompt and negative prompt
 * written so the template parser reads them back literally, the recorded seed (or a new random one when
 * there is none), style, size, image weight, magic prompt and palette, over the image the caller names.
 * Over the same image, the job it makes has the same key as the recorded job, so with dedupe a re-run
 * of an unchanged job reuses the output; any change (a new seed) makes a new one.
 */
import { jobKey } from '../sweep/job-key';
import { escapePromptText } from '../sweep/prompt-permutations';
import type { RecordedParams } from './generation-reading';

/**
 * The spec (shape of shared/sweep's `sweepSpecSchema`, to be validated like any other) re-running
 * `params` over `inputPath`.
 */
export function rerunSpec(params: RecordedParams, inputPath: string): Record<string, unknown> {
  return {
    inputs: { paths: [inputPath], recursive: false },
    prompts: [escapePromptText(params.prompt)],
    negativePrompts: [escapePromptText(params.negativePrompt)],
    seeds: params.seed === null ? 'random:1' : String(params.seed),
    styles: [params.style],
    resolutions: [params.resolution],
    imageWeights: [params.imageWeight],
    magicPrompts: [params.magicPrompt],
    palettes: [params.palette],
  };
}

/** The job key a re-run of `params` over an image with sha256 `inputHash` has (null without a seed). */
export function rerunKey(params: RecordedParams, inputHash: string): string | null {
  if (params.seed === null) return null;
  return jobKey(inputHash, { ...params, seed: params.seed });
}
