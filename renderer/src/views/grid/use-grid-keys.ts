/**
 * Keyboard for the grid, active while the grid is on screen: arrows / Home / End move the cursor,
 * Enter opens the detail, Space picks for compare, C compares the picks, M opens the matrix, Esc
 * closes the detail and then clears the picks. Keys typed into a field are left alone.
 */
import { useEffect } from 'react';
import { useNav } from '../../stores/nav-store';
import { type GridLayout, moveCursor } from './grid-model';
import { useGridUi } from './grid-ui-store';

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** True when the key belongs to a text field or control, not to the grid. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    target.isContentEditable ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    (tag === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox')
  );
}

export function useGridKeys(layout: GridLayout): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const ui = useGridUi.getState();
      if (MOVES.has(e.key)) {
        const next = moveCursor(layout, ui.cursorId, e.key as 'ArrowLeft');
        if (next) {
          ui.setCursor(next.id);
          if (ui.detailJobId !== null) ui.openDetail(next.id);
        }
      } else if (e.key === 'Enter' && ui.cursorId !== null) {
        ui.openDetail(ui.cursorId);
      } else if (e.key === ' ' && ui.cursorId !== null) {
        ui.togglePick(ui.cursorId);
      } else if (e.key === 'Escape') {
        if (ui.detailJobId !== null) ui.openDetail(null);
        else if (ui.picked.length > 0) ui.setPicked([]);
        else return;
      } else if ((e.key === 'c' || e.key === 'C') && ui.picked.length > 0) {
        const first = layout.order.find((j) => j.id === ui.picked[0]);
        const withSource = ui.picked.length === 1 && first ? first.inputId : null;
        useNav.getState().openCompare(ui.picked, withSource);
      } else if (e.key === 'm' || e.key === 'M') {
        useNav.getState().go('matrix');
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [layout]);
}
