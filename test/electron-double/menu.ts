/**
 * `Menu` double. `buildFromTemplate` checks each item as Electron does: it needs a label, a role or a
 * type; a role must be one Electron knows; an accelerator must parse (modifiers, then one key code).
 * Items keep their click handlers so a test can "click" a menu path.
 */
import type { DoubleState } from './state';

/** MenuItem roles (electron.d.ts, MenuItemConstructorOptions.role). */
const ROLES = new Set(
  (
    'undo redo cut copy paste pasteAndMatchStyle delete selectAll reload forceReload toggleDevTools resetZoom ' +
    'zoomIn zoomOut toggleSpellChecker togglefullscreen window minimize close help about services hide ' +
    'hideOthers unhide quit showSubstitutions toggleSmartQuotes toggleSmartDashes toggleTextReplacement ' +
    'startSpeaking stopSpeaking zoom front appMenu fileMenu editMenu viewMenu shareMenu recentDocuments ' +
    'toggleTabBar selectNextTab selectPreviousTab showAllTabs mergeAllWindows clearRecentDocuments ' +
    'moveTabToNewWindow windowMenu'
  ).split(' '),
);
const TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);
const MODIFIERS = new Set(
  'command cmd control ctrl commandorcontrol cmdorctrl alt option altgr shift super meta'.split(' '),
);
const NAMED_KEYS = new Set(
  (
    'plus space tab capslock numlock scrolllock backspace delete insert return enter up down left right home ' +
    'end pageup pagedown escape esc volumeup volumedown volumemute medianexttrack mediaprevioustrack ' +
    'mediastop mediaplaypause printscreen numdec numadd numsub nummult numdiv'
  ).split(' '),
);

/** True when `accelerator` is valid Electron accelerator syntax. */
export function isValidAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" style; a literal '+' key is spelt Plus.
  if (parts.some((p) => p === '')) return false;
  const key = parts.pop()!.toLowerCase();
  if (!parts.every((p) => MODIFIERS.has(p.toLowerCase()))) return false;
  return (
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    /^[)!@#$%^&*(:;<=,_\->.?/~`{}[\]|\\"']$/.test(key) ||
    NAMED_KEYS.has(key)
  );
}

export interface MenuItemDouble {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuDouble;
}

export class MenuDouble {
  constructor(readonly items: MenuItemDouble[]) {}

  /** Control: the item at a label path, e.g. ['Help', 'Open Logs'] (roles match their name too). */
  find(path: string[]): MenuItemDouble | null {
    let items = this.items;
    let found: MenuItemDouble | null = null;
    for (const name of path) {
      found = items.find((i) => i.label === name || i.role === name) ?? null;
      if (!found) return null;
      items = found.submenu?.items ?? [];
    }
    return found;
  }
}

function buildItem(template: Record<string, unknown>): MenuItemDouble {
  const { label, role, type, accelerator, submenu } = template as Record<string, never>;
  if (!label && !role && !type) {
    throw new Error('Invalid template for MenuItem: must have at least one of label, role or type');
  }
  if (role && !ROLES.has(role)) throw new Error(`Invalid role for MenuItem: ${role}`);
  if (type && !TYPES.has(type)) throw new Error(`Invalid type for MenuItem: ${type}`);
  if (accelerator !== undefined && !isValidAccelerator(accelerator)) {
    throw new Error(`Invalid accelerator for MenuItem: ${accelerator}`);
  }
  const sub = submenu as unknown;
  return {
    ...(template as MenuItemDouble),
    submenu: Array.isArray(sub) ? buildMenu(sub) : (sub as MenuDouble | undefined),
  };
}

function buildMenu(template: Record<string, unknown>[]): MenuDouble {
  return new MenuDouble(template.map(buildItem));
}

export interface MenuClass {
  new (items: MenuItemDouble[]): MenuDouble;
  buildFromTemplate(template: Record<string, unknown>[]): MenuDouble;
  setApplicationMenu(menu: MenuDouble | null): void;
  getApplicationMenu(): MenuDouble | null;
}

export function menuClass(state: DoubleState): MenuClass {
  let applicationMenu: MenuDouble | null = null;
  return class Menu extends MenuDouble {
    static buildFromTemplate(template: Record<string, unknown>[]): MenuDouble {
      return buildMenu(template);
    }
    static setApplicationMenu(menu: MenuDouble | null): void {
      state.record('Menu.setApplicationMenu');
      applicationMenu = menu;
    }
    static getApplicationMenu(): MenuDouble | null {
      return applicationMenu;
    }
  };
}
