/**
 * Keys for compare: [ ] step every compared job to the previous / next seed, { } to the previous /
 * next style (the source image stays), 0 fits, 1 is 1:1, + / - zoom, S toggles swipe, Esc returns to
 * the grid.
 * Registered with the help overlay.
 */

import type { JobView, SweepAxisName } from '@shared/contract';
import { useEffect } from 'react';
import { isTypingTarget, registerShortcuts } from '../../shell/shortcut-registry';
import { useNav } from '../../stores/nav-store';
import { neighbour } from './compare-model';
import type { SyncedZoom } from './use-synced-zoom';

export const COMPARE_SHORTCUTS = [
  { keys: ['[', ']'], what: 'Previous / next seed for every compared image' },
  { keys: ['{', '}'], what: 'Previous / next style for every compared image' },
  { keys: ['0'], what: 'Fit (reset zoom and pan in all panes)' },
  { keys: ['z'], what: '1:1 (one image pixel per screen pixel; 1-5 rate, as in Lightroom)' },
  { keys: ['+', '-'], what: 'Zoom in / out by 25 % (all panes follow; mouse wheel and drag too)' },
  { keys: ['s'], what: 'Swipe slider on / off (two images)' },
  { keys: ['Esc'], what: 'Back to the grid' },
];

const STEPS: Record<string, [SweepAxisName, 1 | -1]> = {
  '[': ['seed', -1],
  ']': ['seed', 1],
  '{': ['style', -1],
  '}': ['style', 1],
};

export function useCompareKeys(o: {
  /** A compared job, by id (undefined while it loads). */
  jobById(id: number): JobView | undefined;
  /** The jobs a step may land on: the compared job's input's jobs. */
  siblingsOf(job: JobView): readonly JobView[];
  canSwipe: boolean;
  toggleSwipe(): void;
  zoom: SyncedZoom;
  /** Zooms to one image pixel per screen pixel. */
  oneToOne(): void;
}): void {
  const { jobById, siblingsOf, canSwipe, toggleSwipe, zoom, oneToOne } = o;
  useEffect(() => registerShortcuts('Compare', COMPARE_SHORTCUTS), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const nav = useNav.getState();
      const step = STEPS[e.key];
      if (step) {
        const ids = nav.compare.jobIds.map((id) => {
          const job = jobById(id);
          return job ? neighbour(siblingsOf(job), job, step[0], step[1]).id : id;
        });
        nav.openCompare(ids, nav.compare.includeInputId);
      } else if (e.key === '0') zoom.fit();
      else if (e.key === 'z' || e.key === 'Z') oneToOne();
      else if (e.key === '+' || e.key === '=') zoom.step(1);
      else if (e.key === '-') zoom.step(-1);
      else if ((e.key === 's' || e.key === 'S') && canSwipe) toggleSwipe();
      else if (e.key === 'Escape') nav.go('grid');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [jobById, siblingsOf, canSwipe, toggleSwipe, zoom, oneToOne]);
}
