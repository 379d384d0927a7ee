/**
 * The part of the service that restarts: the backend (simulator or Segmind) and the engine running on
 * it. Started from the saved settings and the key api-key.ts picks, restarted on a key change, and the
 * one place a concurrency change is both saved and applied, so it survives a switch or a restart.
 * Engine changes and halts become contract events here.
 */
import type { AppInfo, EngineStatus, EventName, EventPayload } from '@shared/contract';
import { STUDIO_VERSION } from '@shared/version';
import type { Journal } from '../db';
import { type Engine, type EngineChanges, type EngineOptions, startEngine } from '../engine/engine';
import type { Log } from '../log/logger';
import { resolveApiKey } from './api-key';
import { type Backend, type BackendChoice, startBackend } from './backend';
import { type Settings, spendSettingsOf } from './settings';

/** Engine tuning a caller may pass (everything but what the runtime itself supplies). */
export type EngineTuning = Partial<Omit<EngineOptions, 'journal' | 'dataDir' | 'baseUrl' | 'apiKey'>>;

export interface RuntimeDeps {
  journal: Journal;
  dataDir: string;
  shell: AppInfo['shell'];
  settings: Settings;
  /** better-sqlite3 build for the running ABI (Electron), for the simulator's job store. */
  nativeBinding?: string;
  /**
   * Backend choice at start (tests); default: Segmind with the resolved key, else the simulator. The
   * simulator keeps its jobs under the data folder unless the choice's `simulator.stateDir` says otherwise.
   */
  backend?: BackendChoice;
  /** Engine tuning; an `engine.concurrency` here pins the limit at every (re)start (tests). */
  engine?: EngineTuning;
  /** Where the engine and the Segmind client log. Default: nowhere. */
  log?: Log;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Turns an engine change batch into the `jobs:changed` payload. */
  jobsChanged(changes: EngineChanges): EventPayload<'jobs:changed'>;
}

export interface Runtime {
  backend(): Backend;
  engine(): Engine;
  info(): AppInfo;
  engineStatus(): EngineStatus;
  switchBackend(): Promise<void>;
  setConcurrency(limit: number): EngineStatus;
  /** Applies the saved request budget and outage limit to the running engine; emits the status. */
  applyNetworkSettings(): EngineStatus;
  stop(): Promise<void>;
}

/** Starts the backend and the engine (which recovers interrupted work). */
export async function startRuntime(deps: RuntimeDeps): Promise<Runtime> {
  let backend: Backend;
  let engine: Engine;
  let unsubscribe: (() => void)[] = [];

  const engineStatus = (): EngineStatus => {
    const gate = engine.halt();
    return {
      halt:
        gate.state === 'open'
          ? { state: 'open' }
          : { state: 'halted', reason: gate.reason, message: gate.message, sinceMs: gate.sinceMs },
      concurrency: engine.concurrency(),
      connectivity: connectivityView(engine),
      budget: budgetView(engine),
    };
  };

  const info = (): AppInfo => ({
    version: STUDIO_VERSION,
    backend: backend.kind,
    baseUrl: backend.baseUrl,
    shell: deps.shell,
    dataDir: deps.dataDir,
  });

  const resolvedKey = () => resolveApiKey({ keyStore: deps.settings.keyStore }).key;

  async function start(choice: BackendChoice): Promise<void> {
    backend = await startBackend({
      dataDir: deps.dataDir,
      ...choice,
      simulator: { sqliteBinding: deps.nativeBinding, ...choice.simulator },
    });
    engine = await startEngine({
      journal: deps.journal,
      dataDir: deps.dataDir,
      baseUrl: backend.baseUrl,
      apiKey: backend.apiKey,
      rebaseUrl: backend.rebaseUrl,
      backend: backend.kind,
      concurrency: deps.settings.get().defaultConcurrency,
      ...networkOptions(),
      expectedLatencyMs: backend.simulator?.medianLatencyMs(),
      log: deps.log,
      economics: { backend: backend.kind, settings: () => spendSettingsOf(deps.settings.get()) },
      ...deps.engine,
    });
    unsubscribe = [
      engine.subscribe((changes) => deps.emit('jobs:changed', deps.jobsChanged(changes))),
      engine.onHaltChange(() => deps.emit('engine:status', engineStatus())),
      engine.onConnectivityChange(() => deps.emit('engine:status', engineStatus())),
    ];
  }

  /**
   * The saved request budget and outage limit as engine options. The budget is Segmind's: the built-in
   * simulator has none, so it runs unlimited whatever the setting (a simulator started with a limit
   * still gets its 429s honoured).
   */
  function networkOptions(): Pick<EngineOptions, 'requestsPerMinute' | 'offlineFailAfterMin'> {
    const saved = deps.settings.get();
    return {
      requestsPerMinute: backend.kind === 'segmind' ? saved.requestsPerMinute : undefined,
      offlineFailAfterMin: saved.offlineFailAfterMin,
    };
  }

  async function stop(): Promise<void> {
    for (const off of unsubscribe) off();
    await engine.stop();
    await backend.close();
  }

  await start(deps.backend ?? { apiKey: resolvedKey(), simulator: {} });
  return {
    backend: () => backend,
    engine: () => engine,
    info,
    engineStatus,
    async switchBackend() {
      await stop();
      // A fixed choice (tests) keeps its base URL and simulator options; the key is the one now resolved.
      await start({ simulator: {}, ...deps.backend, apiKey: resolvedKey() });
      deps.emit('backend:changed', info());
      deps.emit('engine:status', engineStatus());
    },
    applyNetworkSettings() {
      const options = networkOptions();
      engine.setRequestsPerMinute(options.requestsPerMinute);
      engine.setOfflineFailAfterMin(options.offlineFailAfterMin ?? null);
      const status = engineStatus();
      deps.emit('engine:status', status);
      return status;
    },
    setConcurrency(limit) {
      deps.settings.update({ defaultConcurrency: limit });
      engine.setConcurrency(limit);
      const status = engineStatus();
      deps.emit('engine:status', status);
      return status;
    },
    stop,
  };
}

function connectivityView(engine: Engine): EngineStatus['connectivity'] {
  const c = engine.connectivity();
  if (c.state === 'online') return { state: 'online', lastOkMs: c.lastOkMs };
  return {
    state: 'offline',
    sinceMs: c.sinceMs,
    nextProbeMs: c.nextProbeMs,
    cause: c.cause,
    givenUp: engine.offlineGivenUp(),
  };
}

function budgetView(engine: Engine): EngineStatus['budget'] {
  const b = engine.requestBudget();
  return { mode: b.mode, setting: b.setting, perMinute: b.perMinute, blockedUntilMs: b.blockedUntilMs };
}
