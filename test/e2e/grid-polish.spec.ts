/**
 * The grid's polish, end to end against web mode and the simulator (issue 13): cards name their input and
 * show its source; the thumbnail size is kept; a click opens and Ctrl-click picks, and the grid says so;
 * one batch vocabulary in the grid and History, never the success colour with failures; the simulator is
 * named; the output folder is the batch's name; cancel asks with counts, away from Pause, and cancelled
 * jobs can be re-queued; the pace is held while paused; web mode's file actions (new tab, download, copy
 * path); a re-run's outputs are hard links; filters, grouping and counts stay right on a 300-job batch
 * the renderer holds only in pages. Each saves a screenshot in test/e2e/screenshots/.
 */
import { statSync } from 'node:fs';
import { sep } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type StudioFixture, test } from './studio-fixture';

interface Job {
  id: number;
  inputId: number;
  state: string;
  outputPath: string | null;
  reusedFromJobId: number | null;
}

async function openGrid(page: Page, studio: StudioFixture, batchName: string): Promise<void> {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: batchName }).click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
}

const cards = (page: Page) => page.getByTestId('job-card');
const shot = (page: Page, name: string) => page.screenshot({ path: `test/e2e/screenshots/${name}.png` });

test('cards name their input, the size is kept, a click opens and Ctrl-click picks, the simulator is named', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.25 });
  await studio.call('engine:setConcurrency', { limit: 2 });
  const spec = {
    inputs: { paths: [paths.sunset, paths.portrait] },
    prompts: ['a lighthouse at dusk'],
    seeds: '100-103',
    styles: ['GENERAL'],
  };
  const { batchId } = await studio.call<{ batchId: string }>('batch:create', { spec, name: 'Input names' });
  await openGrid(page, studio, 'Input names');
  // A submitted job waits at the simulator, and says so.
  await expect(page.locator('[data-testid="job-card"][data-state="queued"] .job-state').first()).toHaveText(
    'Waiting at simulator',
    { timeout: 30_000 },
  );
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]')).toHaveCount(8, {
    timeout: 60_000,
  });
  const inputs = await studio.call<{ id: number; name: string }[]>('batch:inputs', { batchId });
  const nameOf = new Map(inputs.map((i) => [i.id, i.name]));
  const jobs = (await studio.call<{ rows: Job[] }>('jobs:page', { batchId })).rows;
  for (const [i, job] of jobs.entries())
    await expect(cards(page).nth(i).getByTestId('job-input')).toHaveText(nameOf.get(job.inputId)!);
  const sources = page.getByTestId('job-source');
  await expect(sources).toHaveCount(8);
  await expect
    .poll(() =>
      sources.evaluateAll((imgs) =>
        imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
      ),
    )
    .toBe(true);
  await expect(page.getByTestId('click-hint')).toHaveText(
    /^Click opens · (Ctrl|⌘)-click or Space picks for compare$/,
  );
  await cards(page).nth(5).hover();
  await shot(page, 'grid-cards');

  // Click opens the detail; Ctrl-click picks without opening.
  await cards(page).nth(0).locator('.job-hit').click();
  await expect(page.getByTestId('job-detail')).toBeVisible();
  await page.keyboard.press('Escape');
  await cards(page)
    .nth(1)
    .locator('.job-hit')
    .click({ modifiers: ['Control'] });
  await cards(page)
    .nth(2)
    .locator('.job-hit')
    .click({ modifiers: ['Control'] });
  await expect(page.locator('.job-card.is-picked')).toHaveCount(2);
  await expect(page.getByTestId('job-detail')).toBeHidden();
  await expect(page.getByTestId('compare-picked')).toHaveText('Compare 2');

  // The thumbnail size: larger cards, fewer per row, and the same after a reload.
  const width = () =>
    cards(page)
      .first()
      .evaluate((el) => (el as unknown as { offsetWidth: number }).offsetWidth);
  const before = await width();
  await page.getByTestId('card-size').fill('400');
  await expect.poll(width).toBeGreaterThan(before * 1.5);
  const after = await width();
  await page.reload();
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: 'Input names' }).click();
  await expect(page.getByTestId('card-size')).toHaveValue('400');
  await expect.poll(width).toBe(after);
  await page.mouse.move(0, 899);
  await shot(page, 'grid-size');
});

