/**
 * Prune mid-run in the UI (issue 10 §4, acceptance 5), web mode against the in-process simulator: while
 * a sweep runs, a card's "skip…" menu skips the rest of style ANIME. Its pending jobs are cancelled as
 * pruned, no further ANIME job is sent (the simulator accepts exactly the submits the journal made, and
 * the ANIME jobs that finish are only those already sent), the batch header's ledger says "pruned N ·
 * $X not spent"; the prune bar's Undo queues them again and the batch completes every job, none sent
 * twice. The matrix's axis headers offer the same skip. Saves prune.png.
 */
import type { Page } from '@playwright/test';
import { expect, type StudioFixture, test } from './studio-fixture';

interface Job {
  id: number;
  style: string;
  state: string;
  requestId: string | null;
  errorCode: string | null;
}

const jobsOf = async (studio: StudioFixture, batchId: string) =>
  (await studio.call<{ rows: Job[] }>('jobs:page', { batchId, limit: 1000 })).rows;

async function openGrid(page: Page, studio: StudioFixture, batchName: string): Promise<void> {
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: batchName }).click();
  await expect(page.getByTestId('grid-view')).toBeVisible();
}

test('skip the rest of style ANIME mid-run: nothing more of it is sent; undo queues it again', async ({
  studio,
  page,
}) => {
  test.setTimeout(120_000);
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.1 });
  await studio.call('engine:setConcurrency', { limit: 2 });
  const spec = {
    inputs: { paths: [paths.sunset, paths.portrait] },
    prompts: ['a {lighthouse|windmill} at dusk'],
    seeds: '100-103',
    styles: ['GENERAL', 'ANIME'],
  };
  const { batchId, jobCount } = await studio.call<{ batchId: string; jobCount: number }>('batch:create', {
    spec,
    name: 'Prune studies',
  });
  expect(jobCount).toBe(32);
  await openGrid(page, studio, 'Prune studies');
  // Progressive order: an ANIME job is among the first; prune once one has finished.
  const animeDone = page.locator('[data-testid="job-card"][data-state="completed"]', { hasText: 'anime' });
  await expect(animeDone.first()).toBeVisible({ timeout: 45_000 });
  const card = animeDone.first();
  await card.hover();
  await card.getByTestId('card-skip').click();
  await card.getByTestId('card-skip-style').click();
  const bar = page.getByTestId('prune-bar');
  await expect(bar).toContainText(/Skipped \d+ pending jobs of style ANIME/);
  const pruned = Number(/Skipped (\d+)/.exec((await bar.textContent()) ?? '')![1]);
  expect(pruned).toBeGreaterThan(0);

  const atPrune = await jobsOf(studio, batchId);
  const animeKept = atPrune.filter((j) => j.style === 'ANIME' && j.state !== 'cancelled').map((j) => j.id);
  expect(atPrune.filter((j) => j.errorCode === 'pruned')).toHaveLength(pruned);

  await expect(page.getByTestId('batch-state')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('batch-ledger')).toContainText(
    `pruned ${pruned} · $${(pruned * 0.1).toFixed(2)} not spent`,
  );
  await page.screenshot({ path: 'test/e2e/screenshots/prune.png' });
  const finished = await jobsOf(studio, batchId);
  const animeSent = finished.filter((j) => j.style === 'ANIME' && j.requestId !== null).map((j) => j.id);
  // Only the ANIME jobs already sent (or being sent) when the skip came were ever sent.
  expect(animeSent.every((id) => animeKept.includes(id))).toBe(true);
  expect(finished.filter((j) => j.errorCode === 'pruned')).toHaveLength(pruned);
  expect(studio.simulator().stats().acceptedSubmits).toBe(
    finished.filter((j) => j.requestId !== null).length,
  );

  await bar.getByTestId('prune-undo').click();
  await expect(bar).toContainText(`Queued ${pruned} pending jobs of style ANIME again`);
  // The grid is virtualised (not every card is in the page): the journal says when all 32 completed.
  await expect
    .poll(async () => (await jobsOf(studio, batchId)).filter((j) => j.state === 'completed').length, {
      timeout: 60_000,
    })
    .toBe(32);
  await expect(page.getByTestId('batch-state')).toHaveText('Finished');
  const stats = studio.simulator().stats();
  expect(stats.acceptedSubmits).toBe(32);
  expect(stats.duplicateSubmits).toBe(0);
});

test('the matrix axis header skips the rest of a seed', async ({ studio, page }) => {
  test.setTimeout(120_000);
  const { paths } = await studio.fixtures();
  studio.simulator().configure({ latencyScale: 0.1 });
  await studio.call('engine:setConcurrency', { limit: 1 });
  const { batchId } = await studio.call<{ batchId: string }>('batch:create', {
    spec: {
      inputs: { paths: [paths.sunset] },
      prompts: ['a {fox|owl}'],
      seeds: '100-103',
      styles: ['GENERAL'],
    },
    name: 'Matrix prune',
  });
  await page.goto(studio.web.url);
  await page.getByTestId('nav-grid').click();
  await page.getByTestId('batch-picker').getByRole('button', { name: 'Matrix prune' }).click();
  await page.getByTestId('nav-matrix').click();
  await expect(page.getByTestId('matrix-table')).toBeVisible();
  const header = page.locator('th', { hasText: 'seed 103' }).first();
  await header.hover();
  await header.getByTestId('matrix-skip').click();
  await expect(page.getByTestId('prune-bar')).toContainText(/Skipped [12] pending jobs? of seed/);
  await expect
    .poll(async () => (await studio.call<{ state: string }>('batch:get', { batchId })).state, {
      timeout: 60_000,
    })
    .toBe('completed');
  const jobs = await jobsOf(studio, batchId);
  const seed103 = jobs.filter((j) => j.errorCode === 'pruned');
  expect(seed103.length).toBeGreaterThan(0);
  expect(seed103.every((j) => j.requestId === null)).toBe(true);
});
