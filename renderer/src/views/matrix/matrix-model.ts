/**
 * The matrix view's own vocabulary: which axes it offers. Keys, labels, titles, ordering, narrowing,
 * the default axes and the table itself come from shared/sweep (axes.ts, matrix-table.ts,
 * grid-plan.ts), the same code main renders the PNGs with, so screen and export always show the same
 * cells.
 */
import type { GridAxis } from '@shared/sweep';

export { AXIS_TITLES } from '@shared/sweep';

/** Axes the matrix can put on X or Y (the input is chosen separately). */
export type MatrixAxis = GridAxis;
