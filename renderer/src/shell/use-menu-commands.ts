/**
 * The desktop application menu's studio items (Go > a view, Help > Keyboard shortcuts) arrive as the
 * contract's `menu:command` event; web mode never sends it.
 */
import { useEffect } from 'react';
import { studio } from '../api/studio-api';
import { useNav } from '../stores/nav-store';

export function useMenuCommands(toggleHelp: () => void): void {
  useEffect(
    () =>
      studio.on('menu:command', (command) => {
        if (command.command === 'go') useNav.getState().go(command.view);
        else toggleHelp();
      }),
    [toggleHelp],
  );
}
