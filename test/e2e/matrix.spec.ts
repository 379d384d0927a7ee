/**
 * The matrix, end to end: a finished seed x style sweep shows as a labelled 3 x 2 table with the source
 * image, and "Export grid" has main write the labelled grid PNG whose pixel size is the layout of that
 * table (title band, header band, one 256 px cell per column / row) and whose text chunks name the
 * axes. Clicks mean what they mean in the grid: a click opens (compare with the source), Ctrl-click
 * picks. Saves matrix.png for the README.
 */
import sharp from 'sharp';
import { layoutGrid } from '../../electron/images/grid-render';
import { readPngText } from '../../electron/images/png-text';
import { expect, test } from './studio-fixture';

test('matrix shows seed x style and exports a labelled grid PNG the size of the table', async ({
  studio,
  page,
  request,
}) => {
  const { paths } = await studio.fixtures();
  const spec = {
    inputs: { paths: [paths.sunset] },
    prompts: ['a lighthouse at dusk, oil painting'],
    seeds: '100, 200, 300',
    styles: ['GENERAL', 'ANIME'],
  };
  await studio.runBatch(spec, 'Lighthouse matrix');

  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: 'Lighthouse matrix' }).click();
  await expect(page.getByTestId('job-card')).toHaveCount(6);
  await page.getByTestId('nav-matrix').click();

  const table = page.getByTestId('matrix-table');
  await expect(table).toBeVisible();
  await expect(page.getByLabel('X axis')).toHaveValue('seed');
  await expect(page.getByLabel('Y axis')).toHaveValue('style');
  await expect(table).toHaveAttribute('data-cols', '3');
  await expect(table).toHaveAttribute('data-rows', '2');
  await expect(table.locator('thead th')).toContainText(['', 'seed 100', 'seed 200', 'seed 300']);
  await expect(table.locator('tbody th')).toHaveText(['GENERAL', 'ANIME']);
  const cellImages = table.locator('[data-testid="matrix-cell"] img');
  await expect(cellImages).toHaveCount(6);
  await expect
    .poll(() =>
      table
        .locator('img')
        .evaluateAll((imgs) =>
          imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
        ),
    )
    .toBe(true);
  await page.screenshot({ path: 'test/e2e/screenshots/matrix.png' });

  await page.getByTestId('matrix-export').click();
  const exported = page.getByTestId('matrix-exported');
  await expect(exported).toBeVisible({ timeout: 30_000 });
  const shown = /Exported (\d+)×(\d+) px/.exec((await exported.textContent()) ?? '');
  expect(shown).not.toBeNull();
  const src = await exported.locator('img').getAttribute('src');
  const res = await request.get(new URL(src!, studio.web.origin).toString());
  expect(res.status()).toBe(200);
  const body = await res.body();
  const meta = await sharp(body).metadata();
  expect(meta.format).toBe('png');
  expect([meta.width, meta.height]).toEqual([Number(shown![1]), Number(shown![2])]);
  // One section (nothing else varies): the layout of 3 columns x 2 rows of 256 px cells.
  const empty = { key: '', label: '' };
  const layout = layoutGrid({
    sections: [{ title: '', table: { xs: [empty, empty, empty], ys: [empty, empty], cells: [] } }],
  });
  expect(layout.cellSize).toBe(256);
  expect([meta.width, meta.height]).toEqual([layout.width, layout.height]);
  const text = readPngText(body);
  expect([text['X axis'], text['Y axis']]).toEqual(['Seed', 'Style']);

  // The same click words as the grid: a click opens (the result beside its source), Ctrl-click picks.
  await expect(page.getByTestId('click-hint')).toContainText('Click opens');
  const cells = table.locator('[data-testid="matrix-cell"] button');
  await cells.nth(0).click({ modifiers: ['Control'] });
  await cells.nth(4).click({ modifiers: ['Control'] });
  await expect(table.locator('[data-testid="matrix-cell"][data-picked]')).toHaveCount(2);
  await page.getByTestId('matrix-compare-picked').click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-matrix').click();
  await table.locator('[data-testid="matrix-cell"] button').nth(1).click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('compare-pane').nth(0).locator('figcaption')).toContainText('Source');
});
