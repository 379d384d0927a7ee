import type { EngineStatus } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { connectionModel } from '../../../renderer/src/shell/connection-model';
import { formFrom, patchFrom } from '../../../renderer/src/views/settings/network-form';

const NOW = 1_800_000_000_000;

function engine(patch: Partial<EngineStatus> = {}): EngineStatus {
  return {
    halt: { state: 'open' },
    concurrency: { userLimit: 4, effective: 4, inFlight: 0 },
    connectivity: { state: 'online', lastOkMs: null },
    budget: { mode: 'unlimited', setting: null, perMinute: null, blockedUntilMs: null },
    ...patch,
  };
}

describe('connection model (top bar and grid)', () => {
  it('"Healthy" only when a real request just got an answer', () => {
    expect(
      connectionModel(engine({ connectivity: { state: 'online', lastOkMs: NOW - 5_000 } }), null, NOW),
    ).toMatchObject({
      tone: 'ok',
      label: 'Healthy',
    });
    expect(connectionModel(engine(), null, NOW)).toMatchObject({ tone: 'idle', label: 'Ready' });
    expect(
      connectionModel(engine({ connectivity: { state: 'online', lastOkMs: NOW - 5 * 60_000 } }), null, NOW),
    ).toMatchObject({ tone: 'idle', detail: 'Last answer 5 min ago' });
    expect(connectionModel(null, null, NOW)).toBeNull();
  });

  it('"Offline — retrying in 20 s", counting down, saying nothing fails', () => {
    const offline = engine({
      connectivity: {
        state: 'offline',
        sinceMs: NOW - 60_000,
        nextProbeMs: NOW + 20_000,
        cause: 'connect ECONNREFUSED',
        givenUp: false,
      },
    });
    const m = connectionModel(offline, null, NOW)!;
    expect(m).toMatchObject({ tone: 'bad', label: 'Offline — retrying in 20 s', ticking: true });
    expect(m.detail).toMatch(/ECONNREFUSED.*no job fails for it/);
    expect(connectionModel(offline, null, NOW + 19_500)!.label).toBe('Offline — retrying in 1 s');
    expect(connectionModel(offline, null, NOW + 25_000)!.label).toBe('Offline — retrying now');
    const given = engine({
      connectivity: { state: 'offline', sinceMs: NOW - 60_000, nextProbeMs: NOW, cause: 'x', givenUp: true },
    });
    expect(connectionModel(given, null, NOW)!.label).toBe('Offline — waiting jobs fail');
  });

  it('rate limited while a 429 reset time lasts', () => {
    const limited = engine({
      connectivity: { state: 'online', lastOkMs: NOW },
      budget: { mode: 'fixed', setting: 50, perMinute: 35, blockedUntilMs: NOW + 2_100 },
    });
    expect(connectionModel(limited, null, NOW)).toMatchObject({
      tone: 'warn',
      label: 'Rate limited — resuming in 3 s',
    });
    expect(connectionModel(limited, null, NOW + 3_000)!.label).toBe('Healthy');
  });
});

describe('network settings form', () => {
  it('maps settings to choices and back', () => {
    expect(formFrom({ requestsPerMinute: null, offlineFailAfterMin: null })).toEqual({
      budget: 'discover',
      custom: '',
      failAfter: false,
      minutes: '30',
    });
    expect(formFrom({ requestsPerMinute: 120, offlineFailAfterMin: 10 })).toMatchObject({
      budget: '120',
      failAfter: true,
      minutes: '10',
    });
    expect(formFrom({ requestsPerMinute: 300, offlineFailAfterMin: null })).toMatchObject({
      budget: 'custom',
      custom: '300',
    });
    for (const settings of [
      { requestsPerMinute: null, offlineFailAfterMin: null },
      { requestsPerMinute: 500, offlineFailAfterMin: 45 },
      { requestsPerMinute: 2_000, offlineFailAfterMin: null },
    ]) {
      expect(patchFrom(formFrom(settings))).toEqual({ ok: true, patch: settings });
    }
  });

  it('names the problem with a custom rate or a limit', () => {
    const base = formFrom({ requestsPerMinute: null, offlineFailAfterMin: null });
    expect(patchFrom({ ...base, budget: 'custom', custom: 'lots' })).toMatchObject({ ok: false });
    expect(patchFrom({ ...base, budget: 'custom', custom: '1,000' })).toEqual({
      ok: true,
      patch: { requestsPerMinute: 1000, offlineFailAfterMin: null },
    });
    expect(patchFrom({ ...base, failAfter: true, minutes: '0' })).toMatchObject({ ok: false });
  });
});
