/**
 * Derives the typed StudioClient from the contract over any transport. The Electron preload and the
 * web-mode bridge differ only in `transport`; method names come from the one declaration.
 */
import {
  type ConnectionState,
  type EventName,
  type EventPayload,
  METHOD_NAMES,
  type MethodName,
  type StudioClient,
} from './api';
import type { Outcome } from './contract-kit';
import { StudioApiError } from './errors';
import type { MediaRef } from './views';

export interface Transport {
  invoke(method: MethodName, args: unknown): Promise<Outcome<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
  mediaUrl(ref: MediaRef): string;
  /** The link to main was lost or is back (web mode); absent where it cannot drop (Electron). */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
}

/** Builds a client whose methods reject with StudioApiError when main answers `{ ok: false }`. */
export function createStudioClient(transport: Transport): StudioClient {
  const client: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    client[name] = async (args: unknown) => {
      const outcome = await transport.invoke(name, args ?? {});
      if (!outcome.ok) throw new StudioApiError(outcome.error);
      return outcome.value;
    };
  }
  client.mediaUrl = (ref: MediaRef) => transport.mediaUrl(ref);
  client.on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe(name, listener as (payload: unknown) => void);
  client.onConnection = (listener: (state: ConnectionState) => void) =>
    transport.onConnection?.(listener) ?? (() => {});
  return client as StudioClient;
}
