/**
 * Compare, end to end: two results picked in the grid with the keyboard open side by side; zooming one
 * pane zooms the other the same way; ] steps both to the next seed; S switches to the swipe slider.
 * Saves compare.png for the README.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './studio-fixture';

const transforms = (page: Page) =>
  page
    .locator('[data-testid="compare-pane"] .cmp-content')
    .evaluateAll((els) =>
      els.map((el) => (el as unknown as { style: { transform: string } }).style.transform),
    );

test('compare opens two results with synchronised zoom and steps to the next seed', async ({
  studio,
  page,
}) => {
  const { paths } = await studio.fixtures();
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a lighthouse at dusk, oil painting'],
    seeds: '100, 200, 300',
    styles: ['GENERAL', 'ANIME'],
  };
  await studio.runBatch(spec, 'Compare me');

  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: 'Compare me' }).click();
  const cards = page.getByTestId('job-card');
  await expect(cards).toHaveCount(6);

  // Pick GENERAL and ANIME of seed 100 with the keyboard: Space picks, arrows move, C compares.
  await page.getByRole('button', { name: /seed 100, GENERAL/ }).click();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /seed 100, ANIME/ }).click();
  await page.keyboard.press('Space');
  await expect(page.locator('.job-card.is-picked')).toHaveCount(2);
  await page.keyboard.press('c');

  const panes = page.getByTestId('compare-pane');
  await expect(panes).toHaveCount(2);
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 100 · GENERAL');
  await expect(panes.nth(1).locator('figcaption')).toContainText('seed 100 · ANIME');
  await expect
    .poll(() =>
      panes
        .locator('img')
        .evaluateAll((imgs) =>
          imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
        ),
    )
    .toBe(true);

  await page.screenshot({ path: 'test/e2e/screenshots/compare.png' });

  // Zoom the first pane with the wheel: the second follows to the same transform.
  const box = (await panes.nth(0).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
  for (let i = 0; i < 4; i += 1) await page.mouse.wheel(0, -240);
  await expect.poll(async () => (await transforms(page))[0]).toContain('scale');
  await expect
    .poll(async () => {
      const [a, b] = await transforms(page);
      return a !== '' && a === b && !/scale\(1\)/.test(a!);
    })
    .toBe(true);

  // ] steps both images to the next seed; [ comes back.
  await page.keyboard.press(']');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 200 · GENERAL');
  await expect(panes.nth(1).locator('figcaption')).toContainText('seed 200 · ANIME');
  await page.keyboard.press('}');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 200 · ANIME');
  await page.keyboard.press('[');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 100');

  // Two images: the swipe slider.
  await page.keyboard.press('s');
  await expect(page.getByTestId('compare-swipe')).toBeVisible();
  await page.getByLabel('Swipe position').fill('30');
  await expect(page.locator('.cmp-top')).toHaveAttribute('style', /inset\(0px 70%|inset\(0 70%/);
});
