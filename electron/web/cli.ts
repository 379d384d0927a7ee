/**
 * `npm run web` (and `npm start` where Electron cannot run): starts the studio service and serves the
 * built renderer on 127.0.0.1, prints the URL with its token, and opens the default browser on request.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../db/data-dir';
import { createLogger } from '../log/logger';
import { createDispatcher } from '../service/dispatcher';
import { logServiceEvents } from '../service/log-service-events';
import { startStudioService } from '../service/studio-service';
import { startWebServer } from './web-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
  },
});

const dataDir = resolveDataDir();
mkdirSync(dataDir, { recursive: true });
// The terminal running web mode is where its user looks, so errors also go to stderr.
const logger = createLogger({ dataDir, stderr: true });
const service = await startStudioService({ shell: 'web', dataDir, log: logger });
logServiceEvents(logger, service);
const dispatch = createDispatcher(service.handlers, (err, method) =>
  logger.error({ err, method }, `${method} failed`),
);
const web = await startWebServer({
  service,
  dispatch,
  staticDir: resolve(join(import.meta.dirname, '../../out/renderer')),
  port: Number(values.port),
  onError: (err) => logger.error({ err }, 'web request failed'),
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
    await web.close();
    await service.close();
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
