/**
 * Compare, end to end: two results picked in the grid (Ctrl-click and Space) open side by side; zooming
 * one pane zooms the other the same way; ] steps both to the next seed and both keep the zoom; the zoom
 * read-out, "Fit", "1:1" and the 25 % steps; S switches to the swipe divider, which stays on the clip
 * edge; four images fill the view as 2 x 2. Saves compare.png (README) and compare-*.png.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './studio-fixture';

interface NavHooks {
  openBatch(id: string, view: string): void;
  openCompare(ids: number[], input: number): void;
}

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

  // Pick GENERAL of seed 100 with Ctrl-click, ANIME with the keyboard (Space picks the cursor's card).
  await page.getByRole('button', { name: /seed 100, GENERAL/ }).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('job-detail')).toBeHidden();
  await page.getByRole('button', { name: /seed 100, ANIME/ }).click();
  await expect(page.getByTestId('job-detail')).toBeVisible();
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

  // ] steps both images to the next seed and every pane keeps the shared zoom; [ comes back.
  const zoomed = (await transforms(page))[0];
  await page.keyboard.press(']');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 200 · GENERAL');
  await expect(panes.nth(1).locator('figcaption')).toContainText('seed 200 · ANIME');
  expect(await transforms(page)).toEqual([zoomed, zoomed]);
  await page.keyboard.press('}');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 200 · ANIME');
  await page.keyboard.press('[');
  await expect(panes.nth(0).locator('figcaption')).toContainText('seed 100');
  expect(await transforms(page)).toEqual([zoomed, zoomed]);

  // Finer steps with a read-out: "1:1" is 100 %, "Fit" the whole image, + one step of 25 %.
  const readout = page.getByTestId('zoom-readout');
  await page.getByRole('button', { name: '1:1' }).click();
  await expect(readout).toHaveText('100%');
  await page.getByRole('button', { name: 'Fit' }).click();
  const fit = Number((await readout.textContent())!.replace('%', ''));
  expect(fit).toBeGreaterThan(10);
  expect(fit).toBeLessThan(100);
  await page.keyboard.press('+');
  await expect(readout).toHaveText(`${Math.round(fit * 1.25)}%`);
  await page.keyboard.press('-');
  await expect(readout).toHaveText(`${fit}%`);
  await page.mouse.move(0, 899);
  await page.keyboard.press('z');
  await expect(readout).toHaveText('100%');
  await page.screenshot({ path: 'test/e2e/screenshots/compare-zoom.png' });
  await page.keyboard.press('0');

  // Two images: the swipe divider sits exactly where the top image is clipped, wherever it is moved.
  await page.keyboard.press('s');
  await expect(page.getByTestId('compare-swipe')).toBeVisible();
  const handle = page.getByTestId('swipe-handle');
  await handle.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 15; i += 1) await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', '30');
  await expect(page.locator('.cmp-top')).toHaveAttribute('style', /inset\(0px 70%|inset\(0 70%/);
  const aligned = async () => {
    const frame = (await page.getByTestId('swipe-frame').boundingBox())!;
    const grip = (await handle.boundingBox())!;
    const split = Number(await handle.getAttribute('aria-valuenow')) / 100;
    return Math.abs(grip.x + grip.width / 2 - (frame.x + frame.width * split));
  };
  expect(await aligned()).toBeLessThan(2);
  // Dragging the divider moves the clip with it.
  const frame = (await page.getByTestId('swipe-frame').boundingBox())!;
  const grip = (await handle.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * 0.75, grip.y + grip.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeGreaterThan(70);
  expect(await aligned()).toBeLessThan(2);
  // The same zoom tools drive the swipe stage, and the divider stays on the clip edge when zoomed.
  await page.keyboard.press('z');
  await expect(readout).toHaveText('100%');
  expect(await aligned()).toBeLessThan(2);
  await page.keyboard.press('0');
  await page.mouse.move(0, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/compare-swipe.png' });
});

test('four images fill the view as 2 x 2', async ({ studio, page }) => {
  const { paths } = await studio.fixtures();
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a lighthouse at dusk, oil painting'],
    seeds: '100',
    styles: ['GENERAL', 'ANIME', 'DESIGN'],
  };
  const batchId = await studio.runBatch(spec, 'Four up');
  const { rows } = await studio.call<{ rows: { id: number; inputId: number }[] }>('jobs:page', { batchId });
  await page.goto(`${studio.web.url}&e2e=1`);
  await page.waitForFunction(() =>
    Boolean((globalThis as unknown as { __sweepStudio?: unknown }).__sweepStudio),
  );
  await page.evaluate(
    ({ id, ids, input }) => {
      const nav = (globalThis as unknown as { __sweepStudio: { nav: { getState(): NavHooks } } })
        .__sweepStudio.nav;
      nav.getState().openBatch(id, 'grid');
      nav.getState().openCompare(ids, input);
    },
    { id: batchId, ids: rows.map((r) => r.id), input: rows[0]!.inputId },
  );
  const panes = page.getByTestId('compare-pane');
  await expect(panes).toHaveCount(4);
  await expect(page.getByTestId('compare-panes')).toHaveAttribute('data-cols', '2');
  await expect(page.getByTestId('compare-panes')).toHaveAttribute('data-rows', '2');
  await expect
    .poll(() =>
      panes
        .locator('img')
        .evaluateAll((imgs) =>
          imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
        ),
    )
    .toBe(true);
  // Each image is drawn larger than in one row of four (~290 px on this 1440 x 900 view).
  for (const box of await panes
    .locator('img')
    .evaluateAll((imgs) =>
      imgs.map(
        (i) =>
          (i as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height,
      ),
    ))
    expect(box).toBeGreaterThan(320);
  await page.mouse.move(0, 899);
  await page.screenshot({ path: 'test/e2e/screenshots/compare-2x2.png' });
});
