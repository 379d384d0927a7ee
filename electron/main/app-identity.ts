/**
 * The desktop app's identity, one home for the shell and the installers (electron-builder.config.ts):
 * the reverse-DNS id Windows ties notifications and taskbar entries to, and macOS its bundle id.
 * The product name lives in package.json (`productName`), where Electron and electron-builder read it.
 */
export const APP_ID = 'app.sweepstudio.desktop';
