/**
 * Starts the built desktop shell (out/main/index.js) under the Electron double, the way Electron
 * would: the main script runs, then `ready` fires and the shell opens its window. Each launch gets a
 * fresh double, substituted for the `electron` module of a fresh copy of the shell module (so a test
 * can restart the app, or start a second instance beside a first), its own folders under `dir`, and no
 * SEGMIND_API_KEY unless the test sets one. The renderer
 * side is the built preload run in a vm context (test/electron-double/preload-runner.ts) with the
 * contract's client on top, exactly what the React app uses.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStudioClient, type StudioClient } from '@shared/contract';
import type { Transport } from '@shared/contract/client-factory';
import { vi } from 'vitest';
import {
  createElectronDouble,
  type ElectronDouble,
  type ElectronDoubleOptions,
} from '../../electron-double/index';
import { runPreload } from '../../electron-double/preload-runner';
import type { FrameDouble, WindowDouble } from '../../electron-double/windows';
import { BUILT_MAIN, ensureBuiltShell, ROOT } from './built-shell';

export interface LaunchOptions extends Partial<Omit<ElectronDoubleOptions, 'appPath' | 'paths'>> {
  /** Parent folder for this app's data (`data/`) and Electron folders (`appData/`, `userData/`). */
  dir: string;
  /** Extra environment for this launch (applied before the shell runs, kept until the next launch). */
  env?: Record<string, string | undefined>;
  /** Wait for the window. Default true (false for launches expected to stop before opening one). */
  expectWindow?: boolean;
}

export interface ShellRun {
  double: ElectronDouble;
  dataDir: string;
  userDataDir: string;
  window: WindowDouble | null;
  /** Runs the window's preload and returns the page's view of the bridge. */
  renderer(frame?: FrameDouble): Renderer;
  /** Asks the app to quit (as Cmd+Q does) and resolves with its exit code. */
  quit(): Promise<number>;
}

export interface Renderer {
  world: Record<string, unknown>;
  transport: Transport;
  client: StudioClient;
}

/** The env the shell reads; each launch starts from a clean slate for these. */
const SHELL_ENV = ['SEGMIND_API_KEY', 'SEGMIND_BASE_URL', 'STUDIO_DATA_DIR', 'STUDIO_LOG_LEVEL'];

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One keychain secret per test file: restarts of "the same machine" can decrypt what they stored. */
export const MACHINE_KEYCHAIN = randomBytes(32);

export async function launchShell(options: LaunchOptions): Promise<ShellRun> {
  await ensureBuiltShell();
  const { dir, env = {}, expectWindow = true, ...doubleOptions } = options;
  const dataDir = join(dir, 'data');
  const appData = join(dir, 'appData');
  const userDataDir = join(dir, 'userData');
  for (const folder of [appData, userDataDir]) mkdirSync(folder, { recursive: true });
  for (const name of SHELL_ENV) delete process.env[name];
  Object.assign(process.env, { STUDIO_DATA_DIR: dataDir, ...env });
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];

  const double = createElectronDouble({
    keychainSecret: MACHINE_KEYCHAIN,
    ...doubleOptions,
    appPath: ROOT,
    paths: { appData, userData: userDataDir, home: dir, temp: join(dir, 'tmp'), logs: join(dir, 'logs') },
  });
  // A fresh copy of the shell bound to this double: `import … from 'electron'` in out/main gets it.
  vi.resetModules();
  vi.doMock('electron', () => double.electron);
  await import(BUILT_MAIN);
  double.app.emitReady();
  if (expectWindow) {
    await until(() => double.window() !== null || double.state.exitCode !== null, 'the studio window');
  }
  return {
    double,
    dataDir,
    userDataDir,
    window: double.window(),
    renderer(frame) {
      const win = double.window();
      if (!win) throw new Error('no window');
      const world = runPreload(double, win, frame);
      const transport = world.studioTransport as Transport;
      return { world, transport, client: createStudioClient(transport) };
    },
    async quit() {
      double.app.quit();
      return double.exited;
    },
  };
}
