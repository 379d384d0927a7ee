/** What every group of contract handlers may use: the journal, settings, the live engine and backend. */
import type { AppInfo, EngineStatus, EventName, EventPayload } from '@shared/contract';
import type { Journal } from '../db';
import type { Engine } from '../engine/engine';
import type { Backend } from './backend';
import type { ScanPreviews } from './scan-previews';
import type { Settings } from './settings';
import type { PlatformHooks } from './studio-service';
import type { ViewBuilder } from './view-builder';

export interface ServiceContext {
  journal: Journal;
  settings: Settings;
  views: ViewBuilder;
  scanPreviews: ScanPreviews;
  dataDir: string;
  platform: PlatformHooks;
  engine(): Engine;
  backend(): Backend;
  info(): AppInfo;
  engineStatus(): EngineStatus;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Restarts the engine on the backend the current key selects (key added, changed or removed). */
  switchBackend(): Promise<void>;
}
