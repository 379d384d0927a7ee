/**
 * Lifecycle of the built shell under the Electron double: a second instance leaves at once and the
 * first comes to the front; quitting with submits in the air waits until their request ids are in the
 * journal (nothing is paid twice after a restart) and ends within the quit bound; a start that fails
 * (a journal from a newer version) says so in a dialog and the log, and exits with 1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RPM_MAX } from '@shared/scheduling/request-budget';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIT_TIMEOUT_MS } from '../../../electron/main/quit';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { type HeldSubmitsProxy, startHeldSubmitsProxy } from './held-submits-proxy';
import { launchShell, until } from './shell-harness';

const KEY = 'sim-lifecycle-key-0123456789';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-shell-life-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('single instance', () => {
  it('a second launch quits before opening anything, and the first comes to the front', async () => {
    const first = await launchShell({ dir: join(dir, 'first') });
    first.window!.minimize();

    const second = await launchShell({
      dir: join(dir, 'second'),
      anotherInstanceHoldsLock: true,
      expectWindow: false,
    });
    expect(await second.double.exited).toBe(0);
    expect(second.double.state.windows).toHaveLength(0);
    expect(second.double.protocol.handlers.size).toBe(0);
    expect(existsSync(join(second.dataDir, 'journal.sqlite'))).toBe(false);

    // Electron tells the lock holder; its window is restored and focused.
    first.double.app.simulateSecondInstance(['sweep-studio'], dir);
    expect(first.window!.isMinimized()).toBe(false);
    expect(first.window!.isFocused()).toBe(true);
    expect(await first.quit()).toBe(0);
  });
});

describe('quitting with jobs in flight', () => {
  let simulator: SimulatorHandle;
  let proxy: HeldSubmitsProxy;

  beforeAll(async () => {
    simulator = await startSimulator({ apiKeys: [KEY], latencyScale: 0.01 });
    proxy = await startHeldSubmitsProxy(simulator.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await simulator?.close();
  });

  it('waits for submits in the air to record their request ids, within the bound, and a restart pays nothing twice', async () => {
    const home = join(dir, 'in-flight');
    const env = { SEGMIND_API_KEY: KEY, SEGMIND_BASE_URL: proxy.baseUrl };
    const run = await launchShell({ dir: home, env });
    const { client } = run.renderer();
    // The simulator has no request budget; a live key starts in "discover" (a safe 50 a minute), too slow here.
    await client['settings:update']({ requestsPerMinute: RPM_MAX });
    const photos = join(home, 'photos');
    mkdirSync(photos, { recursive: true });
    const input = join(photos, 'one.png');
    await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 9, g: 160, b: 90 } } })
      .png()
      .toFile(input);
    const created = await client['batch:create']({
      outputDir: join(home, 'outputs'),
      spec: {
        inputs: { paths: [input], recursive: false },
        prompts: ['a {red|green|blue} kite'],
        seeds: '100-103',
        styles: ['GENERAL'],
        resolutions: ['RESOLUTION_1024_640'],
        sweepSeed: 3,
      },
    });
    expect(created.jobCount).toBe(12);
    await until(() => proxy.held() >= 2, 'two submits in the air');

    const quitAt = Date.now();
    const exited = run.quit();
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      proxy.release();
    }, 1_500);
    expect(await exited).toBe(0);
    const exitedAt = Date.now();
    expect(releasedAt).toBeGreaterThan(0);
    expect(exitedAt).toBeGreaterThanOrEqual(releasedAt);
    expect(exitedAt - quitAt).toBeLessThan(QUIT_TIMEOUT_MS);

    const journal = new Database(join(run.dataDir, 'journal.sqlite'), { readonly: true });
    const rows = journal.prepare('SELECT state, request_id AS requestId FROM jobs').all() as {
      state: string;
      requestId: string | null;
    }[];
    journal.close();
    expect(rows.filter((r) => r.state === 'submitting')).toEqual([]);
    const recorded = new Set(rows.map((r) => r.requestId).filter(Boolean));
    expect(proxy.issued().length).toBeGreaterThanOrEqual(2);
    for (const id of proxy.issued()) expect(recorded.has(id), `request ${id} recorded`).toBe(true);

    const again = await launchShell({ dir: home, env });
    const page = again.renderer();
    await until(
      async () => (await page.client['batch:get']({ batchId: created.batchId })).state === 'completed',
      'the resumed batch to complete',
      60_000,
    );
    expect(simulator.stats().acceptedSubmits).toBe(12);
    expect(await again.quit()).toBe(0);
  });
});

describe('a start that fails', () => {
  it('shows an error box, logs the cause and exits with 1', async () => {
    const home = join(dir, 'newer');
    const dataDir = join(home, 'data');
    mkdirSync(dataDir, { recursive: true });
    const newer = new Database(join(dataDir, 'journal.sqlite'));
    newer.pragma('user_version = 999');
    newer.close();

    const run = await launchShell({ dir: home, expectWindow: false });
    expect(await run.double.exited).toBe(1);
    expect(run.double.state.windows).toHaveLength(0);
    const [title, message] = run.double.state.callsTo('dialog.showErrorBox')[0] as string[];
    expect(title).toBe('Sweep Studio could not start');
    expect(message).toMatch(/newer/i);
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('studio failed to start');
  });
});
