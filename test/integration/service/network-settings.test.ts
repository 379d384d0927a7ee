/**
 * The request budget and the outage limit as settings: saved through `settings:update` (null =
 * discover / wait for ever), refused outside their bounds at the contract, applied to the running
 * engine at once and after a restart, and shown in `engine:status` with the way to Segmind. The budget
 * is Segmind's, so the built-in simulator runs unlimited whatever the setting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';

let dir: string;
let sim: SimulatorHandle;
const services: StudioService[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-network-settings-'));
  sim = await startSimulator({ latencyScale: 0.002 });
});

afterAll(async () => {
  for (const s of services) await s.close().catch(() => undefined);
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string, live: boolean): Promise<{ service: StudioService; call: Dispatch }> {
  const backend = live ? { apiKey: sim.apiKey, baseUrl: sim.baseUrl } : { apiKey: null };
  const service = await startStudioService({ shell: 'web', dataDir, backend });
  services.push(service);
  return { service, call: createDispatcher(service.handlers, () => {}) };
}

// biome-ignore lint/suspicious/noExplicitAny: outcomes are read loosely.
const value = (outcome: any) => {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return outcome.value;
};

describe('network settings', () => {
  it('against Segmind: discover by default, a chosen plan applied at once and after a restart', async () => {
    const dataDir = join(dir, 'live');
    const first = await start(dataDir, true);
    expect(value(await first.call('settings:get', {}))).toMatchObject({
      requestsPerMinute: null,
      offlineFailAfterMin: null,
    });
    const status = value(await first.call('engine:status', {}));
    expect(status.budget).toMatchObject({ mode: 'discover', setting: null, perMinute: 50 });
    expect(status.connectivity).toMatchObject({ state: 'online' });

    const events: unknown[] = [];
    first.service.on('engine:status', (s) => events.push(s.budget));
    value(await first.call('settings:update', { requestsPerMinute: 120, offlineFailAfterMin: 30 }));
    expect(first.service.engine().requestBudget()).toMatchObject({
      mode: 'fixed',
      setting: 120,
      perMinute: 120,
    });
    expect(events).toContainEqual({ mode: 'fixed', setting: 120, perMinute: 120, blockedUntilMs: null });

    await first.service.close();
    services.splice(services.indexOf(first.service), 1);
    const second = await start(dataDir, true);
    expect(value(await second.call('engine:status', {})).budget).toMatchObject({
      mode: 'fixed',
      setting: 120,
    });
    value(await second.call('settings:update', { requestsPerMinute: null }));
    expect(second.service.engine().requestBudget().mode).toBe('discover');
  });

  it('on the simulator the budget is unlimited whatever the setting', async () => {
    const { call, service } = await start(join(dir, 'sim'), false);
    value(await call('settings:update', { requestsPerMinute: 5 }));
    expect(service.engine().requestBudget().mode).toBe('unlimited');
    expect(value(await call('settings:get', {})).requestsPerMinute).toBe(5);
  });

  it('refuses values outside the bounds at the contract', async () => {
    const { call } = await start(join(dir, 'bounds'), false);
    for (const patch of [{ requestsPerMinute: 0 }, { requestsPerMinute: 2.5 }, { offlineFailAfterMin: 0 }]) {
      expect(await call('settings:update', patch)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});
