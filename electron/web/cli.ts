/**
 * `npm run web` (and `npm start` where Electron cannot run): starts web mode (web-mode.ts) — the studio
 * service and the built renderer on 127.0.0.1, on the port and token kept in the data folder — prints
 * the URL with its token, and opens the default browser on request. `--port N` serves on N as given.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../db/data-dir';
import { createLogger } from '../log/logger';
import { startWebMode } from './web-mode';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    open: { type: 'boolean', default: false },
  },
});

const dataDir = resolveDataDir();
mkdirSync(dataDir, { recursive: true });
// The terminal running web mode is where its user looks, so errors also go to stderr.
const logger = createLogger({ dataDir, stderr: true });
const { service, web, close } = await startWebMode({
  dataDir,
  staticDir: resolve(join(import.meta.dirname, '../../out/renderer')),
  port: values.port === undefined ? undefined : Number(values.port),
  log: logger,
});

const badge =
  service.backend().kind === 'simulator' ? 'OFFLINE SIMULATOR' : 'SEGMIND (real API, costs credits)';
console.log(`Sweep Studio (web mode) — backend: ${badge} at ${service.backend().baseUrl}`);
console.log(`Open: ${web.url}`);
if (values.open) openBrowser(web.url);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('stopping…');
    await close();
    process.exit(0);
  });
}

function openBrowser(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
