/**
 * Keeps several react-zoom-pan-pinch panes on one transform: whichever pane the user zooms or pans,
 * the others follow, and the buttons and keys (finer steps of x1.25 around the view's centre, "fit",
 * "1:1") move them all. A re-entrancy flag stops the followers' own change callbacks from echoing back.
 * Panes are keyed by position, so stepping to another seed swaps the image under an unchanged transform.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactZoomPanPinchRef } from 'react-zoom-pan-pinch';
import { stepZoom, ZOOM_MAX, ZOOM_MIN, zoomAround } from './compare-model';

type TransformState = { scale: number; positionX: number; positionY: number };

export interface SyncedZoom {
  /** The shared scale (a multiple of "fit"). */
  scale: number;
  /** Ref callback for pane `index`. */
  bind(index: number): (ref: ReactZoomPanPinchRef | null) => void;
  /** Pass as the pane's `onTransform`. */
  onTransform(ref: ReactZoomPanPinchRef, state: TransformState): void;
  /** One step in (1) or out (-1), around the centre of the view. */
  step(dir: 1 | -1): void;
  /** Back to "fit" (no zoom, no pan). */
  fit(): void;
  /** Zooms all panes to `scale` around the centre of the view (e.g. 1:1 = 1 / fit scale). */
  zoomTo(scale: number): void;
}

export function useSyncedZoom(): SyncedZoom {
  const panes = useRef(new Map<number, ReactZoomPanPinchRef>());
  const following = useRef(false);
  const [scale, setScale] = useState(1);

  const applyAll = useCallback((x: number, y: number, s: number) => {
    following.current = true;
    try {
      for (const ref of panes.current.values()) ref.setTransform(x, y, s, 0);
    } finally {
      following.current = false;
    }
    setScale(s);
  }, []);

  const bind = useCallback(
    (index: number) => (ref: ReactZoomPanPinchRef | null) => {
      if (!ref) {
        panes.current.delete(index);
        return;
      }
      panes.current.set(index, ref);
      // A pane that appears later (a third image) joins at the others' transform.
      const other = [...panes.current.values()].find((r) => r !== ref);
      const t = other?.state;
      if (!t) setScale(ref.state.scale);
      else if (t.scale !== ref.state.scale || t.positionX !== ref.state.positionX)
        ref.setTransform(t.positionX, t.positionY, t.scale, 0);
    },
    [],
  );
  const onTransform = useCallback((source: ReactZoomPanPinchRef, s: TransformState) => {
    if (following.current) return;
    following.current = true;
    try {
      for (const ref of panes.current.values()) {
        if (ref.instance === source.instance) continue;
        const t = ref.state;
        if (t.scale !== s.scale || t.positionX !== s.positionX || t.positionY !== s.positionY) {
          ref.setTransform(s.positionX, s.positionY, s.scale, 0);
        }
      }
    } finally {
      following.current = false;
    }
    setScale(s.scale);
  }, []);

  const zoomTo = useCallback(
    (target: number) => {
      const first = panes.current.values().next().value;
      const wrapper = first?.instance.wrapperComponent;
      if (!first || !wrapper) return;
      const t = first.state;
      const next = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, target));
      const pos = zoomAround(
        { x: t.positionX, y: t.positionY },
        t.scale,
        next,
        wrapper.clientWidth / 2,
        wrapper.clientHeight / 2,
      );
      if (next === 1) applyAll(0, 0, 1);
      else applyAll(pos.x, pos.y, next);
    },
    [applyAll],
  );
  const step = useCallback(
    (dir: 1 | -1) => {
      const first = panes.current.values().next().value;
      if (first) zoomTo(stepZoom(first.state.scale, dir));
    },
    [zoomTo],
  );
  const fit = useCallback(() => applyAll(0, 0, 1), [applyAll]);
  return useMemo(
    () => ({ scale, bind, onTransform, step, fit, zoomTo }),
    [scale, bind, onTransform, step, fit, zoomTo],
  );
}
