/**
 * The desktop application menu's studio items (Go > a view, Help > Keyboard shortcuts) arrive as the
 * contract's `menu:command` event; web mode never sends it. Navigation goes through the nav store; the
 * help overlay belongs to the shell, so it is handed in.
 */
import { studio } from '../api/studio-api';
import { useNav } from './nav-store';

/** Follows menu commands until the returned function is called. */
export function subscribeMenuCommands(toggleHelp: () => void): () => void {
  return studio.on('menu:command', (command) => {
    if (command.command === 'go') useNav.getState().go(command.view);
    else toggleHelp();
  });
}
