/**
 * better-sqlite3 is a native module: Node (tests, CLI, web mode) needs the Node ABI build that `npm ci`
 * compiles into node_modules, Electron needs one built against Electron's headers. Rather than rebuild
 * node_modules back and forth, the Electron build lives in its own cache folder and the journal is
 * opened with better-sqlite3's `nativeBinding` option pointing at it. A packaged app carries its
 * Electron-ABI build in its own (unpacked) node_modules instead (see electron-builder.config.cjs).
 */
import { join } from 'node:path';

/** Where node-gyp gets Electron's headers to build native modules for its ABI (needs the internet). */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Where the Electron-ABI better_sqlite3.node for this Electron version, platform and arch lives. */
export function electronNativeBindingPath(
  projectRoot: string,
  electronVersion: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return join(
    projectRoot,
    '.cache',
    'electron-native',
    `${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

export interface NativeBindingContext {
  /** The Electron runtime's version (`process.versions.electron`); undefined on plain Node. */
  electronVersion: string | undefined;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`: the project root when run unpackaged. */
  appPath: string;
}

/**
 * The better-sqlite3 binary for the running ABI, or undefined for the one in node_modules: on plain
 * Node (the shell under its test double) and in a packaged app, whose node_modules was built for
 * Electron while packaging; only an unpackaged Electron run needs the cached Electron-ABI build.
 */
export function nativeBindingFor(context: NativeBindingContext): string | undefined {
  if (!context.electronVersion || context.isPackaged) return undefined;
  return electronNativeBindingPath(context.appPath, context.electronVersion);
}
