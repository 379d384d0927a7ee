/**
 * Makes sure out/main, out/preload and out/renderer are built from the current sources before the
 * desktop harness loads them: `npm test` builds before vitest, but a developer running these files
 * alone may have a stale or missing out/. Builds at most once at a time across parallel test files
 * (a lock folder), and only when a source under electron/, shared/ or renderer/ is newer than the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUILT_MAIN = join(ROOT, 'out/main/index.js');
export const BUILT_PRELOAD = join(ROOT, 'out/preload/index.cjs');
export const BUILT_PAGE = join(ROOT, 'out/renderer/index.html');
const OUTPUTS = [BUILT_MAIN, BUILT_PRELOAD, BUILT_PAGE];
const SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
const LOCK = join(ROOT, 'node_modules/.cache/sweep-studio-build.lock');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!OUTPUTS.every((file) => existsSync(file))) return false;
  const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs));
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= built);
}

async function withLock<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + 180_000;
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds out/ with electron-vite unless it is up to date. */
export async function ensureBuiltShell(): Promise<void> {
  if (isFresh()) return;
  await withLock(() => {
    if (isFresh()) return;
    const cli = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
    const built = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stderr}${built.stdout}`);
  });
}
