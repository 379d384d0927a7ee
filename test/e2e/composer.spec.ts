/**
 * Composer, end to end against web mode and the simulator: type the fixture folder, watch the scan and
 * the live sweep line, see an invalid prompt marked inline, start the sweep and land on the grid as it
 * fills. Saves the composer screenshot the README shows.
 */
import { expect, test } from './studio-fixture';

test('composes a small sweep on fixture images and lands on the live grid', async ({
  studio,
  studioPage: page,
}) => {
  const { goodDir } = await studio.fixtures();

  await page.getByTestId('composer-path').fill(goodDir);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText('5');

  // An unbalanced brace is marked on its line with the validator's message, and Start is blocked.
  await page.getByTestId('composer-prompts').fill('a lighthouse\nbroken {prompt');
  await expect(page.getByText(/Line 2: unclosed '\{' at column 8/)).toBeVisible();
  await expect(page.getByTestId('composer-start')).toBeDisabled();

  await page.getByTestId('composer-prompts').fill('a {watercolour|ink} sketch of a lighthouse at dusk');
  await expect(page.getByTestId('prompt-preview')).toContainText(
    'a watercolour sketch of a lighthouse at dusk',
  );
  await expect(page.getByTestId('prompt-preview')).toContainText('a ink sketch of a lighthouse at dusk');
  await page.getByTestId('composer-seeds').fill('100, 200');
  await expect(page.getByTestId('seed-preview')).toHaveText(/100\s*200/);
  await page.getByTestId('style-ANIME').click();
  await expect(page.getByTestId('sweep-line')).toContainText(
    '5 images x 2 prompts x 2 styles x 2 seeds = 40 jobs',
  );
  await expect(page.getByTestId('sweep-line')).toContainText('at concurrency');
  await expect(page.getByTestId('composer-start')).toBeEnabled();

  await page.getByTestId('composer-prompts').focus();
  await page.mouse.move(720, 899); // no hover hints in the screenshot
  await page.screenshot({ path: 'test/e2e/screenshots/composer.png' });

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('nav-grid')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('grid-view')).toBeVisible();
  await expect(page.getByTestId('job-card').first()).toBeVisible();
  // The grid is virtualised (only visible cards exist), so the batch header's counts tell the whole story.
  await expect(page.getByTestId('batch-counts')).toContainText('40 / 40 finished', { timeout: 45_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('40 done');
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]').first()).toBeVisible();
});

test('g then c opens the composer, which blocks Start until inputs are chosen', async ({
  studioPage: page,
}) => {
  await page.getByTestId('nav-settings').click();
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  // No inputs yet: Start stays blocked and the summary says what is missing.
  await expect(page.getByTestId('composer-start')).toBeDisabled();
  await expect(page.getByTestId('composer-issues')).toContainText('Inputs');
});

test('a very large sweep asks for confirmation first', async ({ studio, studioPage: page }) => {
  const { goodDir } = await studio.fixtures();
  await page.getByTestId('composer-path').fill(goodDir);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText('5');
  await page.getByTestId('composer-prompts').fill('a {a|b|c|d|e|f|g|h|i|j} study');
  await page.getByTestId('composer-seeds').fill('100-519');
  await expect(page.getByTestId('job-count')).toHaveText('21,000');
  await expect(page.getByText('A large sweep: you will be asked to confirm.')).toBeVisible();

  await page.getByTestId('composer-start').click();
  const dialog = page.getByTestId('confirm-large');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('21,000');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
});

test('lists unusable images with their reasons before Start and counts only the usable ones', async ({
  studio,
  studioPage: page,
}) => {
  const { goodDir } = await studio.fixtures();
  // Issue 11 §4: a strip no output size can use, an empty file and notes named like an image.
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { default: sharp } = await import('sharp');
  const odd = join(studio.dataDir, 'odd');
  mkdirSync(odd);
  await sharp({ create: { width: 20_000, height: 2, channels: 3, background: '#468' } })
    .png()
    .toFile(join(odd, 'strip.png'));
  writeFileSync(join(odd, 'empty.png'), '');
  writeFileSync(join(odd, 'notes.png'), 'not a picture\n');

  for (const path of [goodDir, odd]) {
    await page.getByTestId('composer-path').fill(path);
    await page.getByTestId('composer-path').press('Enter');
  }
  await expect(page.getByTestId('scan-count')).toHaveText('8');
  await expect(page.getByTestId('scan-unusable')).toHaveText(', 3 unusable');
  const list = page.getByTestId('unusable-list');
  await expect(list).toContainText('3 images cannot be used');
  await expect(list).toContainText('"empty.png" is empty (0 bytes)');
  await expect(list).toContainText('"notes.png" is not an image');
  await expect(list).toContainText('"strip.png" is 20000 x 2 pixels, too wide (10000:1)');

  await page.getByTestId('composer-prompts').fill('a lighthouse');
  await page.getByTestId('composer-seeds').fill('100, 200');
  await expect(page.getByTestId('sweep-line')).toContainText('5 images x 1 prompt x 2 seeds = 10 jobs');
  await expect(page.getByTestId('job-count')).toHaveText('10');
  await expect(page.getByTestId('summary-unusable')).toContainText('3 unusable images left out');
});
