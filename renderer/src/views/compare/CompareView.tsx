/**
 * Compare: 2-4 images (the source input may be one of them) laid out to be as large as the view allows
 * (four square images make a 2x2 grid on a wide screen), with one shared zoom and pan — finer steps, a
 * percentage read-out, "Fit" and "1:1" — or for two images a swipe divider. Keys step every compared job
 * to its sweep neighbour: [ ] previous / next seed, { } previous / next style; the panes keep their zoom.
 * The compared jobs and their inputs' jobs (for the steps) are read by the batch store, not the batch.
 */

import { resolutionLabel } from '@shared/catalogue';
import type { JobView, MediaRef } from '@shared/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TransformComponent, TransformWrapper } from 'react-zoom-pan-pinch';
import { useShallow } from 'zustand/react/shallow';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { RatingControl } from '../../components/RatingControl';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { useRatings } from '../../stores/ratings-store';
import { sweepAroundJob } from '../../stores/sweep-around';
import { useRatingKeys } from '../ratings/use-rating-keys';
import { bestGrid, fitScale, ZOOM_MAX, ZOOM_MIN, zoomPercent } from './compare-model';
import { SwipeCompare } from './SwipeCompare';
import { useCompareKeys } from './use-compare-keys';
import { useSyncedZoom } from './use-synced-zoom';
import './compare.css';

/** The library sizes its boxes to the content; panes must fill their cell instead. */
const FILL = { width: '100%', height: '100%' };
const NO_JOBS: readonly JobView[] = [];

export interface CompareItem {
  key: string;
  media: MediaRef;
  title: string;
  detail: string;
  job: JobView | null;
}

function jobItem(job: JobView): CompareItem {
  return {
    key: `job-${job.id}`,
    media: job.hasOutput ? { kind: 'output', id: job.id } : { kind: 'input', id: job.inputId },
    title: `seed ${job.seed} · ${job.style.replace('_', ' ')}`,
    detail: `${resolutionLabel(job.resolution)} · weight ${job.imageWeight} · ${job.hasOutput ? job.prompt : `(${job.state})`}`,
    job,
  };
}

/** Reads the compared jobs, and every job of their inputs (for the seed / style steps), into the store. */
function useCompareJobs(batchId: string | null, jobIds: readonly number[]) {
  const { inputs, load, open, pinned, inputJobs } = useBatchStore(
    useShallow((s) => ({
      inputs: s.inputs,
      load: s.load,
      open: s.open,
      pinned: s.pinned,
      inputJobs: s.inputJobs,
    })),
  );
  useEffect(() => open(batchId), [batchId, open]);
  useEffect(() => useBatchStore.getState().pin('compare', jobIds), [jobIds]);
  const jobById = useCallback(
    (id: number): JobView | undefined => {
      if (pinned[id]) return pinned[id];
      for (const list of Object.values(inputJobs)) {
        const found = list.find((j) => j.id === id);
        if (found) return found;
      }
      return undefined;
    },
    [pinned, inputJobs],
  );
  const inputIds = [...new Set(jobIds.map((id) => jobById(id)?.inputId).filter((i) => i !== undefined))];
  const inputKey = inputIds.sort((a, b) => a - b).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: inputKey stands for inputIds.
  useEffect(() => {
    if (load.status === 'ready' && inputKey) void useBatchStore.getState().loadInputJobs(inputIds);
  }, [inputKey, load.status]);
  const siblingsOf = useCallback((job: JobView) => inputJobs[job.inputId] ?? NO_JOBS, [inputJobs]);
  return { inputs, load, jobById, siblingsOf };
}

