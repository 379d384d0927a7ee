/**
 * Run by `npm start` where an Electron binary exists: builds better-sqlite3 against Electron's headers
 * into .cache/electron-native/ (once per Electron version) without touching node_modules, so the Node
 * build stays in place for tests and the CLI. Needs the internet (Electron headers), like the binary.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ELECTRON_HEADERS_URL, electronNativeBindingPath } from './native-binding';

const root = resolve(import.meta.dirname, '../..');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const target = electronNativeBindingPath(root, electronVersion);

if (existsSync(target)) process.exit(0);
console.log(`[sweep-studio] building better-sqlite3 for Electron ${electronVersion} (once)…`);

// node-gyp ships inside npm: next to the npm running us, else next to this Node (Unix, then Windows layout).
const npmCli = process.env.npm_execpath;
const nodeGyp = [
  npmCli && join(dirname(npmCli), '../node_modules/node-gyp/bin/node-gyp.js'),
  join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  join(dirname(process.execPath), 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
].find((file): file is string => Boolean(file) && existsSync(file as string));
if (!nodeGyp) {
  console.error('[sweep-studio] node-gyp (bundled with npm) not found; run this through `npm start`.');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'sweep-native-'));
try {
  cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  // A user-level nodedir (set for Node builds) would point node-gyp at Node's headers instead of Electron's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_config_nodedir$/i.test(k)),
  );
  const built = spawnSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
    { cwd: work, stdio: 'inherit', env },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
} finally {
  rmSync(work, { recursive: true, force: true });
}
