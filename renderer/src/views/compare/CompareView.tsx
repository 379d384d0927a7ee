/**
 * Compare: 2-4 images side by side (the source input may be one of them) with synchronised zoom and
 * pan, or for two images a swipe slider. Keys step every compared job to its sweep neighbour:
 * [ ] previous / next seed, { } previous / next style; S toggles swipe, 0 resets the zoom, + / - zoom,
 * Esc goes back to the grid.
 */

import { resolutionLabel } from '@shared/catalogue';
import type { JobView, MediaRef } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
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
import { useCompareKeys } from './use-compare-keys';
import { useSyncedZoom } from './use-synced-zoom';
import './compare.css';

/** The library sizes its boxes to the content; panes must fill their cell instead. */
const FILL = { width: '100%', height: '100%' };

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

export function CompareView() {
  const { batchId, compare, go } = useNav(
    useShallow((s) => ({ batchId: s.batchId, compare: s.compare, go: s.go })),
  );
  const { jobs, inputs, load, open } = useBatchStore(
    useShallow((s) => ({ jobs: s.jobs, inputs: s.inputs, load: s.load, open: s.open })),
  );
  useEffect(() => open(batchId), [batchId, open]);
  const [swipe, setSwipe] = useState(false);
  const [split, setSplit] = useState(50);
  const zoom = useSyncedZoom();

  const items = useMemo(() => {
    const byId = new Map(jobs.map((j) => [j.id, j]));
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
      const job = byId.get(id);
      if (job) list.push(jobItem(job));
    }
    return list.slice(0, 4);
  }, [jobs, inputs, compare]);

  const canSwipe = items.length === 2;
  const swiping = swipe && canSwipe;
  useCompareKeys({ jobs, canSwipe, toggleSwipe: () => setSwipe((s) => !s), zoom });
  // Rating keys rate the pane under the pointer (the first result until the pointer moves over one).
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = items.find((i) => i.key === activeKey && i.job) ?? items.find((i) => i.job);
  const [ratingError, setRatingError] = useState<string | null>(null);
  useRatingKeys({
    target: () => (active?.job ? [active.job] : []),
    zeroIsTaken: true,
    onError: setRatingError,
  });

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
          <Button size="sm" onClick={() => zoom.all((r) => r.zoomOut(0.4, 0))} aria-label="Zoom out">
            −
          </Button>
          <Button size="sm" onClick={() => zoom.all((r) => r.resetTransform(0))} kbd="0">
            Fit
          </Button>
          <Button size="sm" onClick={() => zoom.all((r) => r.zoomIn(0.4, 0))} aria-label="Zoom in">
            +
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
        <div className="cmp-swipe" data-testid="compare-swipe">
          <div className="cmp-labels">
            <span>{items[0]!.title}</span>
            <span>{items[1]!.title}</span>
          </div>
          <TransformWrapper minScale={1} maxScale={16} doubleClick={{ mode: 'reset' }}>
            <TransformComponent
              wrapperClass="cmp-stage"
              contentClass="cmp-content"
              wrapperStyle={FILL}
              contentStyle={FILL}
            >
              <img
                className="cmp-img"
                src={mediaUrl(items[1]!.media)}
                alt={items[1]!.title}
                draggable={false}
              />
              <img
                className="cmp-img cmp-top"
                src={mediaUrl(items[0]!.media)}
                alt={items[0]!.title}
                style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
                draggable={false}
              />
            </TransformComponent>
          </TransformWrapper>
          <input
            className="cmp-slider"
            type="range"
            min={0}
            max={100}
            value={split}
            onChange={(e) => setSplit(Number(e.target.value))}
            aria-label="Swipe position"
          />
        </div>
      ) : (
        <div className={`cmp-panes cmp-n${items.length}`}>
          {items.map((item, i) => (
            <figure
              key={item.key}
              className={`cmp-pane${item === active ? ' is-active' : ''}`}
              data-testid="compare-pane"
              data-active={item === active || undefined}
              onMouseEnter={() => item.job && setActiveKey(item.key)}
            >
              <TransformWrapper
                ref={zoom.bind(i)}
                onTransform={zoom.onTransform}
                minScale={1}
                maxScale={16}
                doubleClick={{ mode: 'reset' }}
              >
                <TransformComponent
                  wrapperClass="cmp-stage"
                  contentClass="cmp-content"
                  wrapperStyle={FILL}
                  contentStyle={FILL}
                >
                  <img className="cmp-img" src={mediaUrl(item.media)} alt={item.title} draggable={false} />
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
        style · <kbd>0</kbd> fit · <kbd>+</kbd> <kbd>-</kbd> zoom{canSwipe ? ' · S swipe' : ''} · <kbd>P</kbd>{' '}
        <kbd>X</kbd> <kbd>1</kbd>–<kbd>5</kbd> rate the pane under the pointer · <kbd>Esc</kbd> back to the
        grid
      </p>
    </section>
  );
}
