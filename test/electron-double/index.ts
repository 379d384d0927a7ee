/**
 * A faithful double of the Electron main-process API the studio's shell uses, so the *built* shell
 * (out/main/index.js) runs under plain Node: app lifecycle, BrowserWindow / webContents, protocol and
 * net, ipcMain, safeStorage, session, dialog, Notification, shell, Menu and powerSaveBlocker. Each part
 * follows Electron's documented behaviour (electron.d.ts and the API docs), including its refusals:
 * windows, sessions and protocol handlers only after `ready`, privileged schemes only before it,
 * safeStorage unavailable until it. Tests substitute `electron` with `vi.doMock(…, () => double.electron)`.
 */
import { AppDouble } from './app';
import { createDialog, createPowerSaveBlocker, createShell, notificationClass } from './desktop';
import { IpcMainDouble } from './ipc';
import { menuClass } from './menu';
import { net, ProtocolDouble } from './protocol';
import { createSafeStorage, createSessionModule } from './security';
import { DoubleState, type ElectronDoubleOptions } from './state';
import { browserWindowClass, type WindowDouble } from './windows';

export type { ElectronDoubleOptions } from './state';
export type { WebContentsDouble, WindowDouble } from './windows';

export function createElectronDouble(options: ElectronDoubleOptions) {
  const state = new DoubleState(options);
  const app = new AppDouble(state);
  const protocol = new ProtocolDouble(state);
  const ipcMain = new IpcMainDouble();
  const session = createSessionModule(state);
  const electron = {
    app,
    BrowserWindow: browserWindowClass(state, app),
    protocol,
    net,
    ipcMain,
    session,
    safeStorage: createSafeStorage(state),
    dialog: createDialog(state),
    Notification: notificationClass(state),
    shell: createShell(state),
    Menu: menuClass(state),
    powerSaveBlocker: createPowerSaveBlocker(state),
  };
  return {
    /** The `electron` module as the shell imports it. */
    electron,
    state,
    ...electron,
    /** The first open window (the studio opens one), or null. */
    window: (): WindowDouble | null => state.windows[0] ?? null,
    /** Resolves with the exit code once the app quit or exited. */
    exited: state.exited,
  };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
