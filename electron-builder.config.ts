/**
 * The installers (electron-builder): Linux AppImage + deb, Windows NSIS, macOS dmg, for the platform
 * `npm run dist` runs on (electron/launch/dist.ts passes this object to electron-builder). The package
 * holds the built app (out/) and package.json; electron-builder adds the production dependencies. Native
 * code stays outside the asar archive (sharp with its libvips, better-sqlite3), and better-sqlite3 is
 * swapped for its Electron-ABI build after packing rather than rebuilt in place, so the project's own
 * node_modules stays on Node's ABI. test/integration/desktop/builder-config.test.ts validates this file.
 */
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { putElectronNativeModules } from './electron/launch/after-pack';
import { ICON_DIR } from './electron/launch/make-icons';
import { APP_ID } from './electron/main/app-identity';

const config: Configuration = {
  appId: APP_ID,
  // productName and version come from package.json.
  copyright: 'Copyright © Sweep Studio contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  asarUnpack: ['node_modules/sharp/**', 'node_modules/@img/**', 'node_modules/better-sqlite3/**'],
  npmRebuild: false,
  afterPack: putElectronNativeModules,
  linux: {
    target: ['AppImage', 'deb'],
    icon: join(ICON_DIR, 'png'),
    category: 'Graphics',
    synopsis: 'Batch studio for image-to-image sweeps',
    maintainer: 'Sweep Studio contributors',
  },
  win: { target: ['nsis'], icon: join(ICON_DIR, 'icon.ico') },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
  mac: {
    target: ['dmg'],
    icon: join(ICON_DIR, 'icon.icns'),
    category: 'public.app-category.graphics-design',
  },
  publish: null,
};

export default config;
