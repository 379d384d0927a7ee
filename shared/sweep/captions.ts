/**
 * What `{caption}` needs from the inputs, decided before a batch exists: when a prompt or negative
 * prompt uses it, every input must have a caption (a sidecar `.txt` or a `prompts.csv` row), and a
 * caption must not push a prompt past the API's length limit. Main refuses a batch with these issues
 * and the composer shows the same list before Start.
 */
import { type FieldIssue, PROMPT_MAX_LENGTH } from '../catalogue';
import { type CompiledSweep, usesCaptions } from './expand';
import type { InputCaption } from './job-spec';
import { CAPTION_TOKEN, compilePrompt, PromptSyntaxError } from './prompt-permutations';

/** Inputs named in one issue message, at most (the count is always complete). */
const NAMED = 8;

/** An input as the caption check sees it. */
export interface CaptionedInput {
  relPath: string;
  caption: InputCaption | null;
}

/** True when `template` uses `{caption}` (false for one that does not parse: its own issue says why). */
export function templateUsesCaption(template: string): boolean {
  if (!template.includes(CAPTION_TOKEN)) return false;
  try {
    return compilePrompt(template, { unknownWildcards: 'placeholder' }).captionUses > 0;
  } catch (error) {
    if (error instanceof PromptSyntaxError) return false;
    throw error;
  }
}

/** "a.jpg, b.jpg and 3 more". */
export function listNames(names: readonly string[], max = NAMED): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Issues for `{caption}` over `inputs` (none when the sweep does not use captions). */
export function captionIssues(sweep: CompiledSweep, inputs: readonly CaptionedInput[]): FieldIssue[] {
  if (!usesCaptions(sweep)) return [];
  const issues: FieldIssue[] = [];
  const missing = inputs.filter((i) => !i.caption?.prompt).map((i) => i.relPath);
  if (missing.length > 0) {
    issues.push({
      field: 'inputs',
      message: `{caption} is used, but ${missing.length} input(s) have no caption: ${listNames(missing)} (add a .txt file of the same name beside each image, or a row in prompts.csv)`,
    });
  }
  const limit = (list: 'prompts' | 'negativePrompts', which: 'prompt' | 'negative') => {
    const templates = list === 'prompts' ? sweep.prompts : sweep.negatives;
    templates.forEach((t, k) => {
      if (t.captionUses === 0) return;
      const tooLong = inputs.filter(
        (i) => t.maxLength + t.captionUses * (i.caption?.[which].length ?? 0) > PROMPT_MAX_LENGTH,
      );
      if (tooLong.length) {
        issues.push({
          field: `${list}[${k}]`,
          message: `with the caption of ${listNames(tooLong.map((i) => i.relPath))} it may exceed ${PROMPT_MAX_LENGTH} characters`,
        });
      }
    });
  };
  limit('prompts', 'prompt');
  limit('negativePrompts', 'negative');
  return issues;
}
