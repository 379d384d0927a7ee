/**
 * The matrix view's own vocabulary: which axes it offers and their titles. Keys, labels, ordering,
 * narrowing and the table itself come from shared/sweep (axes.ts, matrix-table.ts), the same code
 * `matrix:export` renders the PNG with, so screen and export always show the same cells.
 */
import type { SweepAxisName } from '@shared/contract';

/** Axes the matrix can put on X or Y (the input is chosen separately). */
export type MatrixAxis = Exclude<SweepAxisName, 'input'>;

export const AXIS_TITLES: Record<SweepAxisName, string> = {
  input: 'Input',
  prompt: 'Prompt',
  negative: 'Negative prompt',
  style: 'Style',
  seed: 'Seed',
  resolution: 'Resolution',
  imageWeight: 'Image weight',
  magicPrompt: 'Magic prompt',
  palette: 'Palette',
};
