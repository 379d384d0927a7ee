/**
 * Composer, end to end against web mode and the simulator: type the fixture folder, watch the scan and
 * the live sweep line, see an invalid prompt marked inline, start the sweep and land on the grid as it
 * fills; errors only after a touch or Start, with every one listed; Start disabled with its reason when
 * there is nothing to run; fewer than 30 Tab stops to Start (chip groups are one stop each). Saves the
 * composer screenshots. Against a simulator presenting as live: the cost line, the confirmation stating
 * the dollars, a spend cap that pauses the batch, raising it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './studio-fixture';

test('composes a small sweep on fixture images and lands on the live grid', async ({
  studio,
  studioPage: page,
}) => {
  const { goodDir } = await studio.fixtures();

  await page.getByTestId('composer-path').fill(goodDir);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText('5');

  // An unbalanced brace is marked on its line with the validator's message; Start shows what to fix
  // instead of starting.
  await page.getByTestId('composer-prompts').fill('a lighthouse\nbroken {prompt');
  await expect(page.getByText(/Line 2: unclosed '\{' at column 8/)).toBeVisible();
  await page.getByTestId('composer-start').click();
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('composer-prompts')).toBeFocused();

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
  // What it costs: nothing on the simulator, and what the same run would cost live.
  await expect(page.getByTestId('jobs-to-pay')).toHaveText('40');
  await expect(page.getByTestId('estimate-usd')).toHaveText('$0 (simulator) — $4.00 if live');

  await page.getByTestId('composer-prompts').focus();
  await page.mouse.move(720, 899); // no hover hints in the screenshot
  await page.screenshot({ path: 'test/e2e/screenshots/composer.png' });

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('nav-grid')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('grid-view')).toBeVisible();
  await expect(page.getByTestId('job-card').first()).toBeVisible();
  // The grid is virtualised (only visible cards exist), so the batch header's counts tell the whole story.
  await expect(page.getByTestId('batch-line')).toHaveText('Finished — 40 done', { timeout: 45_000 });
  await expect(page.locator('[data-testid="job-card"][data-state="completed"]').first()).toBeVisible();
});

test('g then c opens the composer; errors wait for a touch or Start, and the summary lists every one', async ({
  studioPage: page,
}) => {
  await page.getByTestId('nav-settings').click();
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  // Untouched: nothing in red, but the summary already names every thing to fix.
  await expect(page.locator('.composer .field-error')).toHaveCount(0);
  const issues = page.getByTestId('composer-issues');
  await expect(issues).toHaveText(
    '2 things to fix: Inputs — add a folder or image path; Prompts — write at least one prompt',
  );
  // Leaving the prompt field empty touches it: its error shows, the inputs' does not yet.
  await page.getByTestId('composer-prompts').focus();
  await page.getByTestId('composer-seeds').focus();
  await expect(page.locator('.composer .field-error')).toHaveText(['write at least one prompt']);
  await page.mouse.move(720, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/composer-errors.png' });
  // Start with things to fix shows them all and goes to the first.
  await page.getByTestId('composer-start').click();
  await expect(page.locator('.composer .field-error')).toHaveCount(2);
  await expect(page.getByTestId('composer-path')).toBeFocused();
});

test('Start is disabled with the reason when there is nothing to run', async ({
  studio,
  studioPage: page,
}) => {
  const empty = join(studio.dataDir, 'no-images-here');
  mkdirSync(empty);
  await page.getByTestId('composer-path').fill(empty);
  await page.getByTestId('composer-path').press('Enter');
  await page.getByTestId('composer-prompts').fill('a lighthouse');
  await expect(page.getByTestId('scan-count')).toHaveText('0');
  await expect(page.getByTestId('job-count')).toHaveText('0');
  await expect(page.getByTestId('composer-start')).toBeDisabled();
  await expect(page.getByTestId('start-reason')).toHaveText(
    '0 jobs: no images were found in the chosen paths',
  );
  await page.mouse.move(720, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/composer-zero-jobs.png' });
});

test('the composer takes fewer than 30 Tab stops from the top of the page to Start', async ({
  studio,
  studioPage: page,
}) => {
  const { goodDir } = await studio.fixtures();
  await page.getByTestId('composer-path').fill(goodDir);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText('5');
  await page.getByTestId('composer-prompts').fill('a lighthouse');
  // From nothing focused, Tab until Start: every stop on the way is counted.
  await page.evaluate(() =>
    (
      globalThis as unknown as { document: { activeElement: { blur(): void } } }
    ).document.activeElement.blur(),
  );
  const stops: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = (
        globalThis as unknown as {
          document: {
            activeElement: Record<string, unknown> & {
              getAttribute(n: string): string | null;
              textContent: string;
            };
          };
        }
      ).document.activeElement;
      return (
        el.getAttribute('data-testid') ??
        el.getAttribute('aria-label') ??
        String(el.textContent).trim().slice(0, 30)
      );
    });
    stops.push(here);
    if (here === 'composer-start') break;
  }
  expect(stops.at(-1), stops.join(' | ')).toBe('composer-start');
  expect(stops.length, stops.join(' | ')).toBeLessThan(30);
  console.log(`Tab stops from the top of the page to Start: ${stops.length} (${stops.join(' | ')})`);
  // A chip group is one stop; the arrows move inside it and Space toggles.
  await page.getByTestId('style-GENERAL').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('composer-styles').locator('button').nth(1)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('composer-styles').locator('button').nth(1)).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(page.getByTestId('composer-styles').locator('button[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('composer-styles').locator('button').nth(1)).toBeFocused();
  await page.mouse.move(720, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/composer-keyboard.png' });
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

test.describe('against a simulator that presents as live', () => {
  test.use({ live: true });

  test('a live run above the threshold asks to confirm its dollars; a cap stops it exactly; raising it finishes', async ({
    studio,
    studioPage: page,
  }) => {
    const { goodDir } = await studio.fixtures();
    await expect(page.getByTestId('backend-badge')).toContainText(/Segmind/);
    await page.getByTestId('composer-path').fill(goodDir);
    await page.getByTestId('composer-path').press('Enter');
    await expect(page.getByTestId('scan-count')).toHaveText('5');
    await page.getByTestId('composer-prompts').fill('a {red|blue} coat');
    await page.getByTestId('composer-seeds').fill('100-105');
    await expect(page.getByTestId('job-count')).toHaveText('60');
    await expect(page.getByTestId('jobs-to-pay')).toHaveText('60');
    await expect(page.getByTestId('estimate-usd')).toHaveText('$6.00');

    // Above the $5 default: the dialog states the dollars; cancelling sends nothing.
    await page.getByTestId('composer-start').click();
    const dialog = page.getByTestId('confirm-spend');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('costs up to $6.00');
    await expect(dialog).toContainText('60 images to pay at $0.10');
    await expect(dialog.getByRole('button', { name: 'Spend up to $6.00' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(studio.simulator().stats().totalRequests).toBe(0);

    // With a $1 cap the confirmation is for what the cap allows, and the batch stops there exactly.
    await page.getByTestId('composer-max-spend').fill('1');
    await page.getByTestId('composer-start').click();
    await expect(dialog).toContainText('costs up to $1.00');
    await dialog.getByRole('button', { name: 'Spend up to $1.00' }).click();
    await expect(page.getByTestId('grid-view')).toBeVisible();
    await expect(page.getByTestId('batch-pause-reason')).toContainText('spend cap reached ($1.00 of $1.00)', {
      timeout: 45_000,
    });
    await expect(page.getByTestId('batch-ledger')).toContainText('billed 10 · $1.00');
    expect(studio.simulator().stats().billing.billedUsd).toBe(1);

    // Raising the cap in the header lets it finish.
    await page.getByTestId('spend-cap-input').fill('6');
    await page.getByTestId('spend-cap-save').click();
    await expect(page.getByTestId('batch-line')).toHaveText('Finished — 60 done', { timeout: 45_000 });
    await expect(page.getByTestId('batch-ledger')).toContainText('billed 60 · $6.00');
    expect(studio.simulator().stats().billing.billedUsd).toBe(6);

    // Settings shows the month's spending on Segmind.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-ledger')).toContainText('billed 60 · $6.00');
  });
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
