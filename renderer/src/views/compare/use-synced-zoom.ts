/**
 * Keeps several react-zoom-pan-pinch panes on one transform: whichever pane the user zooms or pans,
 * the others follow. A re-entrancy flag stops the followers' own change callbacks from echoing back.
 */
import { useCallback, useRef } from 'react';
import type { ReactZoomPanPinchRef } from 'react-zoom-pan-pinch';

export interface SyncedZoom {
  /** Ref callback for pane `index`. */
  bind(index: number): (ref: ReactZoomPanPinchRef | null) => void;
  /** Pass as the pane's `onTransform`. */
  onTransform(
    ref: ReactZoomPanPinchRef,
    state: { scale: number; positionX: number; positionY: number },
  ): void;
  /** Applies a change to every pane (reset, zoom in / out). */
  all(action: (ref: ReactZoomPanPinchRef) => void): void;
}

export function useSyncedZoom(): SyncedZoom {
  const panes = useRef(new Map<number, ReactZoomPanPinchRef>());
  const following = useRef(false);
  const bind = useCallback(
    (index: number) => (ref: ReactZoomPanPinchRef | null) => {
      if (ref) panes.current.set(index, ref);
      else panes.current.delete(index);
    },
    [],
  );
  const onTransform = useCallback(
    (source: ReactZoomPanPinchRef, s: { scale: number; positionX: number; positionY: number }) => {
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
    },
    [],
  );
  const all = useCallback((action: (ref: ReactZoomPanPinchRef) => void) => {
    following.current = true;
    try {
      for (const ref of panes.current.values()) action(ref);
    } finally {
      following.current = false;
    }
  }, []);
  return { bind, onTransform, all };
}