test('a batch with failures speaks one vocabulary in grid and History, and its folder is its name', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  // One good photo and one broken file: 2 jobs done, 2 failed, deterministically.
  const spec = {
    inputs: { paths: [paths.sunset, paths.truncated] },
    prompts: ['a red barn'],
    seeds: '100, 200',
    styles: ['GENERAL'],
  };
  const batchId = await studio.runBatch(spec, 'crash test');
  await openGrid(page, studio, 'crash test');
  await expect(page.getByTestId('batch-state')).toHaveText('Finished');
  await expect(page.getByTestId('batch-state')).toHaveAttribute('data-tone', 'warn');
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 2 done, 2 failed');
  const color = await page
    .getByTestId('batch-state')
    .evaluate(
      (el) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el)
          .color,
    );
  expect(color).not.toBe('rgb(111, 212, 154)'); // the success green

  // The output folder is the batch's name, slugged.
  const done = (await studio.call<{ rows: Job[] }>('jobs:page', { batchId, states: ['completed'] })).rows;
  expect(done[0]!.outputPath).toContain(`${sep}crash-test${sep}`);
  await page.locator('[data-testid="job-card"][data-state="completed"] .job-hit').first().click();
  await expect(page.getByTestId('job-detail')).toContainText(`${sep}crash-test${sep}`);
  await page.mouse.move(0, 899);
  await shot(page, 'batch-words');

  await page.getByTestId('nav-history').click();
  const card = page.getByTestId('history-batch');
  await expect(card.getByTestId('history-state')).toHaveText('Finished');
  await expect(card.getByTestId('history-state')).toHaveAttribute('data-tone', 'warn');
  await expect(card.getByTestId('history-line')).toHaveText('2 done, 2 failed');
  await expect(card.getByTestId('history-backend')).toHaveText('Simulator');
  await page.mouse.move(0, 899);
  await shot(page, 'history-words');
});

test('cancel asks with counts away from Pause, cancelled jobs can be re-queued, the pace holds while paused', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.05 });
  await studio.call('engine:setConcurrency', { limit: 1 });
  const spec = { inputs: { paths: [paths.sunset] }, prompts: ['a quiet harbour'], seeds: '100-111' };
  await studio.call('batch:create', { spec, name: 'Harbour at night' });
  await openGrid(page, studio, 'Harbour at night');
  const pace = page.getByTestId('batch-pace');
  await expect(pace).toContainText('jobs/min', { timeout: 30_000 });
  await expect(page.getByTestId('batch-line')).toHaveText(/Running — [1-9]\d* of 12 done/, {
    timeout: 30_000,
  });

  await page.getByTestId('batch-header').getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('batch-state')).toHaveText('Paused');
  await expect(pace).toContainText('(held while paused)');
  // Once the job in flight at the pause has landed, the figures do not move while paused.
  await expect(page.locator('.count-running')).toHaveCount(0, { timeout: 20_000 });
  const held = await pace.textContent();
  await page.waitForTimeout(2500);
  await expect(pace).toHaveText(held!);
  await page.mouse.move(0, 899);
  await shot(page, 'paused-pace');

  // Cancel sits apart from Resume and asks first, with the counts.
  const resume = (await page.getByRole('button', { name: 'Resume' }).boundingBox())!;
  const cancelButton = page.getByTestId('batch-cancel');
  const cancelBox = (await cancelButton.boundingBox())!;
  expect(cancelBox.x - (resume.x + resume.width)).toBeGreaterThan(120);
  const queued = (await studio.call<{ counts: { pending: number } }[]>('batch:list', {}))[0]!.counts.pending;
  await cancelButton.click();
  const dialog = page.getByTestId('confirm-cancel');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('h2')).toHaveText(`Cancel ${queued} queued jobs?`);
  await expect(dialog).toContainText('Re-queue cancelled');
  await shot(page, 'cancel-confirm');
  await dialog.getByRole('button', { name: 'Keep running' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('batch-state')).toHaveText('Paused');
  await cancelButton.click();
  await dialog.getByRole('button', { name: `Cancel ${queued} jobs` }).click();
  await expect(page.getByTestId('batch-state')).toHaveText('Cancelled');
  await expect(page.getByTestId('batch-line')).toHaveText(
    new RegExp(`^Cancelled — \\d+ done, ${queued} cancelled$`),
  );

  await page.getByTestId('requeue-cancelled').click();
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 12 done', { timeout: 60_000 });
  await expect(page.getByTestId('requeue-cancelled')).toBeHidden();
});

