/**
 * App-wide state every view may read: which backend is live, engine status (halt + concurrency),
 * settings and backend health. Follows the house rule "snapshot, then subscribe": `start()` fetches
 * everything once, then listens to `engine:status` and `backend:changed`, and re-snapshots on a slow
 * timer so a missed event never leaves the badge or the halt banner stale. The settings and engine
 * actions (save defaults, store the key, concurrency, resume after a halt) live here too and put main's
 * answer straight into the store.
 */

import type {
  AppInfo,
  BackendHealth,
  ConnectionState,
  EngineStatus,
  MethodArgs,
  MonthLedgerView,
  SettingsView,
} from '@shared/contract';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { errorText } from '../components/error-text';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

export interface AppState {
  info: Loadable<AppInfo>;
  settings: Loadable<SettingsView>;
  engine: EngineStatus | null;
  health: BackendHealth | null;
  /** This month's money on the backend in use (Settings), once asked for. */
  month: Loadable<MonthLedgerView>;
  /** The link to main: 'lost' while a web-mode page waits for its studio to come back. */
  connection: ConnectionState;
  /** Starts snapshots + subscriptions; returns the stop function. Idempotent per mount. */
  start(): () => void;
  refreshSettings(): Promise<void>;
  /** Saves studio defaults; the store holds main's answer. Rejects with main's error. */
  updateSettings(patch: SettingsPatch): Promise<void>;
  /** Stores (or with null, forgets) the Segmind key, which switches the backend. Rejects with main's error. */
  setApiKey(apiKey: string | null): Promise<void>;
  /** Sets the engine's concurrency limit. Rejects with main's error. */
  setConcurrency(limit: number): Promise<void>;
  /** Reopens the queue after an auth / credits halt. Rejects with main's error. */
  resumeAfterHalt(): Promise<void>;
  /** Reads this month's ledger into `month`. */
  loadMonthLedger(): Promise<void>;
}

export type SettingsPatch = MethodArgs<'settings:update'>;

/** How often to re-snapshot health and engine status (events cover the fast path). Default 10 s. */
const RESNAPSHOT_MS = 10_000;
/** While jobs change, refresh engine status (in-flight count) at most this often. Default 1 s. */
const ENGINE_REFRESH_MS = 1_000;

export const useApp = create<AppState>((set, get) => ({
  info: { status: 'loading' },
  settings: { status: 'loading' },
  engine: null,
  health: null,
  month: { status: 'loading' },
  connection: 'live',

  start() {
    let live = true;
    const snapshot = async () => {
      const [info, settings, engine, health] = await Promise.allSettled([
        studio['app:info']({}),
        studio['settings:get']({}),
        studio['engine:status']({}),
        studio['backend:health']({}),
      ]);
      if (!live) return;
      set({
        info:
          info.status === 'fulfilled'
            ? { status: 'ready', value: info.value }
            : { status: 'error', message: errorText(info.reason) },
        ...(settings.status === 'fulfilled'
          ? { settings: { status: 'ready' as const, value: settings.value } }
          : get().settings.status !== 'ready'
            ? { settings: { status: 'error' as const, message: errorText(settings.reason) } }
            : {}),
        ...(engine.status === 'fulfilled' ? { engine: engine.value } : {}),
        ...(health.status === 'fulfilled' ? { health: health.value } : {}),
      });
    };
    let engineRefreshDue = false;
    const refreshEngine = () => {
      engineRefreshDue = false;
      studio['engine:status']({})
        .then((engine) => live && set({ engine }))
        .catch(() => undefined);
    };
    const offs = [
      studio.on('engine:status', (engine) => live && set({ engine })),
      // engine:status events mark halts and limit changes; the in-flight count moves with the jobs.
      studio.on('jobs:changed', () => {
        if (engineRefreshDue) return;
        engineRefreshDue = true;
        setTimeout(refreshEngine, ENGINE_REFRESH_MS);
      }),
      studio.on('backend:changed', (info) => {
        if (!live) return;
        set({ info: { status: 'ready', value: info } });
        void get().refreshSettings();
      }),
      // The studio came back (web mode, after a restart): whatever changed meanwhile is read again.
      studio.onConnection((connection) => {
        if (!live) return;
        set({ connection });
        if (connection === 'live') void snapshot();
      }),
    ];
    void snapshot();
    const timer = setInterval(() => void snapshot(), RESNAPSHOT_MS);
    return () => {
      live = false;
      clearInterval(timer);
      for (const off of offs) off();
    };
  },

  async refreshSettings() {
    try {
      set({ settings: { status: 'ready', value: await studio['settings:get']({}) } });
    } catch (error) {
      if (get().settings.status !== 'ready')
        set({ settings: { status: 'error', message: errorText(error) } });
    }
  },
  async loadMonthLedger() {
    try {
      set({ month: { status: 'ready', value: await studio['ledger:month']({}) } });
    } catch (error) {
      set({ month: { status: 'error', message: errorText(error) } });
    }
  },
  async updateSettings(patch) {
    set({ settings: { status: 'ready', value: await studio['settings:update'](patch) } });
  },
  async setApiKey(apiKey) {
    set({ settings: { status: 'ready', value: await studio['settings:setApiKey']({ apiKey }) } });
    void get().refreshSettings();
  },
  async setConcurrency(limit) {
    set({ engine: await studio['engine:setConcurrency']({ limit }) });
  },
  async resumeAfterHalt() {
    set({ engine: await studio['engine:resumeAfterHalt']({}) });
  },
}));

/** The settings value when loaded, else null. */
export function useSettingsValue(): SettingsView | null {
  return useApp((s) => (s.settings.status === 'ready' ? s.settings.value : null));
}
