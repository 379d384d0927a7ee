/**
 * Global keys: `?` toggles the help overlay, `g` then a view key navigates (g c composer, g h history…).
 * Single keys never fire while typing in a field. Registers its list with the help overlay.
 */
import { useEffect } from 'react';
import { useNav } from '../stores/nav-store';
import { isTypingTarget, registerShortcuts } from './shortcut-registry';
import { VIEWS } from './view-list';

/** How long after `g` the second key still counts. Default 1.2 s. */
const SEQUENCE_WINDOW_MS = 1200;

export function useGlobalShortcuts(toggleHelp: () => void): void {
  useEffect(
    () =>
      registerShortcuts('Everywhere', [
        { keys: ['?'], what: 'Show or hide this list' },
        ...VIEWS.map((v) => ({ keys: ['g', v.key], join: 'then' as const, what: `Go to ${v.label}` })),
        { keys: ['Esc'], what: 'Close a dialog or overlay' },
      ]),
    [],
  );

  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]:not(.help-overlay)')) return;
      if (e.key === '?') {
        e.preventDefault();
        toggleHelp();
        return;
      }
      if (gAt && Date.now() - gAt < SEQUENCE_WINDOW_MS) {
        gAt = 0;
        const target = VIEWS.find((v) => v.key === e.key.toLowerCase());
        if (target) {
          e.preventDefault();
          useNav.getState().go(target.name);
        }
        return;
      }
      if (e.key === 'g') gAt = Date.now();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleHelp]);
}
