/**
 * The labelled grid PNG written per input (issue 12 §6): which two axes it lays out by default, how it
 * keeps every image (one section per combination of the other varied axes, each section exactly the
 * matrix the screen shows with those values held), and what its file is called. The screen's matrix
 * and the written grid share `buildTable`, so rows and columns come in the screen's order.
 */
import { type AxisValue, axisValues, type FixedAxes } from './axes';
import { AXIS_ORDER, axisSizes, compileSweep, type SweepAxis } from './expand';
import { buildTable, type MatrixTable, narrowJobs, type TableJob } from './matrix-table';
import { foldCase, safeDirectorySegment } from './path-safety';
import { parseSweepSpec } from './sweep-spec';

/** The axes a stored sweep spec varies (more than one value), in expansion order; none when unreadable. */
export function variedAxes(spec: unknown, inputCount: number): SweepAxis[] {
  const parsed = parseSweepSpec(spec);
  if (!parsed.ok) return [];
  const sizes = axisSizes(compileSweep(parsed.value), inputCount);
  return AXIS_ORDER.filter((axis) => sizes[axis] > 1);
}

/** What each axis is called on screen and in a grid's labels. */
export const AXIS_TITLES: Record<SweepAxis, string> = {
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

/** An axis a grid can lay out (the input is what a grid is per). */
export type GridAxis = Exclude<SweepAxis, 'input'>;

/**
 * The axes a matrix or grid opens with: seed across and style down when the batch varies them,
 * otherwise the varied axes first, then seed and style.
 */
export function defaultGridAxes(varied: readonly SweepAxis[]): { x: GridAxis; y: GridAxis } {
  const axes = varied.filter((a): a is GridAxis => a !== 'input');
  const x: GridAxis = axes.includes('seed') ? 'seed' : (axes[0] ?? 'seed');
  return { x, y: defaultYAxis(varied, x) };
}

/** The Y axis that goes with `x`: style when the batch varies it, else the next varied axis, then seed / style. */
export function defaultYAxis(varied: readonly SweepAxis[], x: GridAxis): GridAxis {
  const axes = varied.filter((a): a is GridAxis => a !== 'input');
  if (axes.includes('style') && x !== 'style') return 'style';
  const candidates = [...new Set<GridAxis>([...axes, 'seed', 'style'])];
  return candidates.find((a) => a !== x) ?? 'style';
}

/** One block of a grid: the values held on the other varied axes, and the matrix under them. */
export interface GridSection<J extends TableJob> {
  fixed: FixedAxes;
  /** The held values as people read them, e.g. `weight 80 · magic ON`; '' when nothing is held. */
  title: string;
  table: MatrixTable<J>;
}

/**
 * The sections of `inputId`'s grid over `x` and `y`: one per combination of the other axes in
 * `varied` that has jobs, the first axis varying slowest, values in `axisValues` order. Together they
 * hold every job of the input.
 */
export function gridSections<J extends TableJob>(
  jobs: readonly J[],
  inputId: number,
  x: GridAxis,
  y: GridAxis,
  varied: readonly SweepAxis[],
): GridSection<J>[] {
  const own = jobs.filter((j) => j.inputId === inputId);
  const others = varied.filter((a): a is GridAxis => a !== 'input' && a !== x && a !== y);
  let combos: { fixed: FixedAxes; labels: string[] }[] = [{ fixed: {}, labels: [] }];
  for (const axis of others) {
    const values: AxisValue[] = axisValues(own, axis);
    combos = combos.flatMap((c) =>
      values.map((v) => ({ fixed: { ...c.fixed, [axis]: v.key }, labels: [...c.labels, v.label] })),
    );
  }
  const sections: GridSection<J>[] = [];
  for (const combo of combos) {
    const narrowed = narrowJobs(own, inputId, combo.fixed);
    if (narrowed.length === 0) continue;
    sections.push({ fixed: combo.fixed, title: combo.labels.join(' · '), table: buildTable(narrowed, x, y) });
  }
  return sections;
}

/** Longest input part of a grid's file name, in UTF-8 bytes. */
const INPUT_NAME_BYTES = 90;

/**
 * The `<input>` part of each input's grid file name: its name, or where two inputs share a name
 * (`a/cat.jpg`, `b/cat.jpg`; compared as a case-insensitive file system would) its relative path with
 * `_` for `/`, and the input's position as a last resort.
 */
export function gridInputNames(
  inputs: readonly { id: number; idx: number; name: string; relPath: string }[],
): Map<number, string> {
  const safe = (text: string, idx: number) => safeDirectorySegment(text, INPUT_NAME_BYTES) || `input-${idx}`;
  const byName = new Map<string, number>();
  for (const i of inputs) {
    const key = foldCase(safe(i.name, i.idx));
    byName.set(key, (byName.get(key) ?? 0) + 1);
  }
  const names = new Map<number, string>();
  const used = new Set<string>();
  for (const i of inputs) {
    let name = safe(i.name, i.idx);
    if ((byName.get(foldCase(name)) ?? 0) > 1)
      name = safe(i.relPath.replace(/\.[^./]*$/, '').replaceAll('/', '_'), i.idx);
    if (used.has(foldCase(name))) name = `${name}-${i.idx}`;
    used.add(foldCase(name));
    names.set(i.id, name);
  }
  return names;
}

/** `<input>__<x>-by-<y>.png`, the grid's file name in the batch's `grids/` folder. */
export function gridFileName(inputName: string, x: GridAxis, y: GridAxis): string {
  return `${inputName}__${x}-by-${y}.png`;
}
