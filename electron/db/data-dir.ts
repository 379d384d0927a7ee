/**
 * Where Sweep Studio keeps its data (the journal, thumbnails, prepared inputs): `STUDIO_DATA_DIR` when
 * set (tests and the CLI's `--data-dir` use it), otherwise the platform's per-user app-data folder.
 * Pure functions of the environment so they are testable for every platform on any platform.
 */
import os from 'node:os';
import path from 'node:path';

/** File name of the journal inside the data directory. */
export const JOURNAL_FILE_NAME = 'journal.sqlite';

/**
 * Resolves the data directory.
 * - `STUDIO_DATA_DIR` (non-empty) wins, resolved against the working directory.
 * - Windows: `%APPDATA%\Sweep Studio` (falls back to `%USERPROFILE%\AppData\Roaming`).
 * - macOS: `~/Library/Application Support/Sweep Studio`.
 * - Linux and other Unixes: `$XDG_DATA_HOME/sweep-studio` when XDG_DATA_HOME is absolute, else
 *   `~/.local/share/sweep-studio`.
 * @param env defaults to `process.env`
 * @param platform defaults to `process.platform`
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env.STUDIO_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32') {
    const p = path.win32;
    const home = env.USERPROFILE || os.homedir();
    const appData = env.APPDATA || p.join(home, 'AppData', 'Roaming');
    return p.join(appData, 'Sweep Studio');
  }
  const p = path.posix;
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', 'Sweep Studio');
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.local', 'share');
  return p.join(base, 'sweep-studio');
}

/** The journal file inside a data directory. */
export function journalPath(dataDir: string): string {
  return path.join(dataDir, JOURNAL_FILE_NAME);
}
