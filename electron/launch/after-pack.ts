/**
 * electron-builder's afterPack step: the packaged app must open its journal with a better-sqlite3
 * built for Electron's ABI, but the project's node_modules keeps the Node build (tests, CLI, web mode
 * need it), so `npmRebuild` is off and this step puts the Electron build, made by electron-native.ts
 * into .cache/electron-native/, over the copy in the package's unpacked node_modules. The packaged
 * shell then loads it the usual way (nativeBindingFor answers undefined when packaged).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AfterPackContext, Arch } from 'electron-builder';
import { electronNativeBindingPath } from './native-binding';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where better-sqlite3's binary sits in a package, relative to its resources folder. */
export const PACKAGED_SQLITE_BINARY =
  'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

export async function putElectronNativeModules(context: AfterPackContext): Promise<void> {
  const arch = Arch[context.arch];
  if (context.electronPlatformName !== process.platform || arch !== process.arch) {
    throw new Error(
      `cannot package for ${context.electronPlatformName}-${arch} on ${process.platform}-${process.arch}: ` +
        'better-sqlite3 is compiled for the machine it is built on; run `npm run dist` on such a machine',
    );
  }
  const built = electronNativeBindingPath(ROOT, context.packager.info.framework.version);
  if (!existsSync(built)) {
    throw new Error(`${built} is missing: \`npm run dist\` builds it (electron/launch/electron-native.ts)`);
  }
  const target = join(context.packager.getResourcesDir(context.appOutDir), PACKAGED_SQLITE_BINARY);
  if (!existsSync(target)) throw new Error(`${target} is missing: is better-sqlite3 in asarUnpack?`);
  copyFileSync(built, target);
}
