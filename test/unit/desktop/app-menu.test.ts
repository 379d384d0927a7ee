/**
 * The menu template on every platform, built with the Electron double's Menu (which rejects unknown
 * roles, malformed accelerators and items with neither label, role nor type, as Electron does).
 */
import { STUDIO_VIEWS } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/app-menu';
import { createElectronDouble } from '../../electron-double/index';
import { isValidAccelerator } from '../../electron-double/menu';

const ROOT = new URL('../../..', import.meta.url).pathname;
const actions = { send: () => {}, openDataFolder: () => {}, openLogs: () => {} };

describe('appMenuTemplate', () => {
  it.each(['darwin', 'linux', 'win32'] as const)(
    'builds on %s with unique, valid accelerators',
    (platform) => {
      const { Menu } = createElectronDouble({ appPath: ROOT, paths: {} });
      const template = appMenuTemplate(actions, platform);
      const menu = Menu.buildFromTemplate(template as never);
      const accelerators = menu.items
        .flatMap((i) => i.submenu?.items ?? [])
        .flatMap((i) => i.accelerator ?? []);
      expect(accelerators.length).toBe(STUDIO_VIEWS.length + 1);
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(menu.find(['help', 'Open Logs'])).toBeTruthy();
      // About sits in the app menu on macOS and at the end of Help elsewhere.
      expect(Boolean(menu.find(['help', 'about']))).toBe(platform !== 'darwin');
      expect(menu.items[0]!.role).toBe(platform === 'darwin' ? 'appMenu' : 'fileMenu');
    },
  );

  it('is checked by a validator that does reject bad accelerators', () => {
    expect(isValidAccelerator('CmdOrCtrl+1')).toBe(true);
    expect(isValidAccelerator('CmdOrCtrl+/')).toBe(true);
    expect(isValidAccelerator('Shift+F12')).toBe(true);
    expect(isValidAccelerator('Ctrl+')).toBe(false);
    expect(isValidAccelerator('Hyper+K')).toBe(false);
    expect(isValidAccelerator('CmdOrCtrl+Shift')).toBe(false);
    const { Menu } = createElectronDouble({ appPath: ROOT, paths: {} });
    expect(() => Menu.buildFromTemplate([{ role: 'frobnicate' }])).toThrow(/role/);
    expect(() => Menu.buildFromTemplate([{ click: () => {} }])).toThrow(/label, role or type/);
  });
});
