/**
 * The artist's morning, sweep side, end to end in web mode against the simulator: "Match each input"
 * gives every photo an output of its own shape; `{caption}` is refused before Start while a photo lacks
 * a caption, then fills each photo's caption; "Sweep around this…" prefills the composer from a result
 * and the new batch lists its parent in History; a PNG re-runs with the same key, and foreign or broken
 * PNGs get clear messages. Saves sweep-around.png and png-rerun.png for the README.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, type StudioFixture, test } from './studio-fixture';

interface Job {
  id: number;
  inputId: number;
  key?: string;
  prompt: string;
  state: string;
  resolution: string;
  resolutionMatched: boolean;
  outputPath: string | null;
}
interface Input {
  id: number;
  name: string;
  width: number;
  height: number;
}

const jobsOf = async (studio: StudioFixture, batchId: string) =>
  (await studio.call<{ rows: Job[] }>('jobs:page', { batchId, limit: 100 })).rows;

async function addInput(page: Page, path: string, images: number): Promise<void> {
  await page.getByTestId('composer-path').fill(path);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText(String(images));
}

/** Starts the composed sweep and waits on the grid until all `jobs` have finished. */
async function startAndFinish(page: Page, jobs: number): Promise<void> {
  await page.getByTestId('composer-start').click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
  await expect(page.getByTestId('batch-line')).toHaveText(`Finished — ${jobs} done`, { timeout: 45_000 });
}

test('"Match each input": outputs follow each photo’s shape', async ({ studio, studioPage: page }) => {
  const { goodDir } = await studio.fixtures();
  await addInput(page, goodDir, 5);
  await page.getByTestId('composer-prompts').fill('a quiet harbour at dawn');
  await page.getByTestId('composer-seeds').fill('100');
  await page.getByTestId('res-match').click();
  await page.getByTestId('res-RESOLUTION_1024_1024').click(); // only `match` now
  await expect(page.getByTestId('res-match')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('sweep-line')).toContainText('5 images x 1 prompt x 1 seed = 5 jobs');
  await startAndFinish(page, 5);

  const [batch] = await studio.call<{ id: string }[]>('batch:list', {});
  const inputs = new Map(
    (await studio.call<Input[]>('batch:inputs', { batchId: batch!.id })).map((i) => [i.id, i]),
  );
  const jobs = await jobsOf(studio, batch!.id);
  expect(new Set(jobs.map((j) => j.resolution)).size).toBe(4); // panorama, portrait, 4:3, two squares
  for (const job of jobs) {
    expect(job.resolutionMatched).toBe(true);
    const meta = await sharp(readFileSync(job.outputPath!)).metadata();
    const input = inputs.get(job.inputId)!;
    const drift = meta.width! / meta.height! / (input.width / input.height);
    expect(
      drift,
      `${input.name}: ${meta.width}x${meta.height} for ${input.width}x${input.height}`,
    ).toBeGreaterThan(0.88);
    expect(drift).toBeLessThan(1.12);
  }
});

test('{caption}: refused before Start while a photo has none, then each photo’s caption is used', async ({
  studio,
  studioPage: page,
}) => {
  const { paths } = await studio.fixtures();
  const dir = join(studio.dataDir, 'captioned');
  mkdirSync(dir, { recursive: true });
  copyFileSync(paths.badge!, join(dir, 'barn.png'));
  copyFileSync(paths.portrait!, join(dir, 'boat.png'));
  copyFileSync(paths.tiles!, join(dir, 'owl.webp'));
  writeFileSync(join(dir, 'barn.txt'), 'a red barn in snow\n');
  writeFileSync(join(dir, 'prompts.csv'), 'file,prompt\nboat.png,"a blue boat, moored"\n');

  await addInput(page, dir, 3);
  await expect(page.getByTestId('caption-count')).toHaveText('2');
  await page.getByTestId('composer-prompts').fill('{caption}, {watercolour|ink}');
  await page.getByTestId('composer-seeds').fill('100');
  await expect(page.getByTestId('composer-issues')).toContainText(
    '{caption} is used, but 1 input(s) have no caption: owl.webp',
  );
  // Start with something to fix shows what and starts nothing.
  await page.getByTestId('composer-start').click();
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  expect(await studio.call<unknown[]>('batch:list', {})).toEqual([]);

  writeFileSync(join(dir, 'owl.txt'), 'an owl on a fence');
  await page.getByTestId('composer-recursive').check({ force: true }); // rescans
  await expect(page.getByTestId('caption-count')).toHaveText('3');
  await expect(page.getByTestId('sweep-line')).toContainText('3 images x 2 prompts x 1 seed = 6 jobs');
  await startAndFinish(page, 6);
  const [batch] = await studio.call<{ id: string }[]>('batch:list', {});
  // Jobs run in progressive order (the default): compare the prompts, not their order.
  expect((await jobsOf(studio, batch!.id)).map((j) => j.prompt).sort()).toEqual(
    [
      'a red barn in snow, watercolour',
      'a red barn in snow, ink',
      'a blue boat, moored, watercolour',
      'a blue boat, moored, ink',
      'an owl on a fence, watercolour',
      'an owl on a fence, ink',
    ].sort(),
  );
});

