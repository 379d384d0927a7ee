/**
 * The studio's main-process service, shared by the Electron shell and web mode: it owns the backend
 * (simulator or Segmind) and implements the contract's handlers. Plain Node, never imports electron.
 */
import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../../shared/contract';
import { type Backend, type BackendChoice, startBackend } from './backend';
import type { Handlers } from './dispatcher';

export const STUDIO_VERSION = '0.1.0';

export interface StudioServiceOptions {
  shell: AppInfo['shell'];
  dataDir: string;
  backend?: BackendChoice;
}

export interface StudioService {
  handlers: Handlers;
  backend: Backend;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** Starts the service and its backend. */
export async function startStudioService(options: StudioServiceOptions): Promise<StudioService> {
  const backend = await startBackend(options.backend ?? { apiKey: process.env.SEGMIND_API_KEY });
  const emitter = new EventEmitter();
  const info = (): AppInfo => ({
    version: STUDIO_VERSION,
    backend: backend.kind,
    baseUrl: backend.baseUrl,
    shell: options.shell,
    dataDir: options.dataDir,
  });
  const handlers: Handlers = {
    'app:info': () => info(),
    'backend:health': () => backend.health(),
  };
  return {
    handlers,
    backend,
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    close: () => backend.close(),
  };
}
