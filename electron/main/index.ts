/**
 * The Electron shell, kept thin: one hardened window (window.ts), the IPC side of the contract, the
 * media protocol, the keychain-backed key store, the application menu, taskbar progress and batch
 * notifications (batch-watch.ts), single-instance lock and a bounded graceful quit (quit.ts).
 * Everything else is the plain-Node service. test/integration/desktop runs this file, built, under
 * an Electron double.
 */
import { dirname } from 'node:path';
import { STUDIO_VERSION } from '@shared/version';
import { app, type BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { resolveDataDir } from '../db';
import { nativeBindingFor } from '../launch/native-binding';
import { createLogger, type StudioLogger } from '../log/logger';
import { createDispatcher } from '../service/dispatcher';
import { logServiceEvents } from '../service/log-service-events';
import { type StudioService, startStudioService } from '../service/studio-service';
import { APP_ID } from './app-identity';
import { appMenuTemplate } from './app-menu';
import { watchBatches } from './batch-watch';
import { registerIpcBridge } from './ipc-bridge';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { desktopHooks } from './platform-hooks';
import { gracefulQuit } from './quit';
import { createSafeKeyStore } from './safe-key-store';
import { confineAllContents, createStudioWindow, denyAllPermissions, showWindow } from './window';

let service: StudioService | null = null;
let window: BrowserWindow | null = null;
let logger: StudioLogger | null = null;

registerMediaScheme();

function openWindow(): void {
  const win = createStudioWindow();
  win.on('closed', () => {
    if (window === win) window = null;
  });
  window = win;
}

async function boot(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  // The same folder as the CLI and web mode (STUDIO_DATA_DIR wins); Electron's own profile stays in userData.
  const dataDir = resolveDataDir();
  const log = createLogger({ dataDir, stderr: !app.isPackaged });
  logger = log;
  service = await startStudioService({
    shell: 'electron',
    dataDir,
    log: logger,
    nativeBinding: nativeBindingFor({
      electronVersion: process.versions.electron,
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
    }),
    keyStore: createSafeKeyStore(app.getPath('userData')),
    platform: desktopHooks(),
  });
  handleMediaProtocol(service);
  logServiceEvents(log, service);
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
  watchBatches(service, () => window);
  app.setAboutPanelOptions({ applicationName: app.name, applicationVersion: STUDIO_VERSION });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        send: (command) => {
          if (window && !window.isDestroyed()) window.webContents.send('menu:command', command);
        },
        openDataFolder: () => void shell.openPath(dataDir),
        openLogs: () => void shell.openPath(dirname(log.file)),
      }),
    ),
  );
  openWindow();
  log.info({ version: STUDIO_VERSION, dataDir, backend: service.backend().kind }, 'desktop studio started');
}

if (!app.requestSingleInstanceLock()) {
  // Another studio is running: it comes to the front (its 'second-instance' below), this one leaves.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => showWindow(window));
  confineAllContents();
  app
    .whenReady()
    .then(boot)
    .catch((err) => {
      // Without this a failed start (say, a journal from a newer version) leaves no window and no trace.
      logger?.fatal({ err }, 'studio failed to start');
      dialog.showErrorBox(`${app.name} could not start`, err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
  // macOS keeps an app without windows in the Dock (a batch may still be running); the Dock icon reopens it.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (service && !window) openWindow();
  });
  app.on(
    'before-quit',
    gracefulQuit({
      close: async () => {
        await service?.close();
        logger?.info('studio stopped');
      },
      quit: () => app.quit(),
      onProblem: (problem, err) => logger?.warn({ err }, `graceful stop ${problem}`),
    }),
  );
}
