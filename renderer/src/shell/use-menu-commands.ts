/** Follows the desktop menu's studio commands while the shell is mounted (see stores/menu-commands). */
import { useEffect } from 'react';
import { subscribeMenuCommands } from '../stores/menu-commands';

export function useMenuCommands(toggleHelp: () => void): void {
  useEffect(() => subscribeMenuCommands(toggleHelp), [toggleHelp]);
}
