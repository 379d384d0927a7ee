/**
 * Swipe compare for two images: the second image under the first, the first clipped at a divider the
 * artist drags (or moves with the arrow keys). The images sit in a frame sized to the image's own
 * aspect inside the stage, so the clip, the divider line and its handle are measured against the same
 * box and always line up, at any zoom.
 */
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { TransformComponent, TransformWrapper } from 'react-zoom-pan-pinch';
import { mediaUrl } from '../../api/media-url';
import type { CompareItem } from './CompareView';
import { ZOOM_MAX, ZOOM_MIN } from './compare-model';
import type { SyncedZoom } from './use-synced-zoom';

const FILL = { width: '100%', height: '100%' };

/** The largest box of aspect `ratio` (w/h) inside `w` x `h`. */
function fitted(ratio: number, w: number, h: number): { w: number; h: number } {
  if (w <= 0 || h <= 0) return { w: 0, h: 0 };
  return w / h > ratio ? { w: h * ratio, h } : { w, h: w / ratio };
}

export function SwipeCompare({
  left,
  right,
  zoom,
  onFit,
}: {
  left: CompareItem;
  right: CompareItem;
  /** The view's shared zoom (the toolbar, the keys and the read-out drive this stage too). */
  zoom: SyncedZoom;
  /** Reports the scale at which the image fits, for the read-out and "1:1". */
  onFit(fit: number): void;
}) {
  const [split, setSplit] = useState(50);
  const [natural, setNatural] = useState({ w: 1, h: 1 });
  const ratio = natural.w / natural.h;
  const [stage, setStage] = useState({ w: 0, h: 0 });
  const stageRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setStage({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const box = fitted(ratio, stage.w, stage.h);
  useEffect(() => {
    if (box.w > 0) onFit(box.w / natural.w);
  }, [box.w, natural.w, onFit]);
  const moveTo = (clientX: number) => {
    const rect = frameRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    setSplit(Math.min(100, Math.max(0, ((clientX - rect.left) / rect.width) * 100)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    moveTo(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e.clientX);
  };
  const onKey = (e: KeyboardEvent) => {
    const delta = { ArrowLeft: -2, ArrowRight: 2, Home: -100, End: 100 }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    setSplit((s) => Math.min(100, Math.max(0, s + delta)));
  };

  return (
    <div className="cmp-swipe" data-testid="compare-swipe">
      <div className="cmp-labels">
        <span>◀ {left.title}</span>
        <span>{right.title} ▶</span>
      </div>
      <div className="cmp-swipe-stage" ref={stageRef}>
        <TransformWrapper
          ref={zoom.bind(0)}
          onTransform={zoom.onTransform}
          minScale={ZOOM_MIN}
          maxScale={ZOOM_MAX}
          doubleClick={{ mode: 'reset' }}
          panning={{ excluded: ['cmp-handle', 'cmp-handle-grip'] }}
        >
          <TransformComponent wrapperStyle={FILL} contentStyle={FILL} contentClass="cmp-swipe-content">
            <div
              className="cmp-swipe-frame"
              ref={frameRef}
              style={{ width: box.w, height: box.h }}
              data-testid="swipe-frame"
            >
              <img className="cmp-img" src={mediaUrl(right.media)} alt={right.title} draggable={false} />
              <img
                className="cmp-img cmp-top"
                src={mediaUrl(left.media)}
                alt={left.title}
                style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
                draggable={false}
                onLoad={(e) => {
                  const { naturalWidth: w, naturalHeight: h } = e.currentTarget;
                  if (w > 0 && h > 0) setNatural({ w, h });
                }}
              />
              <div
                className="cmp-handle"
                style={{ left: `${split}%` }}
                role="slider"
                tabIndex={0}
                aria-label="Swipe position"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(split)}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onKeyDown={onKey}
                data-testid="swipe-handle"
              >
                <span className="cmp-handle-grip" aria-hidden>
                  ⇔
                </span>
              </div>
            </div>
          </TransformComponent>
        </TransformWrapper>
      </div>
    </div>
  );
}
