/**
 * The studio's views (navigation order, labels, `g`-sequence keys) and the commands the desktop
 * application menu sends to the renderer as the `menu:command` event. One table: the renderer's
 * navigation, its keyboard shortcuts and the menu's items all derive from it.
 */

export const STUDIO_VIEWS = [
  { name: 'composer', label: 'Composer', key: 'c' },
  { name: 'grid', label: 'Grid', key: 'g' },
  { name: 'matrix', label: 'Matrix', key: 'm' },
  { name: 'compare', label: 'Compare', key: 'x' },
  { name: 'history', label: 'History', key: 'h' },
  { name: 'settings', label: 'Settings', key: 's' },
] as const;

export type ViewName = (typeof STUDIO_VIEWS)[number]['name'];

export interface StudioViewEntry {
  name: ViewName;
  label: string;
  /** Second key of the `g <key>` navigation sequence. */
  key: string;
}

/** What a menu item asks the renderer to do: go to a view, or toggle the keyboard-shortcut list. */
export type MenuCommand = { command: 'go'; view: ViewName } | { command: 'shortcuts' };
