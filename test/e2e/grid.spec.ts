/**
 * The live grid, end to end against web mode and the in-process simulator: a small sweep on fixture
 * images fills the grid live (cards go from queued to done with thumbnails), the job detail opens with
 * parameters and its event log, cancel and retry work (batch cancel, per-job retry, "retry failed"),
 * and a 401 from the simulator shows the halt banner. Saves grid.png and job-detail.png for the README.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type StudioFixture, test } from './studio-fixture';

/** Opens the grid through the UI (nav rail, then the batch picker). */
async function openGrid(page: Page, studio: StudioFixture, batchName: string): Promise<void> {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: batchName }).click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
}

const cards = (page: Page) => page.getByTestId('job-card');

test('a sweep fills the grid live and a job detail opens', async ({ studio, page }) => {
  const { paths } = await studio.fixtures();
  // Slow enough (~2 s a job) to see cards before they finish.
  studio.simulator().configure({ latencyScale: 0.15 });
  await studio.call('engine:setConcurrency', { limit: 3 });
  const spec = {
    inputs: { paths: [paths.sunset, paths.portrait] },
    prompts: ['a {lighthouse|windmill} at dusk, oil painting'],
    seeds: '100, 200',
    styles: ['GENERAL', 'ANIME'],
  };
  const { jobCount } = await studio.call<{ jobCount: number }>('batch:create', {
    spec,
    name: 'Coastal studies',
  });
  expect(jobCount).toBe(16);
  await openGrid(page, studio, 'Coastal studies');

  await expect(cards(page)).toHaveCount(16);
  // Live: some cards are still queued or running when the grid first shows…
  await expect(page.locator('[data-testid="job-card"]:not([data-state="completed"])').first()).toBeVisible();
  // …and every one of them turns into a finished card with its thumbnail, without a reload.
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(16, {
    timeout: 45_000,
  });
  await expect(page.getByTestId('batch-state')).toHaveText('Finished');
  await expect(page.getByTestId('batch-state')).toHaveAttribute('data-tone', 'ok');
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 16 done');
  const thumbs = page.locator('[data-testid="job-card"] img[src*="output-thumb"]');
  await expect(thumbs).toHaveCount(16);
  await expect
    .poll(() =>
      thumbs.evaluateAll((imgs) =>
        imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
      ),
    )
    .toBe(true);

  // Filters: ANIME only halves the grid; a seed narrows it further.
  await page.getByLabel('Style').selectOption('ANIME');
  await expect(cards(page)).toHaveCount(8);
  await page.getByRole('textbox', { name: 'Seed' }).fill('200');
  await expect(cards(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'clear' }).first().click();
  await expect(cards(page)).toHaveCount(16);
  // Grouping by input puts a header row above each input's cards.
  await page.getByLabel('Group by input').check();
  await expect(page.locator('.job-group-header')).toHaveCount(2);
  await page.getByLabel('Group by input').uncheck();
  await expect(page.locator('.job-group-header')).toHaveCount(0);
  await page.screenshot({ path: 'test/e2e/screenshots/grid.png' });

  // A click opens the detail; the arrows move the cursor and the open detail follows; Enter opens it.
  await cards(page).first().click();
  const detail = page.getByTestId('job-detail');
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('Image weight');
  await expect(detail).toContainText('1024x1024');
  await expect(detail.getByTestId('job-events').locator('li').first()).toBeVisible();
  await expect
    .poll(() =>
      detail
        .locator('.detail-image img')
        .evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
  await page.screenshot({ path: 'test/e2e/screenshots/job-detail.png' });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
});

test('cancel stops a batch and a cancelled job can be retried', async ({ studio, page }) => {
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.3 });
  await studio.call('engine:setConcurrency', { limit: 1 });
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a quiet harbour'],
    seeds: '100-105',
    styles: ['GENERAL'],
  };
  await studio.call('batch:create', { spec, name: 'Harbour' });
  await openGrid(page, studio, 'Harbour');
  await expect(cards(page)).toHaveCount(6);

  await page.getByTestId('batch-cancel').click();
  await page
    .getByTestId('confirm-cancel')
    .getByRole('button', { name: /^Cancel \d+ jobs?$/ })
    .click();
  await expect(page.getByTestId('batch-state')).toHaveText('Cancelled');
  const cancelled = page.locator('[data-testid="job-card"][data-state="cancelled"]');
  // Settled: every card is either finished or cancelled (in-flight ones are cancelled too).
  await expect(
    page.locator('[data-testid="job-card"]:not([data-state="cancelled"]):not([data-state="completed"])'),
  ).toHaveCount(0);
  const cancelledCount = await cancelled.count();
  expect(cancelledCount).toBeGreaterThan(0);

  await cancelled.first().click();
  await page.getByTestId('detail-retry').click();
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(cancelled).toHaveCount(cancelledCount - 1, { timeout: 30_000 });
});

test('failed jobs show their reason and "retry failed" runs them again', async ({ studio, page }) => {
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ faults: { failed: 1 } });
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a red barn'],
    seeds: '100, 200',
    styles: ['GENERAL', 'DESIGN'],
  };
  await studio.call('batch:create', { spec, name: 'Barns' });
  await openGrid(page, studio, 'Barns');
  const failed = page.locator('[data-testid="job-card"][data-state="failed"]');
  await expect(failed).toHaveCount(4, { timeout: 30_000 });
  await expect(failed.first().locator('.job-error')).not.toBeEmpty();

  studio.simulator().configure({ faults: { failed: 0 } });
  await page.getByTestId('retry-failed').click();
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(4, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('retry-failed')).toBeHidden();
});

test('a 401 from the simulator shows the halt banner, and resume continues', async ({ studio, page }) => {
  const { paths } = await studio.fixtures();
  const sim = studio.simulator();
  const goodKey = sim.apiKey;
  sim.configure({ apiKeys: ['other'] });
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a snowy cabin'],
    seeds: '100, 200',
    styles: ['GENERAL'],
  };
  await studio.call('batch:create', { spec, name: 'Cabins' });
  await openGrid(page, studio, 'Cabins');
  const banner = page.getByTestId('halt-banner');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('API key');
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(0);

  sim.configure({ apiKeys: [goodKey] });
  await page.getByTestId('halt-resume').click();
  await expect(banner).toBeHidden();
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(2, {
    timeout: 30_000,
  });
});

test('a batch whose output folder cannot be written shows why it stopped, and resumes', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  const blocker = join(studio.dataDir, 'not-a-folder');
  writeFileSync(blocker, 'a file where the output folder should be\n');
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a red barn'],
    seeds: '100, 200',
    styles: ['GENERAL'],
  };
  const { batchId } = await studio.call<{ batchId: string }>('batch:create', {
    spec,
    name: 'Blocked',
    outputDir: blocker,
  });
  await openGrid(page, studio, 'Blocked');
  await expect(page.getByTestId('batch-state')).toHaveText('Halted', { timeout: 20_000 });
  await expect(page.getByTestId('batch-reason')).toContainText('ENOTDIR');
  await expect(page.getByTestId('halt-banner')).toBeHidden();
  // Fix the folder, then Resume and Retry failed: the paid results are fetched again, not re-generated.
  rmSync(blocker);
  const acceptedBefore = studio.simulator().stats().acceptedSubmits;
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByTestId('retry-failed').click();
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  expect(studio.simulator().stats().acceptedSubmits).toBe(acceptedBefore);
  expect((await studio.call<{ state: string }>('batch:get', { batchId })).state).toBe('completed');
});
