/**
 * better-sqlite3 is a native module: Node (tests, CLI, web mode) needs the Node ABI build that `npm ci`
 * compiles into node_modules, Electron needs one built against Electron's headers. Rather than rebuild
 * node_modules back and forth, the Electron build lives in its own cache folder and the journal is
 * opened with better-sqlite3's `nativeBinding` option pointing at it.
 */
import { join } from 'node:path';

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
