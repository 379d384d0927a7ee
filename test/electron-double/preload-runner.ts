/**
 * Runs the built preload (`webPreferences.preload`) the way a sandboxed renderer does: in its own V8
 * context, wrapped as CommonJS, with the sandbox's short `require` list (electron's renderer modules,
 * events, timers, url: anything else throws, so a preload that needs Node fails here as it would in
 * Electron) and the double's `contextBridge` / `ipcRenderer` for that window and frame. Returns the
 * page's main world, holding what the preload exposed.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import type { ElectronDouble } from './index';
import { createContextBridge, createIpcRenderer } from './ipc';
import type { FrameDouble, WindowDouble } from './windows';

export function runPreload(
  double: ElectronDouble,
  window: WindowDouble,
  frame?: FrameDouble,
): Record<string, unknown> {
  const prefs = window.webContents.webPreferences;
  const file = prefs.preload;
  if (typeof file !== 'string') throw new Error('the window has no preload');
  const mainWorld: Record<string, unknown> = {};
  const electron = {
    contextBridge: createContextBridge(window.webContents, mainWorld),
    ipcRenderer: createIpcRenderer(double.ipcMain, window.webContents, frame),
  };
  const sandboxModules: Record<string, unknown> = { electron, events: EventEmitter, timers, url };
  const sandboxRequire = (name: string) => {
    if (!(name in sandboxModules))
      throw new Error(`module not found: ${name} (not available in a sandboxed preload)`);
    return sandboxModules[name];
  };
  const context = vm.createContext({
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
  });
  const wrapper = vm.runInContext(
    `(function (exports, require, module, process, Buffer, global, setImmediate, clearImmediate) {${readFileSync(file, 'utf8')}\n})`,
    context,
    { filename: file },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const sandboxProcess = { platform: process.platform, versions: { ...process.versions }, env: {} };
  wrapper(
    module.exports,
    sandboxRequire,
    module,
    sandboxProcess,
    Buffer,
    context,
    setImmediate,
    clearImmediate,
  );
  return mainWorld;
}
