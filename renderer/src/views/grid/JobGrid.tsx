/**
 * The virtualised live grid: rows of cards at the chosen thumbnail size (only the rows on screen exist in
 * the DOM, and only their pages of jobs are held; see stores/job-window.ts), optional header rows per
 * input, and the keyboard cursor the virtualiser keeps in view. Click opens a card's detail; Ctrl/⌘-click
 * (or the checkbox, or Space) picks it for compare; Shift-click picks a range.
 */

import type { InputView, JobView } from '@shared/contract';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api/media-url';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';
import { jobAt, PAGE_SIZE, pageKey, pagesCovering } from '../../stores/job-window';
import { sweepAroundJob } from '../../stores/sweep-around';
import { type GridLayout, type GridRow, locate } from './grid-layout';
import { MAX_PICKS, useGridUi } from './grid-ui-store';
import { JobCard, PlaceholderCard } from './JobCard';

export const GAP = 12;
/** Height of a card below its square thumbnail: meta line, input line, prompt line. */
const META_HEIGHT = 68;
const HEADER_HEIGHT = 52;
/** Rows rendered beyond the screen, and pages read ahead of it. */
const OVERSCAN_ROWS = 2;

/** Columns that fit `width` with cards at least `cardSize` wide. */
export function columnsFor(width: number, cardSize: number): number {
  return Math.max(1, Math.floor((width + GAP) / (cardSize + GAP)));
}

export interface JobGridProps {
  layout: GridLayout;
  onWidth(width: number): void;
}

/** The job at global index `at` if its page is held. */
export function jobAtIndex(layout: GridLayout, at: number): JobView | undefined {
  const cell = locate(layout, at);
  return cell ? jobAt(useBatchStore.getState().pages, cell.segment, cell.index) : undefined;
}

