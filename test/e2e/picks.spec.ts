/**
 * The artist's morning, results side, end to end in web mode (issue 12 §2, §6): the batch's labelled
 * grids, one per input, are written when it ends; rate by keyboard in the grid (P, X, 1-5, 0 on the
 * cursor card; listed in the shortcut overlay), the job detail and compare (the pane under the
 * pointer), filter the grid by rating, export the picks (the dialog's figures match the folder), clean
 * up the rejects (the confirmation states files and bytes; the cards then say deleted), find the batch
 * in History by its picks, and export a labelled grid from the matrix (a download in web mode). Saves
 * the README's workflow screenshots.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, type StudioFixture, test } from './studio-fixture';

const SHOTS = 'test/e2e/screenshots';

async function openGrid(page: Page, studio: StudioFixture, name: string): Promise<void> {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name }).click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
}

const card = (page: Page, n: number) => page.getByTestId('job-card').nth(n);

/** The batch's own folder under the output folder: its name, slugged (the `{batch}` token). */
async function batchFolderOf(studio: StudioFixture, batchId: string): Promise<string> {
  return (await studio.call<{ folder: string | null }>('batch:get', { batchId })).folder ?? batchId;
}

async function batchJobs(studio: StudioFixture, batchId: string) {
  return (
    await studio.call<{
      rows: { id: number; ordinal: number; flag: string; stars: number; outputPath: string }[];
    }>('jobs:page', { batchId, limit: 100 })
  ).rows;
}

