/**
 * Keyboard for the grid, active while the grid is on screen: arrows / Home / End move the cursor,
 * Enter opens the detail, Space picks for compare, C compares the picks, Esc
 * closes the detail and then clears the picks. Keys typed into a field are left alone.
 */
import { useEffect } from 'react';
import { isTypingTarget, registerShortcuts } from '../../shell/shortcut-registry';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { type GridLayout, moveCursor } from './grid-layout';
import { useGridUi } from './grid-ui-store';
import { jobAtIndex } from './JobGrid';

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** What the help overlay lists for the grid. */
export const GRID_SHORTCUTS = [
  { keys: ['←', '→', '↑', '↓'], what: 'Move between cards (Home / End: first / last)' },
  { keys: ['Enter'], what: 'Open the job detail (arrows then follow in the detail)' },
  {
    keys: ['Space'],
    what: 'Pick / unpick the card for compare (also Ctrl/⌘-click, Shift-click for a range)',
  },
  { keys: ['c'], what: 'Compare the picked cards (one pick: with its source image)' },
  { keys: ['Esc'], what: 'Close the detail, then clear the picks' },
];

export function useGridKeys(layout: GridLayout): void {
  useEffect(() => registerShortcuts('Grid', GRID_SHORTCUTS), []);
  useEffect(() => {
    // `g` starts the shell's navigation sequences (g c = composer); the key after it is not ours.
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'g') gAt = Date.now();
      if (e.key === 'g' || Date.now() - gAt < 1200) return;
      const ui = useGridUi.getState();
      const cursorJob = () => (ui.cursorIndex === null ? undefined : jobAtIndex(layout, ui.cursorIndex));
      if (MOVES.has(e.key)) {
        const next = moveCursor(layout, ui.cursorIndex, e.key as 'ArrowLeft');
        if (next !== null) {
          const job = jobAtIndex(layout, next);
          ui.setCursor(next, job?.id ?? null);
          if (ui.detailJobId !== null && job) ui.openDetail(job.id);
        }
      } else if (e.key === 'Enter' && cursorJob()) {
        ui.openDetail(cursorJob()!.id);
      } else if (e.key === ' ' && cursorJob()) {
        ui.togglePick(cursorJob()!.id);
      } else if (e.key === 'Escape') {
        if (ui.detailJobId !== null) ui.openDetail(null);
        else if (ui.picked.length > 0) ui.setPicked([]);
        else return;
      } else if ((e.key === 'c' || e.key === 'C') && ui.picked.length > 0) {
        const first = ui.picked.length === 1 ? useBatchStore.getState().findJob(ui.picked[0]!) : undefined;
        useNav.getState().openCompare(ui.picked, first ? first.inputId : null);
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [layout]);
}
