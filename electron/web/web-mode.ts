/**
 * Web mode as one unit: the studio service plus the loopback web server serving the renderer, on the
 * session (token and port) kept in the data folder (web-session.ts). A restart on the same data folder
 * serves the same origin with the same token, so a tab left open reconnects by itself. Used by
 * `npm run web` (cli.ts) and by the tests that restart it.
 */
import type { StudioLogger } from '../log/logger';
import { createDispatcher } from '../service/dispatcher';
import { logServiceEvents } from '../service/log-service-events';
import { type StudioService, type StudioServiceOptions, startStudioService } from '../service/studio-service';
import { startWebServer, type WebServer } from './web-server';
import { DEFAULT_WEB_PORT, loadWebSession, saveWebSession } from './web-session';

export interface WebModeOptions {
  dataDir: string;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /**
   * A port to use as given (0: any free one); it is not saved. Default: the saved port, else
   * DEFAULT_WEB_PORT, falling back to a free one when taken; the port served on is saved.
   */
  port?: number;
  /** The studio's log; also receives failed calls and requests. Default: none. */
  log?: StudioLogger;
  /** Backend and engine overrides (tests). */
  backend?: StudioServiceOptions['backend'];
  engine?: StudioServiceOptions['engine'];
}

export interface WebMode {
  service: StudioService;
  web: WebServer;
  close(): Promise<void>;
}

export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const { dataDir, log } = options;
  const session = loadWebSession(dataDir);
  const service = await startStudioService({
    shell: 'web',
    dataDir,
    log,
    backend: options.backend,
    engine: options.engine,
  });
  if (log) logServiceEvents(log, service);
  const dispatch = createDispatcher(service.handlers, (err, method) =>
    log?.error({ err, method }, `${method} failed`),
  );
  const explicit = options.port !== undefined;
  let web: WebServer;
  try {
    web = await startWebServer({
      service,
      dispatch,
      staticDir: options.staticDir,
      token: session.token,
      port: explicit ? options.port : (session.port ?? DEFAULT_WEB_PORT),
      fallbackToFreePort: !explicit,
      onError: (err) => log?.error({ err }, 'web request failed'),
    });
  } catch (error) {
    await service.close();
    throw error;
  }
  if (!explicit && web.port !== session.port) saveWebSession(dataDir, { ...session, port: web.port });
  return {
    service,
    web,
    async close() {
      await web.close();
      await service.close();
    },
  };
}
