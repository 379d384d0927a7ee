/**
 * One concurrency setting: a change from the grid (`engine:setConcurrency`) is saved as the setting,
 * so it survives a backend switch (`settings:setApiKey`) and a restart of the service, and a change in
 * settings reaches the running engine. The engine passes every change on to the client, whose pool
 * follows it (the pool itself is tested in test/integration/segmind/connection-pool.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { startEngine } from '../../../electron/engine/engine';
import { createSegmindClient } from '../../../electron/segmind/client';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';

let dir: string;
const services: StudioService[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-concurrency-'));
});

afterAll(async () => {
  for (const s of services) await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<{ service: StudioService; call: Dispatch }> {
  const service = await startStudioService({ shell: 'web', dataDir, backend: { apiKey: null } });
  services.push(service);
  return { service, call: createDispatcher(service.handlers, () => {}) };
}

// biome-ignore lint/suspicious/noExplicitAny: outcomes are read loosely.
const value = (outcome: any) => {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return outcome.value;
};

describe('the concurrency setting', () => {
  it('is saved from the grid and survives a backend switch and a service restart', async () => {
    const dataDir = join(dir, 'studio');
    const first = await start(dataDir);
    expect(value(await first.call('settings:get', {})).defaultConcurrency).toBe(DEFAULT_USER_LIMIT);

    const events: number[] = [];
    first.service.on('engine:status', (s) => events.push(s.concurrency.userLimit));
    expect(value(await first.call('engine:setConcurrency', { limit: 8 })).concurrency.userLimit).toBe(8);
    expect(events).toContain(8);
    expect(value(await first.call('settings:get', {})).defaultConcurrency).toBe(8);

    // Forgetting the key restarts the backend and the engine: the limit stays.
    value(await first.call('settings:setApiKey', { apiKey: null }));
    expect(value(await first.call('engine:status', {})).concurrency.userLimit).toBe(8);

    await first.service.close();
    services.splice(services.indexOf(first.service), 1);
    const second = await start(dataDir);
    expect(value(await second.call('engine:status', {})).concurrency.userLimit).toBe(8);
    expect(value(await second.call('settings:get', {})).defaultConcurrency).toBe(8);

    // And a change in settings reaches the running engine.
    value(await second.call('settings:update', { defaultConcurrency: 3 }));
    expect(second.service.engine().concurrency().userLimit).toBe(3);
  });

  it('refuses limits outside the shared bounds at the contract', async () => {
    const { call } = await start(join(dir, 'bounds'));
    for (const limit of [0, 65, 2.5]) {
      const outcome = await call('engine:setConcurrency', { limit });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(value(await call('settings:get', {})).defaultConcurrency).toBe(DEFAULT_USER_LIMIT);
  });

  it('the engine resizes its client pool with every change', async () => {
    const journal = openJournal({ file: journalPath(join(dir, 'engine')) });
    const real = createSegmindClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/v1', concurrency: 2 });
    const sizes: number[] = [];
    const client = {
      ...real,
      setConcurrency(n: number) {
        sizes.push(n);
        real.setConcurrency(n);
      },
    };
    const engine = await startEngine({
      journal,
      dataDir: join(dir, 'engine'),
      baseUrl: '',
      apiKey: '',
      client,
    });
    try {
      engine.setConcurrency(8);
      engine.setConcurrency(3);
      expect(sizes).toEqual([8, 3]);
      expect(engine.concurrency().userLimit).toBe(3);
    } finally {
      await engine.stop();
      journal.close();
    }
  });
});