/** One row of cards; memoised, so a delta or a scroll re-renders only rows whose page or place changed. */
const CardRow = memo(function CardRow({
  row,
  top,
  height,
  cardWidth,
  columns,
  handlers,
}: {
  row: Extract<GridRow, { kind: 'cards' }>;
  top: number;
  height: number;
  cardWidth: number;
  columns: number;
  handlers: CardHandlers;
}) {
  const first = Math.floor(row.start / PAGE_SIZE);
  const last = Math.floor((row.end - 1) / PAGE_SIZE);
  const pageA = useBatchStore((s) => s.pages.get(pageKey(row.segment, first)));
  const pageB = useBatchStore((s) => (last === first ? undefined : s.pages.get(pageKey(row.segment, last))));
  const cursorIndex = useGridUi((s) => s.cursorIndex);
  const picked = useGridUi((s) => s.picked);
  const backend = useApp((s) => (s.info.status === 'ready' ? s.info.value.backend : null));
  const inputs = useBatchStore((s) => s.inputs);
  const cells = [];
  for (let i = row.start; i < row.end; i += 1) {
    const page = Math.floor(i / PAGE_SIZE) === first ? pageA : pageB;
    const job = page?.[i % PAGE_SIZE];
    const at = row.first + (i - row.start);
    cells.push(
      job ? (
        <JobCard
          key={job.id}
          job={job}
          index={at}
          backend={backend}
          input={inputNamed(inputs, job.inputId)}
          active={at === cursorIndex}
          picked={picked.includes(job.id)}
          onPick={handlers.onPick}
          onOpen={handlers.onOpen}
          onTogglePick={handlers.onTogglePick}
          onSweepAround={handlers.onSweepAround}
        />
      ) : (
        <PlaceholderCard key={`p${at}`} />
      ),
    );
  }
  return (
    <div
      className="job-row"
      style={{
        transform: `translateY(${top}px)`,
        height,
        gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)`,
      }}
    >
      {cells}
    </div>
  );
});

const inputIndexes = new WeakMap<readonly InputView[], Map<number, InputView>>();
/** The input with `id` from the batch's list (indexed once per list). */
function inputNamed(inputs: readonly InputView[], id: number): InputView | undefined {
  let byId = inputIndexes.get(inputs);
  if (!byId) {
    byId = new Map(inputs.map((i) => [i.id, i]));
    inputIndexes.set(inputs, byId);
  }
  return byId.get(id);
}

interface CardHandlers {
  onPick(job: JobView, index: number, event: MouseEvent): void;
  onOpen(job: JobView, index: number): void;
  onTogglePick(job: JobView): void;
  onSweepAround(job: JobView): void;
}

export const JobGrid = memo(function JobGrid({ layout, onWidth }: JobGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const cursorIndex = useGridUi((s) => s.cursorIndex);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const w = el.clientWidth - 2 * GAP;
      setWidth(w);
      onWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onWidth]);

  const { columns, rows } = layout;
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : 200;
  const cardRow = Math.round(cardWidth + META_HEIGHT + GAP);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_HEIGHT : cardRow),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: OVERSCAN_ROWS,
    // Let React batch scroll renders with store updates instead of forcing one render per scroll event.
    useFlushSync: false,
  });
  // The row height follows the window width and card size; tell the virtualiser when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cardRow and rows are the triggers, not inputs.
  useEffect(() => virtualizer.measure(), [virtualizer, cardRow, rows]);

  const cursorRow = cursorIndex === null ? undefined : locate(layout, cursorIndex)?.row;
  useEffect(() => {
    if (cursorRow !== undefined) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [cursorRow, virtualizer]);

  // Hold the pages of the rows on screen, plus one page either side so scrolling rarely waits.
  const items = virtualizer.getVirtualItems();
  const wanted = new Set<string>();
  for (const item of items) {
    const row = rows[item.index];
    if (row?.kind !== 'cards') continue;
    const seg = layout.segments.find((s) => s.key === row.segment);
    if (!seg) continue;
    for (const key of pagesCovering(seg, row.start - PAGE_SIZE / 2, row.end + PAGE_SIZE / 2)) wanted.add(key);
  }
  const wantedKey = [...wanted].sort().join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: wantedKey stands for wanted.
  useEffect(() => useBatchStore.getState().showPages([...wanted]), [wantedKey]);

  // Cards get stable callbacks (a fresh layout on every delta must not re-render every card).
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const onPick = useCallback((job: JobView, index: number, event: MouseEvent) => {
    const ui = useGridUi.getState();
    if (event.shiftKey && ui.cursorIndex !== null) {
      const [a, b] = ui.cursorIndex < index ? [ui.cursorIndex, index] : [index, ui.cursorIndex];
      const ids: number[] = [];
      for (let i = a; i <= b && ids.length < MAX_PICKS; i += 1) {
        const held = jobAtIndex(layoutRef.current, i);
        if (held) ids.push(held.id);
      }
      ui.setPicked(ids);
    } else if (event.ctrlKey || event.metaKey) {
      ui.togglePick(job.id);
    } else {
      ui.openDetail(job.id);
    }
    ui.setCursor(index, job.id);
  }, []);
  const onOpen = useCallback((job: JobView, index: number) => {
    useGridUi.getState().setCursor(index, job.id);
    useGridUi.getState().openDetail(job.id);
  }, []);
  const onTogglePick = useCallback((job: JobView) => useGridUi.getState().togglePick(job.id), []);
  const onSweepAround = useCallback((job: JobView) => void sweepAroundJob(job), []);
  const handlers = useRef<CardHandlers>({ onPick, onOpen, onTogglePick, onSweepAround }).current;

  return (
    <div className="job-grid-scroll" ref={scrollRef} data-testid="job-grid">
      <div className="job-grid-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const style = { transform: `translateY(${item.start}px)`, height: item.size };
          if (row.kind === 'header') {
            return (
              <div key={item.key} className="job-group-header" style={style}>
                <img src={mediaUrl({ kind: 'input-thumb', id: row.inputId })} alt="" />
                <strong>{row.input?.name ?? `input ${row.inputId}`}</strong>
                <span className="muted">
                  {row.input?.width && row.input.height ? `${row.input.width}×${row.input.height} · ` : ''}
                  {row.count.toLocaleString()} jobs
                </span>
              </div>
            );
          }
          return (
            <CardRow
              key={item.key}
              row={row}
              top={item.start}
              height={item.size}
              cardWidth={cardWidth}
              columns={columns}
              handlers={handlers}
            />
          );
        })}
      </div>
    </div>
  );
});
