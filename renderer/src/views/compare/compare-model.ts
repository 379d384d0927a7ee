/**
 * Compare's pure helpers: stepping a compared job to its neighbour in the sweep (the job whose
 * parameters are identical except the next / previous value on one axis, wrapping around), the zoom
 * ladder and read-out, and the pane layout that makes the images as large as the view allows.
 */
import type { JobView, SweepAxisName } from '@shared/contract';
import { AXIS_ORDER, axisKey, axisValues } from '@shared/sweep';

const AXES: readonly SweepAxisName[] = AXIS_ORDER;

/** The job's values on every axis but `axis`: jobs sharing it differ only on `axis`. */
function signature(job: JobView, axis: SweepAxisName): string {
  return AXES.filter((a) => a !== axis)
    .map((a) => axisKey(job, a))
    .join('\u0000');
}

/** The neighbour of `job` one step (`+1` / `-1`) along `axis` among `jobs`; the job itself when none. */
export function neighbour(
  jobs: readonly JobView[],
  job: JobView,
  axis: SweepAxisName,
  step: 1 | -1,
): JobView {
  const sig = signature(job, axis);
  const siblings = jobs.filter((j) => signature(j, axis) === sig);
  const values = axisValues(siblings, axis);
  if (values.length < 2) return job;
  const at = values.findIndex((v) => v.key === axisKey(job, axis));
  const target = values[(at + step + values.length) % values.length]!.key;
  return siblings.find((j) => axisKey(j, axis) === target) ?? job;
}

/** One zoom step multiplies (or divides) the scale by this. */
export const ZOOM_STEP = 1.25;
/** Zoom bounds, as a multiple of "fit". */
export const ZOOM_MIN = 1;
export const ZOOM_MAX = 32;

/** The scale one step in or out (`dir` 1 / -1) from `scale`, kept in [min, max]; lands on 1 when it passes it. */
export function stepZoom(scale: number, dir: 1 | -1, min = ZOOM_MIN, max = ZOOM_MAX): number {
  const next = scale * ZOOM_STEP ** dir;
  if ((scale < 1 && next > 1) || (scale > 1 && next < 1)) return 1;
  return Math.min(max, Math.max(min, Math.round(next * 1000) / 1000));
}

/** Where the content must sit so the point under `(cx, cy)` in the view stays put when scale goes `from` -> `to`. */
export function zoomAround(
  pos: { x: number; y: number },
  from: number,
  to: number,
  cx: number,
  cy: number,
): { x: number; y: number } {
  return { x: cx - ((cx - pos.x) * to) / from, y: cy - ((cy - pos.y) * to) / from };
}

/** The scale at which an image of `natural` size fits a `box` (object-fit: contain); 1 when either is unknown. */
export function fitScale(natural: { w: number; h: number }, box: { w: number; h: number }): number {
  if (natural.w <= 0 || natural.h <= 0 || box.w <= 0 || box.h <= 0) return 1;
  return Math.min(box.w / natural.w, box.h / natural.h);
}

/** The zoom read-out: image pixels per screen pixel, in percent, at `scale` times "fit". */
export function zoomPercent(scale: number, fit: number): number {
  return Math.round(scale * fit * 100);
}

/**
 * Columns and rows for `n` panes in a `width` x `height` area that make each image (of `aspect` = w/h,
 * plus `captionPx` of caption under it) as large as possible; on a tie, the layout with fewer empty cells.
 */
export function bestGrid(
  n: number,
  width: number,
  height: number,
  aspect = 1,
  gap = 8,
  captionPx = 44,
): { cols: number; rows: number } {
  let best = { cols: Math.max(1, n), rows: 1, size: -1, empty: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols += 1) {
    const rows = Math.ceil(n / cols);
    const cellW = (width - gap * (cols - 1)) / cols;
    const cellH = (height - gap * (rows - 1)) / rows - captionPx;
    // The image's displayed width in the cell (contain).
    const size = Math.min(cellW, cellH * aspect);
    const empty = cols * rows - n;
    if (size > best.size + 0.5 || (Math.abs(size - best.size) <= 0.5 && empty < best.empty))
      best = { cols, rows, size, empty };
  }
  return { cols: best.cols, rows: best.rows };
}
