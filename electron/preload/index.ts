/**
 * The Electron preload bridge: exposes exactly the contract's methods and events to the sandboxed
 * renderer as `window.studioTransport`, nothing else (no raw ipcRenderer, no Node).
 */

import {
  EVENT_NAMES,
  type EventName,
  MEDIA_SCHEME,
  METHOD_NAMES,
  type MediaRef,
  type MethodName,
  mediaPath,
} from '@shared/contract';
import { contextBridge, ipcRenderer } from 'electron';

const methods = new Set<string>(METHOD_NAMES);
const events = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('studioTransport', {
  invoke(method: MethodName, args: unknown) {
    if (!methods.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'not_found', message: `unknown method ${method}` },
      });
    }
    return ipcRenderer.invoke(method, args);
  },
  mediaUrl: (ref: MediaRef) => `${MEDIA_SCHEME}://app/${mediaPath(ref)}`,
  subscribe(name: EventName, listener: (payload: unknown) => void) {
    if (!events.has(name)) return () => {};
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => ipcRenderer.off(name, wrapped);
  },
});
