/**
 * The built preload (out/preload/index.cjs) run as a sandboxed renderer runs it: its own V8 context,
 * the sandbox's short `require` list, the double's contextBridge and ipcRenderer. It must expose exactly
 * the contract's transport (three functions on one object), reach main only on contract channels, hand
 * listeners the payload and never the IPC event, and refuse to load without context isolation.
 */
import { EVENT_NAMES, METHOD_NAMES } from '@shared/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createElectronDouble, type ElectronDouble, type WindowDouble } from '../../electron-double/index';
import { runPreload } from '../../electron-double/preload-runner';
import { BUILT_PRELOAD, ensureBuiltShell, ROOT } from './built-shell';

interface Transport {
  invoke(method: string, args: unknown): Promise<unknown>;
  mediaUrl(ref: unknown): string;
  subscribe(name: string, listener: (...args: unknown[]) => void): () => void;
}

let double: ElectronDouble;
let win: WindowDouble;
let world: Record<string, unknown>;
let transport: Transport;
const calls: { channel: string; args: unknown[]; sender: unknown }[] = [];

beforeAll(async () => {
  await ensureBuiltShell();
  double = createElectronDouble({ appPath: ROOT, paths: { appData: '/nonexistent' } });
  double.app.emitReady();
  // Main's side: every channel answers, so a call the preload lets through is seen here.
  for (const channel of [...METHOD_NAMES, 'nope:nothing', 'jobs:changed']) {
    double.ipcMain.handle(channel, (event, ...args) => {
      calls.push({ channel, args, sender: (event as { sender: unknown }).sender });
      return { ok: true, value: { echoed: channel } };
    });
  }
  win = new double.BrowserWindow({
    webPreferences: { preload: BUILT_PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  world = runPreload(double, win);
  transport = world.studioTransport as Transport;
});

describe('the preload bridge', () => {
  it('exposes exactly one object with exactly invoke, mediaUrl and subscribe', () => {
    expect(Object.keys(world)).toEqual(['studioTransport']);
    expect(Object.keys(transport).sort()).toEqual(['invoke', 'mediaUrl', 'subscribe']);
    for (const value of Object.values(transport)) expect(typeof value).toBe('function');
  });

  it('passes contract methods to main with their arguments, from this window', async () => {
    calls.length = 0;
    for (const method of METHOD_NAMES) {
      expect(await transport.invoke(method, { probe: method })).toEqual({
        ok: true,
        value: { echoed: method },
      });
    }
    expect(calls.map((c) => c.channel)).toEqual([...METHOD_NAMES]);
    expect(calls.every((c, i) => (c.args[0] as { probe: string }).probe === METHOD_NAMES[i])).toBe(true);
    expect(calls.every((c) => c.sender === win.webContents)).toBe(true);
  });

  it('answers anything else itself, without touching IPC', async () => {
    calls.length = 0;
    for (const channel of ['nope:nothing', 'jobs:changed', '__proto__', 'constructor']) {
      const outcome = (await transport.invoke(channel, {})) as { ok: boolean; error: { code: string } };
      expect(outcome.ok, `${channel}: ${JSON.stringify(outcome)}`).toBe(false);
      expect(outcome.error.code).toBe('not_found');
    }
    expect(calls).toEqual([]);
  });

  it('delivers contract events as the payload alone, and stops after unsubscribing', async () => {
    for (const name of EVENT_NAMES) {
      const received: unknown[][] = [];
      const off = transport.subscribe(name, (...args) => received.push(args));
      win.webContents.send(name, { n: 1 });
      await new Promise((r) => setImmediate(r));
      off();
      win.webContents.send(name, { n: 2 });
      await new Promise((r) => setImmediate(r));
      expect(received, name).toEqual([[{ n: 1 }]]);
    }
  });

  it('subscribes to nothing outside the contract', async () => {
    const received: unknown[] = [];
    const off = transport.subscribe('ipc:internal', (payload) => received.push(payload));
    win.webContents.send('ipc:internal', { secret: true });
    await new Promise((r) => setImmediate(r));
    off();
    expect(received).toEqual([]);
    expect(win.webContents.renderer.listenerCount('ipc:internal')).toBe(0);
  });

  it('builds studio-media URLs from typed ids', () => {
    expect(transport.mediaUrl({ kind: 'output', id: 7 })).toBe('studio-media://app/media/output/7');
    expect(transport.mediaUrl({ kind: 'input-thumb', id: 12 })).toBe(
      'studio-media://app/media/input-thumb/12',
    );
  });

  it('refuses to run in a window without context isolation', () => {
    const open = new double.BrowserWindow({
      webPreferences: { preload: BUILT_PRELOAD, contextIsolation: false, sandbox: true },
    });
    expect(() => runPreload(double, open)).toThrow(/contextIsolation/);
    open.destroy();
  });
});
