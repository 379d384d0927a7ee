/**
 * How the grid's list is laid out in rows, without holding its jobs: only each segment's size (the whole
 * filtered list, or one input's part when grouping; see stores/job-window.ts) is needed, so a 100,000-job
 * batch lays out from a few numbers. Positions are *global indexes*: segments one after another. Card
 * rows name the range of their segment they show; the grid reads those jobs from the store's pages.
 */
import type { InputView } from '@shared/contract';
import type { Segment } from '../../stores/job-window';

export type GridRow =
  | { kind: 'header'; key: string; inputId: number; input: InputView | undefined; count: number }
  | {
      kind: 'cards';
      key: string;
      /** The segment's key, and the range [start, end) of it this row shows. */
      segment: string;
      start: number;
      end: number;
      /** Global index of `start`. */
      first: number;
    };

export interface LaidSegment {
  key: string;
  total: number;
  /** Global index of the segment's first item. */
  offset: number;
  /** Row index of its first card row. */
  firstRow: number;
}

export interface GridLayout {
  rows: GridRow[];
  columns: number;
  /** Items over all segments. */
  total: number;
  segments: LaidSegment[];
}

/** Lays the segments out in rows of `columns` cards, with a header row per input when they are inputs. */
export function layoutRows(
  segments: readonly Segment[],
  columns: number,
  inputs: readonly InputView[],
): GridLayout {
  const cols = Math.max(1, Math.floor(columns));
  const inputById = new Map(inputs.map((i) => [i.id, i]));
  const rows: GridRow[] = [];
  const laid: LaidSegment[] = [];
  let offset = 0;
  for (const seg of segments) {
    if (seg.total <= 0) continue;
    if (seg.inputId !== null) {
      rows.push({
        kind: 'header',
        key: `h${seg.inputId}`,
        inputId: seg.inputId,
        input: inputById.get(seg.inputId),
        count: seg.total,
      });
    }
    laid.push({ key: seg.key, total: seg.total, offset, firstRow: rows.length });
    for (let start = 0; start < seg.total; start += cols) {
      rows.push({
        kind: 'cards',
        key: `${seg.key}:${start}`,
        segment: seg.key,
        start,
        end: Math.min(seg.total, start + cols),
        first: offset + start,
      });
    }
    offset += seg.total;
  }
  return { rows, columns: cols, total: offset, segments: laid };
}

export interface Cell {
  segment: string;
  /** Index inside the segment. */
  index: number;
  row: number;
  col: number;
}

/** Where global index `at` sits; null outside the list. */
export function locate(layout: GridLayout, at: number): Cell | null {
  if (!Number.isInteger(at) || at < 0 || at >= layout.total) return null;
  const segs = layout.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.offset <= at) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo]!;
  const index = at - seg.offset;
  return {
    segment: seg.key,
    index,
    row: seg.firstRow + Math.floor(index / layout.columns),
    col: index % layout.columns,
  };
}

/** The global index reached from `from` by an arrow key; null when there is nowhere to go. */
export function moveCursor(
  layout: GridLayout,
  from: number | null,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End',
): number | null {
  if (layout.total === 0) return null;
  const at = from === null ? null : locate(layout, from);
  if (!at || from === null || key === 'Home') return 0;
  if (key === 'End') return layout.total - 1;
  if (key === 'ArrowLeft') return Math.max(0, from - 1);
  if (key === 'ArrowRight') return Math.min(layout.total - 1, from + 1);
  const step = key === 'ArrowUp' ? -1 : 1;
  for (let r = at.row + step; r >= 0 && r < layout.rows.length; r += step) {
    const row = layout.rows[r]!;
    if (row.kind === 'cards') return row.first + Math.min(at.col, row.end - row.start - 1);
  }
  return null;
}
