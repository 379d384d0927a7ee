/**
 * THE renderer <-> main API, declared once. Channel names are `domain:action`; each method takes one
 * argument object (validated with zod in main) and resolves to its result; events are pushed from
 * main. The Electron preload bridge, the web-mode bridge and the main dispatcher all derive from this.
 */
import { z } from 'zod';
import { event, method } from './contract-kit';

export type BackendKind = 'simulator' | 'segmind';

export interface AppInfo {
  version: string;
  backend: BackendKind;
  /** Where API calls go, e.g. `http://127.0.0.1:40123/v1` for the simulator. */
  baseUrl: string;
  shell: 'electron' | 'web';
  dataDir: string;
}

export interface BackendHealth {
  backend: BackendKind;
  reachable: boolean;
  latencyMs: number | null;
  detail: string;
  /** Simulator request counts by endpoint and outcome (simulator only). */
  simulatorRequests?: Record<string, Record<string, number>>;
}

const none = z.strictObject({});

export const studioApi = {
  'app:info': method<AppInfo>()(none),
  'backend:health': method<BackendHealth>()(none),
} as const;

export const studioEvents = {
  'backend:changed': event<AppInfo>(),
} as const;

export type StudioApi = typeof studioApi;
export type MethodName = keyof StudioApi;
export type MethodArgs<M extends MethodName> = z.input<StudioApi[M]['args']>;
export type MethodResult<M extends MethodName> = NonNullable<StudioApi[M]['result']>;
export type EventName = keyof typeof studioEvents;
export type EventPayload<E extends EventName> = NonNullable<(typeof studioEvents)[E]['payload']>;
export const METHOD_NAMES = Object.keys(studioApi) as MethodName[];
export const EVENT_NAMES = Object.keys(studioEvents) as EventName[];

/** The typed client both bridges produce. */
export type StudioClient = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>>;
} & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};
