/**
 * The virtualised live grid: rows of cards sized to the window width (only the rows on screen exist in
 * the DOM), optional header rows per input, click / shift-click / ctrl-click selection and a keyboard
 * cursor that the virtualiser keeps in view.
 */

import type { JobView } from '@shared/contract';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api/media-url';
import { sweepAroundJob } from '../../stores/sweep-around';
import type { GridLayout } from './grid-model';
import { useGridUi } from './grid-ui-store';
import { JobCard } from './JobCard';

const MIN_CARD = 200;
const GAP = 12;
const META_HEIGHT = 50;
const HEADER_HEIGHT = 52;

/** Columns that fit `width` with cards at least MIN_CARD wide. */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (MIN_CARD + GAP)));
}

export interface JobGridProps {
  layout: GridLayout;
  columns: number;
  onWidth(width: number): void;
}

export function JobGrid({ layout, columns, onWidth }: JobGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const cursorId = useGridUi((s) => s.cursorId);
  const picked = useGridUi((s) => s.picked);

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

  const cardWidth = columns > 0 && width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_CARD;
  const cardRow = Math.round(cardWidth + META_HEIGHT + GAP);
  const { rows } = layout;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_HEIGHT : cardRow),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 2,
    // Let React batch scroll renders with store updates instead of forcing one render per scroll event.
    useFlushSync: false,
  });
  // The row height follows the window width; tell the virtualiser when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cardRow is the trigger, not an input.
  useEffect(() => virtualizer.measure(), [virtualizer, cardRow]);

  const cursorRow = cursorId === null ? undefined : layout.cellOf.get(cursorId)?.row;
  useEffect(() => {
    if (cursorRow !== undefined) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [cursorRow, virtualizer]);

  // Cards get stable callbacks (a fresh layout on every delta must not re-render every card).
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const onPick = useCallback((job: JobView, event: MouseEvent) => {
    const layout = layoutRef.current;
    const ui = useGridUi.getState();
    if (event.shiftKey && ui.cursorId !== null) {
      const from = layout.cellOf.get(ui.cursorId)?.index ?? 0;
      const to = layout.cellOf.get(job.id)?.index ?? 0;
      const [a, b] = from < to ? [from, to] : [to, from];
      ui.setPicked(layout.order.slice(a, b + 1).map((j) => j.id));
    } else if (event.ctrlKey || event.metaKey) {
      ui.togglePick(job.id);
    }
    ui.setCursor(job.id);
  }, []);
  const onOpen = useCallback((job: JobView) => {
    useGridUi.getState().setCursor(job.id);
    useGridUi.getState().openDetail(job.id);
  }, []);
  const onTogglePick = useCallback((job: JobView) => useGridUi.getState().togglePick(job.id), []);
  const onSweepAround = useCallback((job: JobView) => void sweepAroundJob(job), []);

  return (
    <div className="job-grid-scroll" ref={scrollRef} data-testid="job-grid">
      <div className="job-grid-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
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
            <div
              key={item.key}
              className="job-row"
              style={{ ...style, gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)` }}
            >
              {row.jobs.map((job) => (
                <JobCard
                  key={job.id}
                  job={job}
                  active={job.id === cursorId}
                  picked={picked.includes(job.id)}
                  onPick={onPick}
                  onOpen={onOpen}
                  onTogglePick={onTogglePick}
                  onSweepAround={onSweepAround}
                />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