test('"Sweep around this…" prefills the composer and the new batch lists its parent', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  await studio.runBatch(
    {
      inputs: { paths: [paths.sunset] },
      prompts: ['a lighthouse at {dusk}'],
      seeds: '4242',
      styles: ['ANIME'],
    },
    'Lighthouse study',
  );
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: 'Lighthouse study' }).click();
  await page.getByTestId('job-card').first().dblclick();
  await page.getByTestId('detail-sweep-around').click();

  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('sweep-around')).toContainText('job 1 of “Lighthouse study”');
  await expect(page.getByTestId('composer-prompts')).toHaveValue('a lighthouse at dusk');
  await expect(page.getByTestId('composer-seeds')).toHaveValue('4242');
  await expect(page.getByTestId('style-ANIME')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('scan-count')).toHaveText('1');
  await expect(page.getByTestId('sweep-line')).toContainText('= 1 job');

  await page.getByTestId('around-seeds').selectOption('2');
  await page.getByText('The other 4 styles').click();
  await expect(page.getByTestId('composer-seeds')).toHaveValue('4242, random:2');
  await expect(page.getByTestId('sweep-line')).toContainText(
    '1 image x 1 prompt x 5 styles x 3 seeds = 15 jobs',
  );
  await page.mouse.move(720, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/sweep-around.png' });
  await startAndFinish(page, 15);

  await page.getByTestId('nav-history').click();
  const child = page.locator('[data-testid="history-batch"]', { hasText: 'Around Lighthouse study #1' });
  await expect(child.getByTestId('history-parent')).toHaveText('Lighthouse study');
  await child.getByTestId('history-parent').click();
  await expect(page.getByTestId('batch-header')).toContainText('Lighthouse study');
  await expect(page.getByTestId('batch-header')).not.toContainText('Around');
});

test('a PNG re-runs with the same key; foreign and broken PNGs get clear messages', async ({
  studio,
  studioPage: page,
}) => {
  const { paths } = await studio.fixtures();
  const first = await studio.runBatch(
    { inputs: { paths: [paths.portrait] }, prompts: ['a {red} coat'], seeds: '4242', resolutions: ['match'] },
    'Coats',
  );
  const [job] = await jobsOf(studio, first);
  const png = job!.outputPath!;

  await page.getByTestId('open-png-panel').click();
  const panel = page.getByTestId('png-panel');
  await page.getByTestId('png-path').fill(png);
  await page.getByTestId('png-path').press('Enter');
  await expect(panel.getByTestId('png-params')).toContainText('a red coat');
  await expect(panel.getByTestId('png-params')).toContainText('768x1152 (matched to its input)');
  await expect(panel.getByTestId('png-key')).toContainText('the very same job');
  await expect(panel.getByTestId('png-input')).toHaveValue(paths.portrait!);
  await page.screenshot({ path: 'test/e2e/screenshots/png-rerun.png' });

  // A foreign PNG (no record) and a truncated output, uploaded as a browser does (bytes, no path).
  await panel.getByTestId('png-upload').setInputFiles(paths.portrait!);
  await expect(panel.getByTestId('png-error')).toHaveText(
    'portrait-rings.png: it has no generation record (no "generation" or "parameters" text)',
  );
  const bytes = readFileSync(png);
  await panel.getByTestId('png-upload').setInputFiles({
    name: 'cut.png',
    mimeType: 'image/png',
    buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
  });
  await expect(panel.getByTestId('png-notes')).toContainText('the file is truncated');
  await expect(panel.getByTestId('png-params')).toContainText('a red coat');

  await panel.getByTestId('png-run').click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 1 done', { timeout: 45_000 });
  const batches = await studio.call<
    { id: string; parentBatchId: string | null; parentJobId: number | null }[]
  >('batch:list', {});
  const rerun = batches.find((b) => b.id !== first)!;
  expect(rerun).toMatchObject({ parentBatchId: first, parentJobId: job!.id });
  const [again] = await jobsOf(studio, rerun.id);
  expect(again!.state).toBe('skipped_duplicate'); // the same key: reused, not paid again
});