test('web mode offers a new tab, a download and the path; a re-run reuses outputs as hard links', async ({
  studio,
  page,
  context,
}) => {
  const { paths } = await studio.fixtures();
  const spec = { inputs: { paths: [paths.sunset] }, prompts: ['a red barn'], seeds: '100, 200' };
  const first = await studio.runBatch(spec, 'Barns');
  const again = await studio.runBatch(spec, 'Barns again');
  const firstJobs = (await studio.call<{ rows: Job[] }>('jobs:page', { batchId: first })).rows;
  const reused = (await studio.call<{ rows: Job[] }>('jobs:page', { batchId: again })).rows;
  expect(reused.every((j) => j.state === 'skipped_duplicate')).toBe(true);
  for (const job of reused) {
    const source = firstJobs.find((j) => j.id === job.reusedFromJobId)!;
    expect(statSync(job.outputPath!).ino).toBe(statSync(source.outputPath!).ino);
  }

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.web.origin });
  await openGrid(page, studio, 'Barns again');
  await expect(page.getByTestId('batch-counts')).toContainText('2 reused');
  await cards(page).first().locator('.job-hit').click();
  const detail = page.getByTestId('job-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Open file' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Reveal in folder' })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByTestId('download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const [tab] = await Promise.all([context.waitForEvent('page'), detail.getByTestId('open-tab').click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toContain('/api/media/output/');
  const shown = await page.request.get(tab.url());
  expect(shown.status()).toBe(200);
  expect(shown.headers()['content-type']).toContain('image/png');
  await tab.close();

  await detail.getByTestId('copy-path').click();
  await expect(detail.getByTestId('copy-path')).toHaveText('Path copied');
  const copied = await page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
  expect(copied).toBe(reused[0]!.outputPath);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.mouse.move(0, 899);
  await shot(page, 'web-file-actions');
});

test('filters, grouping and counts stay right over 300 jobs held in pages', async ({ studio, page }) => {
  const { goodDir } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.005, faults: { failed: 0.15 } });
  await studio.call('engine:setConcurrency', { limit: 12 });
  const spec = {
    inputs: { paths: [goodDir] },
    prompts: ['a {red|blue} coat'],
    seeds: '100-109',
    styles: ['GENERAL', 'ANIME', 'DESIGN'],
  };
  const { batchId } = await studio.call<{ batchId: string }>('batch:create', { spec, name: 'Three hundred' });
  await expect
    .poll(async () => (await studio.call<{ state: string }>('batch:get', { batchId })).state, {
      timeout: 150_000,
    })
    .toBe('completed');
  const batch = await studio.call<{
    counts: { failed: number; completed: number; skipped_duplicate: number };
    total: number;
  }>('batch:get', { batchId });
  expect(batch.total).toBe(300);
  await openGrid(page, studio, 'Three hundred');
  const shownText = page.getByTestId('filter-shown');
  await expect(shownText).toHaveText('300 jobs');
  const chip = (name: string) =>
    page.getByTestId('filter-bar').getByRole('button', { name: new RegExp(`^${name} `) });
  await expect(chip('Failed')).toContainText(String(batch.counts.failed));
  await expect(chip('Done')).toContainText(String(batch.counts.completed + batch.counts.skipped_duplicate));

  // Status filter: the count and the last card agree with main.
  await chip('Failed').click();
  await expect(shownText).toContainText(`${batch.counts.failed} of 300`);
  const failed = (
    await studio.call<{ rows: Job[] }>('jobs:page', { batchId, states: ['failed'], limit: 1000 })
  ).rows;
  const scroller = page.getByTestId('job-grid');
  await scroller.evaluate((el) => {
    const s = el as unknown as { scrollTop: number; scrollHeight: number };
    s.scrollTop = s.scrollHeight;
  });
  await expect(page.locator(`[data-testid="job-card"][data-job-id="${failed.at(-1)!.id}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="job-card"]:not([data-state="failed"])')).toHaveCount(0);

  // Style and prompt text narrow in main; grouping shows each input's count under the filter.
  await page.getByRole('button', { name: 'clear' }).first().click();
  await expect(shownText).toHaveText('300 jobs');
  await page.getByLabel('Style').selectOption('ANIME');
  await page.getByLabel('Prompt contains').fill('BLUE');
  await expect(shownText).toContainText('50 of 300');
  await page.getByLabel('Group by input').check();
  const counts = await studio.call<{ byInput: { inputId: number; count: number }[] }>('jobs:counts', {
    batchId,
    style: 'ANIME',
    promptContains: 'BLUE',
  });
  expect(counts.byInput).toHaveLength(5);
  const headers = page.locator('.job-group-header');
  await expect(headers.first()).toContainText(`${counts.byInput[0]!.count} jobs`);
  await scroller.evaluate((el) => {
    const s = el as unknown as { scrollTop: number; scrollHeight: number };
    s.scrollTop = s.scrollHeight;
  });
  await expect(headers.last()).toContainText(`${counts.byInput.at(-1)!.count} jobs`);
  for (const id of await cards(page).evaluateAll((els) =>
    els.map((e) => Number((e as unknown as { dataset: { jobId: string } }).dataset.jobId)),
  )) {
    const job = await studio.call<{ job: { style: string; prompt: string } }>('job:get', { jobId: id });
    expect(job.job.style).toBe('ANIME');
    expect(job.job.prompt).toContain('blue');
  }
  await scroller.evaluate((el) => {
    (el as unknown as { scrollTop: number }).scrollTop = 0;
  });
  await page.mouse.move(0, 899);
  await shot(page, 'grid-grouped');
});
