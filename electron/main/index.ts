/**
 * The Electron shell, kept thin: one hardened window, the IPC side of the contract, the media
 * protocol, native dialogs, the keychain-backed key store, taskbar progress, a notification when a
 * batch ends, single-instance lock and a graceful quit. Everything else is the plain-Node service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron';
import { electronNativeBindingPath } from '../launch/native-binding';
import { createLogger, type StudioLogger } from '../log/logger';
import { createDispatcher } from '../service/dispatcher';
import { logServiceEvents } from '../service/log-service-events';
import { type StudioService, startStudioService } from '../service/studio-service';
import { registerIpcBridge } from './ipc-bridge';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { createSafeKeyStore } from './safe-key-store';

let service: StudioService | null = null;
let window: BrowserWindow | null = null;
let quitting = false;
let logger: StudioLogger | null = null;

registerMediaScheme();

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
      // Middle-click would otherwise try to open links in a new window (denied anyway; belt and braces).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

function nativeBinding(): string | undefined {
  // Built by `npm start` (electron/launch/electron-native.ts); packaged builds rebuild node_modules instead.
  const root = app.getAppPath();
  const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  return app.isPackaged ? undefined : electronNativeBindingPath(root, version);
}

/** Taskbar progress over all running batches, and a notification when one ends. */
function watchBatches(studio: StudioService): void {
  const announced = new Set<string>();
  studio.on('jobs:changed', ({ batches }) => {
    for (const b of batches) {
      if (
        (b.state === 'completed' || b.state === 'cancelled') &&
        !announced.has(b.id) &&
        Notification.isSupported()
      ) {
        announced.add(b.id);
        const failed = b.counts.failed ? `, ${b.counts.failed} failed` : '';
        new Notification({
          title: `Sweep ${b.state}`,
          body: `${b.name}: ${b.counts.completed} done${failed}`,
        }).show();
      }
    }
    const running = studio
      .engine()
      .listBatches()
      .filter((s) => s.batch.state === 'running');
    const total = running.reduce((n, s) => n + s.total, 0);
    const done = running.reduce((n, s) => n + s.done, 0);
    window?.setProgressBar(total === 0 ? -1 : done / total);
  });
}

/** Every web contents (the window, and any a bug or a webview might create) stays on the app's page. */
function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function boot(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const dataDir = process.env.STUDIO_DATA_DIR || app.getPath('userData');
  logger = createLogger({ dataDir, stderr: !app.isPackaged });
  service = await startStudioService({
    shell: 'electron',
    dataDir,
    log: logger,
    nativeBinding: nativeBinding(),
    keyStore: createSafeKeyStore(app.getPath('userData')),
    platform: {
      pickFolder: async (purpose) => {
        const result = await dialog.showOpenDialog({
          title: purpose === 'inputs' ? 'Choose images or folders' : 'Choose the output folder',
          properties:
            purpose === 'inputs'
              ? ['openDirectory', 'openFile', 'multiSelections']
              : ['openDirectory', 'createDirectory'],
        });
        return result.canceled ? null : result.filePaths;
      },
      pickPng: async () => {
        const result = await dialog.showOpenDialog({
          title: 'Open a PNG to re-run',
          properties: ['openFile'],
          filters: [{ name: 'PNG images', extensions: ['png'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      reveal: async (path, open) => {
        if (open) return (await shell.openPath(path)) === '';
        shell.showItemInFolder(path);
        return true;
      },
    },
  });
  handleMediaProtocol(service);
  logServiceEvents(logger, service);
  const log = logger;
  const dispatch = createDispatcher(service.handlers, (err, method) =>
    log.error({ err, method }, `${method} failed`),
  );
  // Only the studio window's own top frame may call the API (no iframe, no other contents).
  registerIpcBridge(
    ipcMain,
    dispatch,
    service,
    () => window?.webContents ?? null,
    (event) => event.sender === window?.webContents && event.senderFrame === event.sender.mainFrame,
  );
  watchBatches(service);
  window = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  lockDownContents();
  app
    .whenReady()
    .then(boot)
    .catch((err) => {
      // Without this a failed start (say, a journal from a newer version) leaves no window and no trace.
      logger?.fatal({ err }, 'studio failed to start');
      dialog.showErrorBox('Sweep Studio could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  // Graceful quit: stop submitting, let submits in the air record their request ids, close the journal.
  app.on('before-quit', (event) => {
    if (quitting || !service) return;
    event.preventDefault();
    quitting = true;
    // Bounded: a hung request must not keep the app from quitting (its request id, if any, is stored).
    const deadline = new Promise((resolve) => setTimeout(resolve, 20_000));
    Promise.race([service.close(), deadline]).finally(() => app.quit());
  });
}
