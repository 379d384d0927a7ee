/**
 * The application menu: the platform's standard roles (app menu on macOS, File, Edit, View, Window),
 * a Go menu with one item per studio view (Ctrl/Cmd+1…6, from the shared view table) and a Help menu
 * with the keyboard-shortcut list, the data and log folders, and About. Studio items reach the
 * renderer as the contract's `menu:command` event.
 */
import { type MenuCommand, STUDIO_VIEWS } from '@shared/contract';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Sends a command to the studio window. */
  send(command: MenuCommand): void;
  openDataFolder(): void;
  openLogs(): void;
}

/** The menu template for `platform` (default: this one). */
export function appMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const go: MenuItemConstructorOptions[] = STUDIO_VIEWS.map((view, i) => ({
    label: view.label,
    accelerator: `CmdOrCtrl+${i + 1}`,
    click: () => actions.send({ command: 'go', view: view.name }),
  }));
  const help: MenuItemConstructorOptions[] = [
    {
      label: 'Keyboard Shortcuts',
      accelerator: 'CmdOrCtrl+/',
      click: () => actions.send({ command: 'shortcuts' }),
    },
    { type: 'separator' },
    { label: 'Open Data Folder', click: () => actions.openDataFolder() },
    { label: 'Open Logs', click: () => actions.openLogs() },
    // macOS has About in the app menu.
    ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { label: 'Go', submenu: go },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}
