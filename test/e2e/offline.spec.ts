/**
 * Offline is a state, not a failure, in the UI: a studio whose way to Segmind (the simulator behind a
 * loopback proxy) is cut mid-run says "Offline — retrying in N s" in the top bar and above the grid,
 * fails no job, and when the way is back shows "Healthy" and finishes the batch without a click. Also
 * the request budget in Settings. Saves offline.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createDispatcher, type Dispatch } from '../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../electron/service/studio-service';
import { type SimulatorHandle, startSimulator } from '../../electron/simulator/server';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { generateFixtures } from '../fixtures/generate-fixtures';
import { type OutageProxy, startOutageProxy } from '../integration/net/outage-proxy';

interface Studio {
  service: StudioService;
  dispatch: Dispatch;
  web: WebServer;
  sim: SimulatorHandle;
  proxy: OutageProxy;
  goodDir: string;
}

/** A studio on "Segmind" = the simulator reached only through the proxy, with quick outage detection. */
const test = base.extend<{ studio: Studio }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  studio: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sweep-e2e-offline-'));
    await generateFixtures(join(dataDir, 'fixtures'));
    const sim = await startSimulator({ latencyScale: 0.08 });
    const proxy = await startOutageProxy(sim.url);
    sim.configure({ publicUrl: proxy.url });
    const service = await startStudioService({
      shell: 'web',
      dataDir,
      backend: { apiKey: sim.apiKey, baseUrl: `${proxy.url}/v1` },
      engine: {
        feedIntervalMs: 100,
        retryBaseDelayMs: 50,
        concurrency: 4,
        // The simulator has no budget; discovering one would only slow the test down.
        requestsPerMinute: undefined,
        timeouts: { submitMs: 3_000, statusMs: 1_500, resultMs: 3_000, mediaMs: 3_000 },
        connectivity: { probeInitialMs: 3_000, probeMaxMs: 4_000 },
        probeTimeoutMs: 500,
      },
    });
    const dispatch = createDispatcher(service.handlers, (err) => console.error(err));
    const web = await startWebServer({ service, dispatch, staticDir: resolve('out/renderer') });
    await use({ service, dispatch, web, sim, proxy, goodDir: join(dataDir, 'fixtures', 'good') });
    await web.close();
    await service.close();
    await proxy.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

async function openGrid(page: Page, studio: Studio, name: string): Promise<void> {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name }).click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
}

test('the network goes away mid-run: Offline with a countdown, nothing fails, back without a click', async ({
  studio,
  page,
}) => {
  const created = await studio.dispatch('batch:create', {
    spec: {
      inputs: { paths: [studio.goodDir] },
      prompts: ['a lighthouse at dusk, oil painting'],
      seeds: '100-105',
    },
    name: 'Night run',
  });
  expect(created.ok, JSON.stringify(created)).toBe(true);
  const batchId = (created as { value: { batchId: string } }).value.batchId;
  await openGrid(page, studio, 'Night run');
  const health = page.getByTestId('health');
  await expect(health).toHaveText('Healthy', { timeout: 20_000 });
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]').first()).toBeVisible({
    timeout: 30_000,
  });

  await studio.proxy.set('refuse');
  await expect(health).toHaveText(/^Offline — retrying (in \d+ s|now)$/, { timeout: 20_000 });
  await expect(health).toHaveAttribute('data-tone', 'bad');
  const banner = page.getByTestId('grid-offline');
  await expect(banner).toContainText(/Offline — retrying/);
  await expect(banner).toContainText('no job fails for it');
  await expect(page.locator('[data-testid="job-card"][data-state="failed"]')).toHaveCount(0);
  await page.mouse.move(720, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/offline.png' });

  await studio.proxy.set('pass');
  await expect(health).toHaveText('Healthy', { timeout: 20_000 });
  await expect(banner).toHaveCount(0);
  // The grid is virtualised: the header's counts speak for every card.
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 30 done', { timeout: 45_000 });
  await expect(page.getByTestId('batch-state')).toHaveText('Finished');
  await expect(page.locator('[data-testid="job-card"][data-state="failed"]')).toHaveCount(0);
  expect(studio.service.engine().summary(batchId)?.counts.failed).toBe(0);
  expect(studio.sim.stats().duplicateSubmits).toBe(0);
});

test('the request budget and the outage limit are set in Settings and reach the engine', async ({
  studio,
  page,
}) => {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('settings-network');
  await expect(page.getByTestId('settings-rpm')).toHaveValue('discover');
  await page.getByTestId('settings-rpm').selectOption('120');
  await page.getByTestId('settings-offline').selectOption('limit');
  await page.getByTestId('settings-offline-minutes').fill('45');
  await page.getByTestId('settings-network-save').click();
  await expect(card.getByTestId('settings-network-saved')).toBeVisible();
  expect(studio.service.engine().requestBudget()).toMatchObject({ mode: 'fixed', setting: 120 });

  await page.getByTestId('settings-rpm').selectOption('custom');
  await page.getByTestId('settings-rpm-custom').fill('lots');
  await expect(card.getByText(/whole number from 1/)).toBeVisible();
  await expect(page.getByTestId('settings-network-save')).toBeDisabled();
  await page.getByTestId('settings-rpm-custom').fill('300');
  await page.getByTestId('settings-network-save').click();
  await expect(card.getByTestId('settings-network-saved')).toBeVisible();
  expect(studio.service.engine().requestBudget()).toMatchObject({ mode: 'fixed', setting: 300 });

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-rpm')).toHaveValue('custom');
  await expect(page.getByTestId('settings-rpm-custom')).toHaveValue('300');
  await expect(page.getByTestId('settings-offline-minutes')).toHaveValue('45');
});
