/**
 * What every domain's contract handlers may use: the journal, settings, views, the live engine and
 * backend, and the few service-wide actions (switch backend, change concurrency). Also the hooks only
 * the desktop shell can fill in.
 */
import type { AppInfo, EngineStatus, EventName, EventPayload } from '@shared/contract';
import type { Journal } from '../db';
import type { Engine } from '../engine/engine';
import type { SweepEstimator } from '../engine/sweep-estimator';
import type { InputProbe } from '../images/header-probe';
import type { ScanPreviews } from '../images/scan-previews';
import type { Backend } from './backend';
import type { Settings } from './settings';
import type { ViewBuilder } from './view-builder';

/** What only the desktop shell can do; web mode leaves these out and the handlers say so. */
export interface PlatformHooks {
  pickFolder?(purpose: 'inputs' | 'output'): Promise<string[] | null>;
  reveal?(path: string, open: boolean): Promise<boolean>;
  /** A native "open file" dialog for one PNG; null when cancelled. */
  pickPng?(): Promise<string | null>;
}

export interface ServiceContext {
  journal: Journal;
  settings: Settings;
  views: ViewBuilder;
  scanPreviews: ScanPreviews;
  /** Cost and time of a sweep before it exists (keeps its input-hash cache for the session). */
  estimator: SweepEstimator;
  /** Scan-time usability check of found images (header only, cached). */
  inputProbe: InputProbe;
  dataDir: string;
  platform: PlatformHooks;
  engine(): Engine;
  backend(): Backend;
  info(): AppInfo;
  engineStatus(): EngineStatus;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Restarts the engine on the backend the current key selects (key added, changed or removed). */
  switchBackend(): Promise<void>;
  /**
   * Saves `limit` as the concurrency setting and applies it to the running engine and its connection
   * pool, so a later backend switch or restart keeps it. Emits and returns the engine status.
   */
  setConcurrency(limit: number): EngineStatus;
  /**
   * Applies the saved request budget and outage limit to the running engine (after `settings:update`
   * changed them). Emits and returns the engine status.
   */
  applyNetworkSettings(): EngineStatus;
}
