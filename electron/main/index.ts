/**
 * The Electron shell, kept thin: one hardened window, the IPC side of the contract, and lifecycle.
 * Everything else is the plain-Node studio service, shared with web mode and tests.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/contract';
import { createDispatcher } from '../service/dispatcher';
import { type StudioService, startStudioService } from '../service/studio-service';

let service: StudioService | null = null;
let window: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#121316',
    title: 'Sweep Studio',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

async function boot(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  service = await startStudioService({ shell: 'electron', dataDir: app.getPath('userData') });
  const dispatch = createDispatcher(service.handlers, (err, method) => console.error(`[${method}]`, err));
  for (const name of METHOD_NAMES) ipcMain.handle(name, (_event, args) => dispatch(name, args));
  for (const name of EVENT_NAMES) service.on(name, (payload) => window?.webContents.send(name, payload));
  window = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(boot);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    service?.close();
  });
}
