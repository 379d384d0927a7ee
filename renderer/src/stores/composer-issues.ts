/**
 * Which of the composer's issues to show where. Every issue counts and is listed in the summary line at
 * all times; a field shows its error in red only once the artist has touched that part of the form (typed,
 * chosen, or left the field) or pressed Start — an untouched form is not covered in red.
 */
import type { ComposerForm, FormIssue } from './composer-form';

/** A part of the form, as the validator's fields name it. */
export type ComposerSection =
  | 'inputs'
  | 'prompts'
  | 'seeds'
  | 'styles'
  | 'resolutions'
  | 'imageWeights'
  | 'magicPrompts'
  | 'negativePrompts'
  | 'palettes'
  | 'template'
  | 'other';

const SECTIONS: [RegExp, ComposerSection, string][] = [
  [/^inputs/, 'inputs', 'Inputs'],
  [/^prompts/, 'prompts', 'Prompts'],
  [/^seeds|^sweepSeed/, 'seeds', 'Seeds'],
  [/^styles/, 'styles', 'Style'],
  [/^resolutions/, 'resolutions', 'Resolution'],
  [/^imageWeights/, 'imageWeights', 'Image weight'],
  [/^magicPrompts/, 'magicPrompts', 'Magic prompt'],
  [/^negativePrompts/, 'negativePrompts', 'Negative prompt'],
  [/^palettes/, 'palettes', 'Colour palette'],
  [/^template/, 'template', 'Naming template'],
];

/** The section a validator field belongs to. */
export function sectionOf(field: string): ComposerSection {
  return SECTIONS.find(([re]) => re.test(field))?.[1] ?? 'other';
}

/** The section of a validator field, in words. */
export function fieldLabel(field: string): string {
  return SECTIONS.find(([re]) => re.test(field))?.[2] ?? field;
}

/** The section a form value belongs to (what editing it touches). */
export const SECTION_OF_KEY: Record<keyof ComposerForm, ComposerSection | null> = {
  paths: 'inputs',
  recursive: 'inputs',
  extensions: 'inputs',
  promptsText: 'prompts',
  seeds: 'seeds',
  sweepSeed: 'seeds',
  styles: 'styles',
  resolutions: 'resolutions',
  imageWeightsText: 'imageWeights',
  magicPrompts: 'magicPrompts',
  negativeText: 'negativePrompts',
  alsoNoNegative: 'negativePrompts',
  paletteNone: 'palettes',
  palettePresets: 'palettes',
  customPalettes: 'palettes',
  outputDir: null,
  template: 'template',
  name: null,
  dedupe: null,
  // The spend cap shows its own error in its section (SpendSection) and blocks Start there.
  maxSpend: null,
  // Run order and the review checkpoint are choices with no error of their own.
  order: null,
  reviewAfterCoverage: null,
};

/** The issues a field may show in red: those of touched sections, or all once Start was pressed. */
export function shownIssues(
  issues: readonly FormIssue[],
  touched: Readonly<Partial<Record<ComposerSection, true>>>,
  revealAll: boolean,
): FormIssue[] {
  return revealAll ? [...issues] : issues.filter((i) => touched[sectionOf(i.field)]);
}

/** "Inputs — add a folder or image path; Prompts — write at least one prompt": every issue, in form order. */
export function listIssues(issues: readonly FormIssue[]): string {
  const rank = (i: FormIssue) => {
    const at = SECTIONS.findIndex(([, s]) => s === sectionOf(i.field));
    return at < 0 ? SECTIONS.length : at;
  };
  return [...issues]
    .sort((a, b) => rank(a) - rank(b))
    .map((i) => `${fieldLabel(i.field)} — ${i.message}`)
    .join('; ');
}