export function CompareView() {
  const { batchId, compare, go } = useNav(
    useShallow((s) => ({ batchId: s.batchId, compare: s.compare, go: s.go })),
  );
  const { inputs, load, jobById, siblingsOf } = useCompareJobs(batchId, compare.jobIds);
  const [swipe, setSwipe] = useState(false);
  const zoom = useSyncedZoom();
  const panesRef = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState({ w: 0, h: 0 });
  const [natural, setNatural] = useState({ w: 0, h: 0 });

  const items = useMemo(() => {
    const list: CompareItem[] = [];
    if (compare.includeInputId !== null) {
      const input = inputs.find((i) => i.id === compare.includeInputId);
      list.push({
        key: `input-${compare.includeInputId}`,
        media: { kind: 'input', id: compare.includeInputId },
        title: 'Source',
        detail: input ? `${input.name}${input.width ? ` · ${input.width}×${input.height}` : ''}` : '',
        job: null,
      });
    }
    for (const id of compare.jobIds) {
      const job = jobById(id);
      if (job) list.push(jobItem(job));
    }
    return list.slice(0, 4);
  }, [jobById, inputs, compare]);

  const canSwipe = items.length === 2;
  const swiping = swipe && canSwipe;
  // The read-out follows the first result (outputs share a size; the source may differ).
  const measured = Math.max(
    0,
    items.findIndex((i) => i.job !== null),
  );
  const grid = bestGrid(items.length, area.w, area.h, natural.w > 0 ? natural.w / natural.h : 1);
  const cell = {
    w: (area.w - 8 * (grid.cols - 1)) / grid.cols,
    h: (area.h - 8 * (grid.rows - 1)) / grid.rows - 44,
  };
  const [swipeFit, setSwipeFit] = useState(1);
  const fit = swiping ? swipeFit : fitScale(natural, cell);
  const oneToOne = useCallback(() => zoom.zoomTo(1 / fit), [zoom, fit]);
  useCompareKeys({ jobById, siblingsOf, canSwipe, toggleSwipe: () => setSwipe((s) => !s), zoom, oneToOne });
  // Rating keys rate the pane under the pointer (the first result until the pointer moves over one).
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = items.find((i) => i.key === activeKey && i.job) ?? items.find((i) => i.job);
  const [ratingError, setRatingError] = useState<string | null>(null);
  useRatingKeys({
    target: () => (active?.job ? [active.job] : []),
    zeroIsTaken: true,
    onError: setRatingError,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the panes element comes and goes with these.
  useEffect(() => {
    const el = panesRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setArea({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [swiping, load.status, items.length === 0]);

  if (compare.jobIds.length === 0) {
    return (
      <EmptyState
        title="Nothing to compare"
        action={<Button onClick={() => go('grid')}>Back to the grid</Button>}
      >
        Pick 2-4 cards in the grid (Space, Ctrl-click or the checkbox) and press C, or use “Compare with
        source” in a job’s detail.
      </EmptyState>
    );
  }
  if (load.status === 'error')
    return (
      <EmptyState title="Could not load the batch" tone="error">
        {load.message}
      </EmptyState>
    );
  if (load.status !== 'ready' || items.length === 0)
    return <div className="cmp-loading muted">Loading images…</div>;

  return (
    <section className="compare-view" data-testid="compare-view">
      <div className="cmp-toolbar">
        <Button size="sm" variant="ghost" onClick={() => go('grid')}>
          ← Grid
        </Button>
        <span className="muted">{items.length} images · scroll to zoom, drag to pan (all panes follow)</span>
        <div className="cmp-tools">
          <Button
            size="sm"
            onClick={() => zoom.step(-1)}
            aria-label="Zoom out"
            disabled={zoom.scale <= ZOOM_MIN}
          >
            −
          </Button>
          <span className="cmp-zoom mono" data-testid="zoom-readout" title="Image pixels per screen pixel">
            {zoomPercent(zoom.scale, fit)}%
          </span>
          <Button
            size="sm"
            onClick={() => zoom.step(1)}
            aria-label="Zoom in"
            disabled={zoom.scale >= ZOOM_MAX}
          >
            +
          </Button>
          <Button size="sm" onClick={zoom.fit} kbd="0">
            Fit
          </Button>
          <Button size="sm" onClick={oneToOne} kbd="1" title="One image pixel per screen pixel">
            1:1
          </Button>
          {canSwipe && (
            <Button
              size="sm"
              variant={swiping ? 'primary' : 'secondary'}
              onClick={() => setSwipe(!swipe)}
              kbd="S"
            >
              Swipe
            </Button>
          )}
        </div>
      </div>
      {swiping ? (
        <SwipeCompare left={items[0]!} right={items[1]!} zoom={zoom} onFit={setSwipeFit} />
      ) : (
        <div
          ref={panesRef}
          className={`cmp-panes cmp-n${items.length}`}
          style={{
            gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
          }}
          data-testid="compare-panes"
          data-cols={grid.cols}
          data-rows={grid.rows}
        >
          {items.map((item, i) => (
            // Keyed by position: a step to another seed swaps the image under the same transform.
            <figure
              // biome-ignore lint/suspicious/noArrayIndexKey: the pane is the position, not the image.
              key={i}
              className={`cmp-pane${item === active ? ' is-active' : ''}`}
              data-testid="compare-pane"
              data-item={item.key}
              data-active={item === active || undefined}
              onMouseEnter={() => item.job && setActiveKey(item.key)}
            >
              <TransformWrapper
                ref={zoom.bind(i)}
                onTransform={zoom.onTransform}
                minScale={ZOOM_MIN}
                maxScale={ZOOM_MAX}
                doubleClick={{ mode: 'reset' }}
              >
                <TransformComponent
                  wrapperClass="cmp-stage"
                  contentClass="cmp-content"
                  wrapperStyle={FILL}
                  contentStyle={FILL}
                >
                  <img
                    className="cmp-img"
                    src={mediaUrl(item.media)}
                    alt={item.title}
                    draggable={false}
                    onLoad={(e) =>
                      i === measured &&
                      setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
                    }
                  />
                </TransformComponent>
              </TransformWrapper>
              <figcaption>
                <strong>{item.title}</strong>
                <span className="muted" title={item.detail}>
                  {item.detail}
                </span>
                {item.job && (item.job.state === 'completed' || item.job.state === 'skipped_duplicate') && (
                  <RatingControl
                    rating={item.job}
                    onChange={(patch) =>
                      item.job &&
                      useRatings
                        .getState()
                        .rate([item.job], patch)
                        .catch((e: Error) => setRatingError(e.message))
                    }
                  />
                )}
                {item.job && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => item.job && sweepAroundJob(item.job)}
                    title="Sweep around this result"
                    data-testid="compare-sweep-around"
                  >
                    Sweep around…
                  </Button>
                )}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      {ratingError && (
        <p className="error small" role="alert">
          {ratingError}
        </p>
      )}
      <p className="cmp-hint muted">
        <kbd>[</kbd> <kbd>]</kbd> previous / next seed · <kbd>{'{'}</kbd> <kbd>{'}'}</kbd> previous / next
        style · <kbd>0</kbd> fit · <kbd>Z</kbd> 1:1 · <kbd>+</kbd> <kbd>-</kbd> zoom
        {canSwipe ? ' · S swipe' : ''} · <kbd>P</kbd> <kbd>X</kbd> <kbd>1</kbd>–<kbd>5</kbd> rate the pane
        under the pointer · <kbd>Esc</kbd> back to the grid
      </p>
    </section>
  );
}
