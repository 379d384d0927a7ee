/**
 * The studio's main-process service, shared by the Electron shell, web mode and the e2e tests: it owns
 * the journal, the backend (simulator or Segmind) and the engine, implements every contract handler,
 * and turns engine changes into contract events. Plain Node, never imports electron.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, EngineStatus, EventName, EventPayload, MediaRef } from '@shared/contract';
import { journalPath, openJournal } from '../db';
import { type Engine, type EngineOptions, startEngine } from '../engine/engine';
import { STUDIO_VERSION } from '../engine/version';
import type { Log } from '../log/logger';
import { type Backend, type BackendChoice, startBackend } from './backend';
import type { Handlers } from './dispatcher';
import { batchHandlers } from './handlers/batch-handlers';
import { jobHandlers } from './handlers/job-handlers';
import { studioHandlers } from './handlers/studio-handlers';
import { createMemoryKeyStore, type KeyStore } from './key-store';
import { resolveMedia } from './media-resolver';
import { createScanPreviews } from './scan-previews';
import type { ServiceContext } from './service-context';
import { createSettings } from './settings';
import { createViewBuilder } from './view-builder';

export { STUDIO_VERSION };

/** What only the desktop shell can do; web mode leaves these out and the handlers say so. */
export interface PlatformHooks {
  pickFolder?(purpose: 'inputs' | 'output'): Promise<string[] | null>;
  reveal?(path: string, open: boolean): Promise<boolean>;
}

export interface StudioServiceOptions {
  shell: AppInfo['shell'];
  dataDir: string;
  /** Where a Segmind key entered in settings is kept. Default: memory (forgotten on exit). */
  keyStore?: KeyStore;
  /** better-sqlite3 binary for the running ABI (Electron). */
  nativeBinding?: string;
  /** Overrides the backend choice (tests: `{ apiKey: null, simulator: {...} }`). */
  backend?: BackendChoice;
  platform?: PlatformHooks;
  /** Where the engine and the Segmind client log (the studio logger). Default: nowhere. */
  log?: Log;
  /** Engine tuning (tests shrink the feed interval and retry delays). */
  engine?: Partial<Omit<EngineOptions, 'journal' | 'dataDir' | 'baseUrl' | 'apiKey'>>;
}

export interface StudioService {
  handlers: Handlers;
  backend(): Backend;
  engine(): Engine;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Absolute path of a media item, or null when it does not exist or is outside the allowed roots. */
  resolveMedia(ref: MediaRef): Promise<string | null>;
  close(): Promise<void>;
}

/** Opens the journal, starts the backend and the engine (recovering interrupted work). */
export async function startStudioService(options: StudioServiceOptions): Promise<StudioService> {
  mkdirSync(options.dataDir, { recursive: true });
  const journal = openJournal({ file: journalPath(options.dataDir), nativeBinding: options.nativeBinding });
  const keyStore = options.keyStore ?? createMemoryKeyStore();
  const settings = createSettings(journal, options.dataDir, keyStore);
  const scanPreviews = createScanPreviews(join(options.dataDir, 'cache', 'scan-previews'));
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => emitter.emit(name, payload);

  let backend: Backend;
  let engine: Engine;
  let unsubscribe: (() => void)[] = [];
  const views = createViewBuilder(journal, () => engine);

  const engineStatus = (): EngineStatus => {
    const gate = engine.halt();
    return {
      halt:
        gate.state === 'open'
          ? { state: 'open' }
          : { state: 'halted', reason: gate.reason, message: gate.message, sinceMs: gate.sinceMs },
      concurrency: engine.concurrency(),
    };
  };

  async function startRuntime(choice: BackendChoice): Promise<void> {
    backend = await startBackend(choice);
    engine = await startEngine({
      journal,
      dataDir: options.dataDir,
      baseUrl: backend.baseUrl,
      apiKey: backend.apiKey,
      concurrency: settings.get().defaultConcurrency,
      log: options.log,
      ...options.engine,
    });
    unsubscribe = [
      engine.subscribe((changes) => emit('jobs:changed', views.changes(changes))),
      engine.onHaltChange(() => emit('engine:status', engineStatus())),
    ];
  }

  async function stopRuntime(): Promise<void> {
    for (const off of unsubscribe) off();
    await engine.stop();
    await backend.close();
  }

  const info = (): AppInfo => ({
    version: STUDIO_VERSION,
    backend: backend.kind,
    baseUrl: backend.baseUrl,
    shell: options.shell,
    dataDir: options.dataDir,
  });

  const currentChoice = (): BackendChoice =>
    options.backend ?? { apiKey: process.env.SEGMIND_API_KEY || keyStore.load(), simulator: {} };
  await startRuntime(currentChoice());

  const context: ServiceContext = {
    journal,
    settings,
    views,
    scanPreviews,
    dataDir: options.dataDir,
    platform: options.platform ?? {},
    engine: () => engine,
    backend: () => backend,
    info,
    engineStatus,
    emit,
    async switchBackend() {
      await stopRuntime();
      await startRuntime({ ...currentChoice(), apiKey: process.env.SEGMIND_API_KEY || keyStore.load() });
      emit('backend:changed', info());
      emit('engine:status', engineStatus());
    },
  };

  const handlers: Handlers = {
    ...studioHandlers(context),
    ...batchHandlers(context),
    ...jobHandlers(context),
  };

  return {
    handlers,
    backend: () => backend,
    engine: () => engine,
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    resolveMedia: (ref) =>
      ref.kind === 'scan-thumb' ? scanPreviews.preview(ref.id) : resolveMedia(journal, options.dataDir, ref),
    async close() {
      await stopRuntime();
      journal.close();
      emitter.removeAllListeners();
    },
  };
}
