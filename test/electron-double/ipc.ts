/**
 * IPC doubles. `ipcMain.handle` takes one handler per channel (a second one throws, as in Electron);
 * the renderer side (`ipcRenderer`, built per web contents and frame for the preload) invokes it
 * asynchronously with an event naming the sender and its frame, and every value crossing either way
 * goes through the structured clone. `contextBridge` copies what the preload exposes the way Electron
 * does: plain data is copied, functions become callable proxies whose arguments and results are copied
 * too, and nothing may be exposed without context isolation.
 */
import { EventEmitter } from 'node:events';
import { ipcClone } from './events';
import type { FrameDouble, WebContentsDouble } from './windows';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class IpcMainDouble extends EventEmitter {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: Handler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** The `ipcRenderer` a preload running in `contents` (and `frame`, default its main frame) gets. */
export function createIpcRenderer(ipcMain: IpcMainDouble, contents: WebContentsDouble, frame?: FrameDouble) {
  const senderFrame = frame ?? contents.mainFrame;
  const listeners = contents.renderer;
  return {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const cloned = args.map((a) => ipcClone(a));
      await new Promise((resolve) => setImmediate(resolve));
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const event = { sender: contents, senderFrame, frameId: 1, processId: 1, type: 'frame' };
      try {
        return ipcClone(await handler(event, ...cloned));
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
      }
    },
    on(channel: string, listener: (...args: unknown[]) => void) {
      listeners.on(channel, listener);
      return this;
    },
    once(channel: string, listener: (...args: unknown[]) => void) {
      listeners.once(channel, listener);
      return this;
    },
    off(channel: string, listener: (...args: unknown[]) => void) {
      listeners.off(channel, listener);
      return this;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      listeners.off(channel, listener);
      return this;
    },
    removeAllListeners(channel?: string) {
      listeners.removeAllListeners(channel);
      return this;
    },
    send(channel: string, ...args: unknown[]): void {
      const cloned = args.map((a) => ipcClone(a));
      setImmediate(() => ipcMain.emit(channel, { sender: contents, senderFrame }, ...cloned));
    },
  };
}

/** Copies a value across the bridge (see the file comment). */
export function bridgeCopy(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => bridgeCopy(fn(...args.map(bridgeCopy)));
  }
  // Realm-agnostic: the preload's promises come from its own context, where `instanceof Promise` is false.
  if (value && typeof (value as PromiseLike<unknown>).then === 'function') {
    return Promise.resolve(value as PromiseLike<unknown>).then(bridgeCopy);
  }
  if (Array.isArray(value)) return value.map(bridgeCopy);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bridgeCopy(v)]));
  }
  if (typeof value === 'symbol') throw new Error('An object could not be cloned.');
  return value;
}

/** The `contextBridge` of one page: what it exposes lands on `mainWorld`. */
export function createContextBridge(contents: WebContentsDouble, mainWorld: Record<string, unknown>) {
  return {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (contents.webPreferences.contextIsolation !== true) {
        throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      }
      if (apiKey in mainWorld) {
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      }
      mainWorld[apiKey] = bridgeCopy(api);
    },
  };
}
