/**
 * The studio window and the rules every web contents lives by: sandboxed, context-isolated, no Node,
 * never navigating away from the app's page, never opening windows or webviews, never granted a
 * permission. Electron's own security checklist, in one place.
 */
import { join } from 'node:path';
import { app, BrowserWindow, type Session, type WebContents } from 'electron';

/** The built files next to out/main: the preload bundle and the renderer's page. */
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');
const PAGE = join(import.meta.dirname, '../renderer/index.html');

/** Opens the studio window on the built renderer page. */
export function createStudioWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#121316',
    title: app.name,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway; belt and braces).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.loadFile(PAGE);
  return win;
}

/** Keeps `contents` on the app's page: no navigation, redirects, new windows or webviews. */
export function confineContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every web contents (the window, and any a bug or a webview might create) is confined at birth. */
export function confineAllContents(): void {
  app.on('web-contents-created', (_event, contents) => confineContents(contents));
}

/** The studio needs no camera, notifications-from-page, geolocation or anything else: all refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Brings the window to the front (a second launch, a notification click). */
export function showWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
