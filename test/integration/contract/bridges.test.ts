/**
 * One contract, two bridges: every contract method is reachable through the Electron bridge (preload +
 * ipcMain registration, with electron mocked) and through web mode (real HTTP), and both validate
 * arguments identically: bad arguments come back as `invalid_input`, never a crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES, type MethodName } from '@shared/contract';
import type { Transport } from '@shared/contract/client-factory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerIpcBridge } from '../../../electron/main/ipc-bridge';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';

const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
const exposed: Record<string, unknown> = {};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => Promise.resolve(handlers.get(channel)?.({}, args)),
    on: () => {},
    off: () => {},
  },
}));

let dir: string;
let service: StudioService;
let dispatch: Dispatch;
let web: WebServer;
let electronTransport: Transport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-bridges-'));
  service = await startStudioService({ shell: 'web', dataDir: dir, backend: { apiKey: null } });
  dispatch = createDispatcher(service.handlers, () => {});
  web = await startWebServer({ service, dispatch, staticDir: join(dir, 'none') });
  registerIpcBridge(
    { handle: (name, fn) => handlers.set(name, fn as never), removeHandler: (name) => handlers.delete(name) },
    dispatch,
    service,
    () => null,
  );
  await import('../../../electron/preload/index');
  electronTransport = exposed.studioTransport as Transport;
});

afterAll(async () => {
  await web.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON outcome loosely.
async function viaWeb(method: string, args: unknown): Promise<any> {
  const res = await fetch(`${web.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-studio-token': web.token },
    body: JSON.stringify(args),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('contract bridges', () => {
  it('registers exactly the contract methods on ipcMain', () => {
    expect([...handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it.each(METHOD_NAMES)(
    '%s rejects malformed arguments the same way through both bridges',
    async (method) => {
      const bad = { unexpectedArgument: 1 };
      const fromWeb = await viaWeb(method, bad);
      const fromElectron = await electronTransport.invoke(method as MethodName, bad);
      expect(fromWeb.ok).toBe(false);
      expect(fromWeb.error.code).toBe('invalid_input');
      expect(fromElectron).toEqual(fromWeb);
    },
  );

  it('answers a valid call identically through both bridges', async () => {
    const fromWeb = await viaWeb('app:info', {});
    const fromElectron = await electronTransport.invoke('app:info', {});
    expect(fromWeb.ok).toBe(true);
    expect(fromElectron).toEqual(fromWeb);
    expect(fromWeb.value.backend).toBe('simulator');
  });

  it('refuses unknown methods and non-JSON bodies as data', async () => {
    expect((await viaWeb('nope:nothing', {})).error.code).toBe('not_found');
    expect((await electronTransport.invoke('nope:nothing' as MethodName, {})).ok).toBe(false);
    const res = await fetch(`${web.origin}/api/call/app:info`, {
      method: 'POST',
      headers: { 'x-studio-token': web.token },
      body: '{not json',
    });
    const outcome = (await res.json()) as { error: { code: string } };
    expect(outcome.error.code).toBe('invalid_input');
  });
});
