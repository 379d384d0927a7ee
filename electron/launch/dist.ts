/**
 * `npm run dist`: the installer(s) for this platform, into dist/ (Linux: AppImage + deb, Windows: NSIS,
 * macOS: dmg; see electron-builder.config.ts). Needs the internet: electron-builder downloads Electron
 * itself, and better-sqlite3 is compiled against Electron's headers. Where those downloads cannot
 * happen it stops before building anything, with one line saying so.
 *
 * Steps: preflight (dist-preflight.ts) -> electron-vite build -> icons from build/icon.svg ->
 * better-sqlite3 for Electron's ABI (electron-native.ts) -> electron-builder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'electron-builder';
import config from '../../electron-builder.config';
import {
  cachedElectronZip,
  electronCacheDir,
  electronHeadersUrl,
  electronZipUrl,
  type Target,
  unreachable,
} from './dist-preflight';
import { makeIcons } from './make-icons';
import { electronNativeBindingPath } from './native-binding';

const ROOT = resolve(import.meta.dirname, '../..');

function fail(line: string): never {
  console.error(`[sweep-studio] dist: ${line}`);
  process.exit(1);
}

function run(label: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) fail(`${label} failed (exit ${result.status}); its output is above.`);
}

const target: Target = {
  version: JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version,
  platform: process.platform,
  arch: process.arch,
};

if (!cachedElectronZip(target, electronCacheDir())) {
  const url = electronZipUrl(target);
  const why = await unreachable(url);
  if (why) {
    fail(
      `cannot download Electron ${target.version} for ${target.platform}-${target.arch} (${url}: ${why}); ` +
        'building installers needs the internet (or ELECTRON_MIRROR, or the zip in the Electron cache).',
    );
  }
}
if (!existsSync(electronNativeBindingPath(ROOT, target.version))) {
  const url = electronHeadersUrl(target.version);
  const why = await unreachable(url);
  if (why) fail(`cannot download Electron ${target.version}'s headers for better-sqlite3 (${url}: ${why}).`);
}

console.log('[sweep-studio] dist: building the app…');
run('electron-vite build', [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
await makeIcons();
console.log('[sweep-studio] dist: better-sqlite3 for Electron…');
run('better-sqlite3 for Electron', [
  join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
  join(ROOT, 'electron/launch/electron-native.ts'),
]);
try {
  const artifacts = await build({ projectDir: ROOT, config, publish: 'never' });
  console.log(`[sweep-studio] dist: ${artifacts.filter((a) => !a.endsWith('.blockmap')).join(', ')}`);
} catch (err) {
  fail(`electron-builder failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
}
