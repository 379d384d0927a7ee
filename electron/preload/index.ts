/**
 * The Electron preload bridge: exposes exactly the contract's methods and events to the sandboxed
 * renderer as `window.studioTransport`, nothing else (no raw ipcRenderer, no Node).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, type EventName, METHOD_NAMES, type MethodName } from '../../shared/contract';

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
  subscribe(name: EventName, listener: (payload: unknown) => void) {
    if (!events.has(name)) return () => {};
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => ipcRenderer.off(name, wrapped);
  },
});
