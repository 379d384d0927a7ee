/**
 * History, end to end: batches made through the contract show with thumbnails, counts and their ledger;
 * full-text search finds a batch by a prompt word and highlights it; "Duplicate sweep" loads it into
 * the composer, whose estimate finds every job already made: 0 jobs to pay, $0. Saves the history
 * screenshot the README shows.
 */
import { expect, test } from './studio-fixture';

test('history lists batches, finds one by a prompt word and duplicates it', async ({ studio, page }) => {
  const { goodDir } = await studio.fixtures();
  await studio.runBatch(
    {
      inputs: { paths: [goodDir] },
      prompts: ['a misty {pine|birch} forest at dawn'],
      seeds: '100',
      styles: ['GENERAL'],
    },
    'Forest studies',
  );
  await studio.runBatch(
    {
      inputs: { paths: [goodDir] },
      prompts: ['a {watercolour|ink} sketch of a lighthouse'],
      seeds: '100, 200',
      styles: ['GENERAL', 'ANIME'],
    },
    'Lighthouse sketches',
  );

  await page.goto(studio.web.url);
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-batch')).toHaveCount(2);
  await expect(page.getByTestId('history-count')).toHaveText('2 of 2 batches');
  // One vocabulary: the words the grid uses, and where the batch ran.
  await expect(page.getByTestId('history-state')).toHaveText(['Finished', 'Finished']);
  await expect(page.getByTestId('history-line')).toHaveText(['40 done', '10 done']);
  await expect(page.getByTestId('history-backend')).toHaveText(['Simulator', 'Simulator']);
  await expect(page.getByTestId('click-hint')).toHaveText('Click a batch to open it in the grid');
  const thumbs = page.locator('.thumbs img');
  await expect(thumbs).toHaveCount(8);
  await expect
    .poll(() =>
      thumbs.evaluateAll((imgs) =>
        imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
      ),
    )
    .toBe(true);
  await page.mouse.move(720, 899); // no hover hints in the screenshot
  await page.screenshot({ path: 'test/e2e/screenshots/history.png' });

  await page.keyboard.press('/');
  await expect(page.getByTestId('history-search')).toBeFocused();
  await page.keyboard.type('lighthouse');
  await expect(page.getByTestId('history-batch')).toHaveCount(1);
  const card = page.getByTestId('history-batch').first();
  await expect(card).toContainText('Lighthouse sketches');
  await expect(card.locator('mark').first()).toHaveText(/lighthouse/i);
  // 40 completions on the simulator: billed at the price, and marked as simulated dollars.
  await expect(card.getByTestId('history-ledger')).toContainText('billed 40 · $4.00 simulated');

  await page.getByTestId('history-search').fill('volcano');
  await expect(page.getByText('Nothing matches')).toBeVisible();

  await page.getByTestId('history-search').fill('lighthouse');
  await expect(page.getByTestId('history-batch')).toHaveCount(1);
  await page.getByTestId('history-duplicate').click();
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('composer-prompts')).toHaveValue(
    'a {watercolour|ink} sketch of a lighthouse',
  );
  await expect(page.getByTestId('composer-seeds')).toHaveValue('100, 200');
  await expect(page.getByTestId('style-ANIME')).toHaveAttribute('aria-checked', 'true');
  // The duplicate would make the same 40 jobs, all of them done already: dedupe reuses them, nothing to pay.
  await expect(page.getByTestId('job-count')).toHaveText('40');
  await expect(page.getByTestId('jobs-to-pay')).toHaveText('0');
  await expect(page.getByTestId('spend-estimate')).toContainText('(40 reused)');
  await expect(page.getByTestId('estimate-usd')).toHaveText('$0 (simulator) — $0.00 if live');
});

test('deleting a batch can delete its files too', async ({ studio, page }) => {
  const { goodDir } = await studio.fixtures();
  await studio.runBatch(
    { inputs: { paths: [goodDir] }, prompts: ['a quiet harbour'], seeds: '100' },
    'Harbour',
  );
  await page.goto(studio.web.url);
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-batch')).toHaveCount(1);

  await page.getByTestId('history-delete').click();
  const dialog = page.getByTestId('delete-batch');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Also delete its 5 output image(s)');
  await dialog.getByTestId('delete-files').check();
  await dialog.getByRole('button', { name: 'Delete batch and files' }).click();

  // filesDeleted counts every file removed (outputs and their thumbnails).
  await expect(page.getByText(/Deleted “Harbour” and [1-9]\d* file\(s\)/)).toBeVisible();
  await expect(page.getByText('No batches yet')).toBeVisible();
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-batch')).toHaveCount(0);
});
