/**
 * Before `npm run dist` spends a minute building: can this machine get what packaging downloads? The
 * Electron release zip (electron-builder fetches it, honouring ELECTRON_MIRROR / ELECTRON_CUSTOM_DIR,
 * unless it is in the Electron cache) and, for the Electron-ABI better-sqlite3, Electron's headers.
 * Answers one readable line per problem, so dist can fail with exactly that line.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ELECTRON_HEADERS_URL } from './native-binding';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

export interface Target {
  version: string;
  platform: NodeJS.Platform;
  arch: string;
}

export function electronZipName({ version, platform, arch }: Target): string {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/** The URL electron-builder downloads the Electron zip from. */
export function electronZipUrl(target: Target, env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env.ELECTRON_MIRROR || DEFAULT_MIRROR;
  const dir = env.ELECTRON_CUSTOM_DIR || `v${target.version}`;
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}${dir}/${electronZipName(target)}`;
}

/** The headers tarball node-gyp fetches to build for Electron. */
export function electronHeadersUrl(version: string): string {
  return `${ELECTRON_HEADERS_URL}/v${version}/node-v${version}-headers.tar.gz`;
}

/** The Electron download cache folder (ELECTRON_CACHE, else the platform's cache folder). */
export function electronCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

/** The cached Electron zip for `target` (in the cache folder or one level below it), or null. */
export function cachedElectronZip(target: Target, cacheDir: string): string | null {
  const name = electronZipName(target);
  if (existsSync(join(cacheDir, name))) return join(cacheDir, name);
  if (!existsSync(cacheDir)) return null;
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(cacheDir, entry.name, name)))
      return join(cacheDir, entry.name, name);
  }
  return null;
}

/** null when `url` answers 2xx to HEAD (redirects followed) within `timeoutMs`, else why not. */
export async function unreachable(url: string, timeoutMs = 15_000): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (err as Error).message;
  }
}