test('cull by keyboard in the grid and compare, filter, export the picks, clean up the rejects', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  const batchId = await studio.runBatch(
    {
      inputs: { paths: [paths.sunset, paths.portrait] },
      prompts: ['a lighthouse at dusk, oil painting'],
      seeds: '100, 200, 300',
      styles: ['GENERAL', 'ANIME'],
    },
    'Lighthouse morning',
  );
  // The batch ended with a labelled grid per input beside its outputs (the setting is on by default).
  const { outputDir } = await studio.call<{ outputDir: string }>('settings:get', {});
  const gridsDir = join(outputDir, await batchFolderOf(studio, batchId), 'grids');
  await expect
    .poll(() => (existsSync(gridsDir) ? readdirSync(gridsDir).sort() : []), { timeout: 30_000 })
    .toEqual(['portrait-rings__seed-by-style.png', 'sunset-gradient__seed-by-style.png']);
  await openGrid(page, studio, 'Lighthouse morning');
  await expect(page.getByTestId('job-card')).toHaveCount(12);

  // The overlay lists the rating keys.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('Flag as a pick');
  await expect(page.getByTestId('help-overlay')).toContainText('Flag as a reject');
  await page.keyboard.press('Escape');

  // Grid: the cursor card takes P, X and the star keys.
  await card(page, 0).click();
  await page.keyboard.press('p');
  await expect(card(page, 0)).toHaveAttribute('data-flag', 'pick');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('4');
  await expect(card(page, 1)).toHaveAttribute('data-stars', '4');
  await page.keyboard.press('p');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('x');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('x');
  await page.keyboard.press('3');
  await page.keyboard.press('0');
  await expect(card(page, 3)).toHaveAttribute('data-flag', 'reject');
  await expect(card(page, 3)).toHaveAttribute('data-stars', '0');
  await expect(card(page, 2).getByTestId('rating-badge')).toHaveAttribute('data-flag', 'reject');
  // P again unpicks.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('p');
  await expect(card(page, 4)).toHaveAttribute('data-flag', 'pick');
  await page.keyboard.press('p');
  await expect(card(page, 4)).toHaveAttribute('data-flag', 'none');
  await expect(page.getByTestId('rating-counts')).toContainText('⚑ 2 picks');
  await expect(page.getByTestId('rating-counts')).toContainText('✕ 2 rejects');
  // What main holds is what the cards say.
  await expect
    .poll(async () => (await batchJobs(studio, batchId)).slice(0, 5).map((j) => `${j.flag}/${j.stars}`))
    .toEqual(['pick/0', 'pick/4', 'reject/0', 'reject/0', 'none/0']);

  // Filters by rating.
  await page.getByTestId('filter-rating').selectOption('pick');
  await expect(page.getByTestId('job-card')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/picks-grid.png` });
  await page.getByTestId('filter-rating').selectOption('stars-4');
  await expect(page.getByTestId('job-card')).toHaveCount(1);
  await page.getByTestId('filter-rating').selectOption('unrated');
  await expect(page.getByTestId('job-card')).toHaveCount(8);
  await page.getByTestId('filter-rating').selectOption('all');
  await expect(page.getByTestId('job-card')).toHaveCount(12);

  // Compare: rate the pane under the pointer; 0 stays "fit" there.
  await card(page, 5).click({ modifiers: ['Control'] });
  await card(page, 6).click({ modifiers: ['Control'] });
  await page.keyboard.press('c');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  const panes = page.getByTestId('compare-pane');
  await expect(panes).toHaveCount(2);
  await panes.nth(1).hover();
  await expect(panes.nth(1)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('p');
  await page.keyboard.press('5');
  await expect(panes.nth(1).getByTestId('rating-pick')).toHaveAttribute('aria-pressed', 'true');
  await expect(panes.nth(1).getByTestId('rating-star-5')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('0');
  await expect(panes.nth(1).getByTestId('rating-star-5')).toHaveAttribute('aria-pressed', 'true');
  await panes.nth(0).hover();
  await page.keyboard.press('x');
  await expect(panes.nth(0).getByTestId('rating-reject')).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(700, 880);
  await page.screenshot({ path: `${SHOTS}/picks-compare.png` });
  await expect
    .poll(async () => (await batchJobs(studio, batchId)).slice(5, 7).map((j) => `${j.flag}/${j.stars}`))
    .toEqual(['reject/0', 'pick/5']);

  // Job detail: the keys rate the open result, its control shows it, and its buttons rate too.
  await page.getByTestId('nav-grid').click();
  await card(page, 7).click();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('job-detail');
  await expect(detail).toBeVisible();
  await page.keyboard.press('2');
  await expect(detail.getByTestId('rating-star-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(detail.getByTestId('rating-star-3')).toHaveAttribute('aria-pressed', 'false');
  await expect(card(page, 7)).toHaveAttribute('data-stars', '2');
  await detail.getByTestId('rating-star-3').click();
  await expect(card(page, 7)).toHaveAttribute('data-stars', '3');
  await expect
    .poll(async () => (await batchJobs(studio, batchId))[7])
    .toMatchObject({ flag: 'none', stars: 3 });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // Export the picks: the dialog's figures are the folder's.
  await page.getByTestId('open-export-picks').click();
  const dialog = page.getByTestId('export-picks');
  await expect(dialog).toContainText('Picks (3)');
  const target = join(studio.dataDir, 'picked');
  await page.getByTestId('export-dir').fill(target);
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-result')).toContainText('Exported 3 files');
  await page.screenshot({ path: `${SHOTS}/export-picks.png` });
  const files = readdirSync(target).sort();
  expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(3);
  expect(files).toContain(`manifest-${batchId}.csv`);
  expect(files).toContain(`manifest-${batchId}.json`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Clean up the rejects: the confirmation states what goes; afterwards the cards say so.
  const rejects = (await batchJobs(studio, batchId)).filter((j) => j.flag === 'reject');
  expect(rejects).toHaveLength(3);
  const bytes = rejects.reduce((n, j) => n + statSync(j.outputPath).size, 0);
  await page.getByTestId('open-cleanup').click();
  const plan = page.getByTestId('cleanup-plan');
  await expect(plan).toContainText('Delete 3 files (');
  const [, amount, unit] = /Delete 3 files \(([\d.]+) (KB|MB)\)/.exec((await plan.textContent()) ?? '') ?? [];
  // The figure is the plan's bytes, rounded as shown (whole KB, or MB to one decimal).
  const shownBytes = Number(amount) * (unit === 'MB' ? 1024 * 1024 : 1024);
  expect(Math.abs(shownBytes - bytes)).toBeLessThanOrEqual(unit === 'MB' ? 0.05 * 1024 * 1024 : 512);
  await page.screenshot({ path: `${SHOTS}/cleanup.png` });
  await page.getByTestId('cleanup-run').click();
  await expect(page.getByTestId('cleanup-result')).toContainText('Deleted 3 files');
  await page.getByTestId('cleanup').getByRole('button', { name: 'Close' }).click();
  for (const j of rejects) expect(existsSync(j.outputPath), j.outputPath).toBe(false);
  const kept = (await batchJobs(studio, batchId)).filter((j) => j.flag !== 'reject');
  for (const j of kept) expect(existsSync(j.outputPath), j.outputPath).toBe(true);
  await expect(page.locator('[data-testid="job-card"][data-deleted="true"]')).toHaveCount(3);
  await expect(card(page, 2)).toContainText('File deleted');
  await expect(page.getByTestId('rating-counts')).toContainText('3 deleted');

  // History: the batch's card counts its picks and "Has picks" finds it.
  await studio.runBatch(
    { inputs: { paths: [paths.sunset] }, prompts: ['a quiet harbour'], seeds: '100', styles: ['GENERAL'] },
    'Unrated run',
  );
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-batch')).toHaveCount(2);
  await expect(page.locator('[data-batch-id] >> text=Lighthouse morning')).toBeVisible();
  await expect(page.getByTestId('history-picks')).toHaveText(/3 picks/);
  await page.getByTestId('history-with-picks').check();
  await expect(page.getByTestId('history-batch')).toHaveCount(1);
  await expect(page.getByTestId('history-batch')).toContainText('Lighthouse morning');
  await page.screenshot({ path: `${SHOTS}/history-picks.png` });
});

test('the matrix exports a labelled grid beside the outputs and downloads it in web mode', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  await studio.call('settings:update', { gridAtBatchEnd: false });
  const batchId = await studio.runBatch(
    {
      inputs: { paths: [paths.sunset] },
      prompts: ['a lighthouse at dusk, oil painting'],
      seeds: '100, 200, 300',
      styles: ['GENERAL', 'ANIME'],
    },
    'Grid export',
  );
  await openGrid(page, studio, 'Grid export');
  await page.getByTestId('nav-matrix').click();
  await expect(page.getByTestId('matrix-table')).toBeVisible();

  // Rating keys rate the cell under the pointer.
  const cell = page.getByTestId('matrix-cell').nth(4);
  await cell.hover();
  await page.keyboard.press('p');
  await expect(cell).toHaveAttribute('data-flag', 'pick');
  await expect(cell.getByTestId('rating-badge')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('matrix-export').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('sunset-gradient__seed-by-style.png');
  const exported = page.getByTestId('matrix-exported');
  await expect(exported).toBeVisible({ timeout: 30_000 });
  const file = (await page.getByTestId('matrix-export-path').textContent())!;
  const { outputDir } = await studio.call<{ outputDir: string }>('settings:get', {});
  expect(file).toBe(
    join(outputDir, await batchFolderOf(studio, batchId), 'grids', 'sunset-gradient__seed-by-style.png'),
  );
  const downloaded = await sharp(await saved.path()).metadata();
  const written = await sharp(file).metadata();
  expect([downloaded.width, downloaded.height]).toEqual([written.width, written.height]);
  await expect(page.getByTestId('grid-list')).toContainText('1 grid written');
  // A small copy of the grid for the README.
  await sharp(file).resize({ width: 900 }).png().toFile(`${SHOTS}/labelled-grid.png`);
});
