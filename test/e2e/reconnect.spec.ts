/**
 * Issue 11 §6, acceptance 6: web mode is stopped under an open page and started again on the same data
 * folder. It comes back on the same address with the same session (both kept in the data folder), and
 * the page, never reloaded, says the studio is unreachable meanwhile, lets a call made then wait
 * instead of failing with "Failed to fetch", reconnects by itself and shows live data again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebMode, type WebMode } from '../../electron/web/web-mode';
import { generateFixtures } from '../fixtures/generate-fixtures';

test('a restarted studio in web mode: same address, the open page reconnects and shows live data', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sweep-e2e-reconnect-'));
  const start = () =>
    startWebMode({
      dataDir,
      staticDir: resolve('out/renderer'),
      backend: { apiKey: null, simulator: { latencyScale: 0.02 } },
      engine: { feedIntervalMs: 100, retryBaseDelayMs: 50 },
    });
  let mode: WebMode | null = await start();
  try {
    await generateFixtures(join(dataDir, 'fixtures'));
    const url = mode.web.url;
    await page.goto(url);
    await expect(page.getByTestId('backend-badge')).toHaveText('Simulator (offline)');
    // "Healthy" only once a real request got an answer; before any, the pill says Ready.
    await expect(page.getByTestId('health')).toContainText('Ready');
    await page.evaluate(() => {
      (globalThis as unknown as { samePage: boolean }).samePage = true;
    });

    await mode.close();
    mode = null;
    await expect(page.getByTestId('connection-lost')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('connection-lost')).toContainText('reconnecting');
    // A call made while the studio is away waits for it (History reads the batch list).
    await page.getByTestId('nav-history').click();

    mode = await start();
    expect(mode.web.url).toBe(url);
    await expect(page.getByTestId('connection-lost')).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('history-count')).toHaveText('0 of 0 batches');

    // Live again: a batch started now appears and fills in on the same page.
    const res = await fetch(`${mode.web.origin}/api/call/batch:create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-studio-token': mode.web.token },
      body: JSON.stringify({
        spec: {
          inputs: { paths: [join(dataDir, 'fixtures', 'good')] },
          prompts: ['a lighthouse after the storm'],
          seeds: '100',
        },
        name: 'After the restart',
      }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    const card = page.getByTestId('history-batch');
    await expect(card).toHaveCount(1, { timeout: 15_000 });
    await expect(card).toContainText('After the restart');
    await expect(card.getByTestId('history-line')).toHaveText('5 done', { timeout: 45_000 });
    await expect(page.getByTestId('health')).toContainText('Healthy');
    await expect(page.getByText('Failed to fetch')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as unknown as { samePage?: boolean }).samePage)).toBe(true);
  } finally {
    await mode?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
