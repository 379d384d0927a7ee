/**
 * The studio's main-process service, shared by the Electron shell, web mode and the e2e tests: the
 * composition root. It opens the journal and wires settings, the key store, views, the runtime
 * (backend + engine) and one handler map per contract domain; the work lives in those modules.
 * Plain Node, never imports electron.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, EventName, EventPayload, MediaRef } from '@shared/contract';
import { journalPath, openJournal } from '../db';
import type { Engine } from '../engine/engine';
import { createSweepEstimator } from '../engine/sweep-estimator';
import { createInputProbe } from '../images/header-probe';
import { createScanPreviews } from '../images/scan-previews';
import type { Log } from '../log/logger';
import type { Backend, BackendChoice } from './backend';
import type { Handlers } from './dispatcher';
import { createGridsAtBatchEnd } from './grids-at-batch-end';
import { createHandlers } from './handlers';
import { createMemoryKeyStore, type KeyStore } from './key-store';
import { resolveMedia } from './media-resolver';
import { type EngineTuning, type Runtime, startRuntime } from './runtime';
import type { PlatformHooks } from './service-context';
import { createSettings } from './settings';
import { createViewBuilder } from './view-builder';

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
  /** Engine tuning (tests shrink the feed interval and retry delays). */
  engine?: EngineTuning;
  /** Where the engine and the Segmind client log. Default: nowhere (silentLog). */
  log?: Log;
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
  const settings = createSettings(journal, options.dataDir, options.keyStore ?? createMemoryKeyStore());
  const scanPreviews = createScanPreviews(join(options.dataDir, 'cache', 'scan-previews'));
  const inputProbe = createInputProbe();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => emitter.emit(name, payload);
  const grids = createGridsAtBatchEnd({ journal, settings, log: options.log });
  emitter.on('jobs:changed', (payload: EventPayload<'jobs:changed'>) => grids.update(payload.batches));

  // The views read the live engine, which only exists once the runtime has started.
  let runtime: Runtime | null = null;
  const views = createViewBuilder(journal, () => runtime!.engine());
  runtime = await startRuntime({
    journal,
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    shell: options.shell,
    settings,
    backend: options.backend,
    engine: options.engine,
    log: options.log,
    emit,
    jobsChanged: views.changes,
  });
  const live = runtime;

  const handlers = createHandlers({
    journal,
    settings,
    views,
    scanPreviews,
    estimator: createSweepEstimator({
      journal,
      prepareCacheDir: join(options.dataDir, 'cache', 'inputs'),
      probe: inputProbe,
    }),
    inputProbe,
    dataDir: options.dataDir,
    platform: options.platform ?? {},
    engine: live.engine,
    backend: live.backend,
    info: live.info,
    engineStatus: live.engineStatus,
    emit,
    switchBackend: live.switchBackend,
    setConcurrency: live.setConcurrency,
    applyNetworkSettings: live.applyNetworkSettings,
  });

  return {
    handlers,
    backend: live.backend,
    engine: live.engine,
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    resolveMedia: (ref) =>
      ref.kind === 'scan-thumb' ? scanPreviews.preview(ref.id) : resolveMedia(journal, options.dataDir, ref),
    async close() {
      await live.stop();
      await grids.idle();
      journal.close();
      emitter.removeAllListeners();
    },
  };
}
