/**
 * The store actions views call instead of the API: each sends the contract call a view used to make
 * and puts main's answer where the views read it (settings and engine status in the app store, picked
 * folders in the composer form). The studio client is faked; nothing here talks to main.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/src/stores/app-store';
import { useBatchStore } from '../../../renderer/src/stores/batch-store';
import { EMPTY_FORM } from '../../../renderer/src/stores/composer-form';
import { useComposer } from '../../../renderer/src/stores/composer-store';

const studio = vi.hoisted(() => ({
  'settings:update': vi.fn(),
  'settings:setApiKey': vi.fn(),
  'settings:get': vi.fn(),
  'engine:setConcurrency': vi.fn(),
  'engine:resumeAfterHalt': vi.fn(),
  'inputs:pickFolder': vi.fn(),
  'batch:pause': vi.fn(),
  'batch:setMaxSpend': vi.fn(),
  'ledger:month': vi.fn(),
  'sweep:estimate': vi.fn(),
  'job:reveal': vi.fn(),
}));

vi.mock('../../../renderer/src/api/studio-api', () => ({ studio }));

// Only the fields the assertions read; the stores pass main's answers through untouched.
const settings = (outputDir: string) => ({ outputDir }) as never;
const engine = (userLimit: number) => ({ concurrency: { userLimit } }) as never;

beforeEach(() => {
  vi.resetAllMocks();
  useApp.setState({ settings: { status: 'loading' }, engine: null });
  useComposer.setState({ form: EMPTY_FORM });
});

describe('app store actions', () => {
  it('updateSettings sends the patch and holds main’s answer', async () => {
    studio['settings:update'].mockResolvedValueOnce(settings('/saved'));
    await useApp.getState().updateSettings({ outputDir: '/saved' });
    expect(studio['settings:update']).toHaveBeenCalledWith({ outputDir: '/saved' });
    expect(useApp.getState().settings).toEqual({ status: 'ready', value: settings('/saved') });
  });

  it('a refused update rejects and leaves the settings held as they were', async () => {
    useApp.setState({ settings: { status: 'ready', value: settings('/before') } });
    studio['settings:update'].mockRejectedValueOnce(new Error('invalid_input'));
    await expect(useApp.getState().updateSettings({ template: '{nope}' })).rejects.toThrow('invalid_input');
    expect(useApp.getState().settings).toEqual({ status: 'ready', value: settings('/before') });
  });

  it('setApiKey stores the answer, then re-reads the settings', async () => {
    studio['settings:setApiKey'].mockResolvedValueOnce(settings('/keyed'));
    let reread: (value: unknown) => void = () => undefined;
    studio['settings:get'].mockReturnValueOnce(new Promise((resolve) => (reread = resolve)));
    await useApp.getState().setApiKey('SG_x');
    expect(studio['settings:setApiKey']).toHaveBeenCalledWith({ apiKey: 'SG_x' });
    expect(useApp.getState().settings).toEqual({ status: 'ready', value: settings('/keyed') });
    expect(studio['settings:get']).toHaveBeenCalledTimes(1);
    reread(settings('/reread'));
    await vi.waitFor(() =>
      expect(useApp.getState().settings).toEqual({ status: 'ready', value: settings('/reread') }),
    );
  });

  it('setConcurrency and resumeAfterHalt hold the engine status main answers', async () => {
    studio['engine:setConcurrency'].mockResolvedValueOnce(engine(7));
    await useApp.getState().setConcurrency(7);
    expect(studio['engine:setConcurrency']).toHaveBeenCalledWith({ limit: 7 });
    expect(useApp.getState().engine).toEqual(engine(7));
    studio['engine:resumeAfterHalt'].mockResolvedValueOnce(engine(8));
    await useApp.getState().resumeAfterHalt();
    expect(useApp.getState().engine).toEqual(engine(8));
  });
});

describe('money actions', () => {
  it('loadMonthLedger holds main’s answer, or the error', async () => {
    studio['ledger:month'].mockResolvedValueOnce({ backend: 'segmind' });
    await useApp.getState().loadMonthLedger();
    expect(useApp.getState().month).toEqual({ status: 'ready', value: { backend: 'segmind' } });
    studio['ledger:month'].mockRejectedValueOnce(new Error('gone'));
    await useApp.getState().loadMonthLedger();
    expect(useApp.getState().month).toMatchObject({ status: 'error' });
  });

  it('estimateSweep asks main with the spec and concurrency', async () => {
    studio['sweep:estimate'].mockResolvedValueOnce({ ok: true, jobsToPay: 0 });
    await expect(useComposer.getState().estimateSweep({ spec: { a: 1 }, concurrency: 4 })).resolves.toEqual({
      ok: true,
      jobsToPay: 0,
    });
    expect(studio['sweep:estimate']).toHaveBeenCalledWith({ spec: { a: 1 }, concurrency: 4 });
  });
});

describe('composer store folder pickers', () => {
  it('adds the picked input folders', async () => {
    studio['inputs:pickFolder'].mockResolvedValueOnce({ paths: ['/a', '/b'], supported: true });
    await expect(useComposer.getState().pickInputFolders()).resolves.toEqual({ supported: true });
    expect(studio['inputs:pickFolder']).toHaveBeenCalledWith({ purpose: 'inputs' });
    expect(useComposer.getState().form.paths).toEqual(['/a', '/b']);
  });

  it('says when there is no picker (web mode) and adds nothing', async () => {
    studio['inputs:pickFolder'].mockResolvedValueOnce({ paths: null, supported: false });
    await expect(useComposer.getState().pickInputFolders()).resolves.toEqual({ supported: false });
    expect(useComposer.getState().form.paths).toEqual([]);
  });

  it('sets the output folder only when one was picked', async () => {
    studio['inputs:pickFolder'].mockResolvedValueOnce({ paths: null, supported: true });
    await useComposer.getState().pickOutputFolder();
    expect(useComposer.getState().form.outputDir).toBe('');
    studio['inputs:pickFolder'].mockResolvedValueOnce({ paths: ['/out'], supported: true });
    await useComposer.getState().pickOutputFolder();
    expect(studio['inputs:pickFolder']).toHaveBeenLastCalledWith({ purpose: 'output' });
    expect(useComposer.getState().form.outputDir).toBe('/out');
  });
});

describe('batch store actions', () => {
  it('sends batch controls for the batch given', async () => {
    studio['batch:pause'].mockResolvedValueOnce({});
    await useBatchStore.getState().pause('b7');
    expect(studio['batch:pause']).toHaveBeenCalledWith({ batchId: 'b7' });
  });

  it('setMaxSpend sends the new cap, or null for none', async () => {
    studio['batch:setMaxSpend'].mockResolvedValue({});
    await useBatchStore.getState().setMaxSpend('b7', 12.5);
    expect(studio['batch:setMaxSpend']).toHaveBeenCalledWith({ batchId: 'b7', maxSpendUsd: 12.5 });
    await useBatchStore.getState().setMaxSpend('b7', null);
    expect(studio['batch:setMaxSpend']).toHaveBeenLastCalledWith({ batchId: 'b7', maxSpendUsd: null });
  });

  it('revealJob passes on main’s answer, reason included', async () => {
    studio['job:reveal'].mockResolvedValueOnce({ ok: false, reason: 'unsupported' });
    await expect(useBatchStore.getState().revealJob(3, true)).resolves.toEqual({
      ok: false,
      reason: 'unsupported',
    });
    expect(studio['job:reveal']).toHaveBeenCalledWith({ jobId: 3, open: true });
  });
});
