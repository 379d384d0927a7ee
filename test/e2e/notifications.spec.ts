/**
 * Told when it is done, in web mode (issue 12 §7): with the browser's notification permission granted,
 * a batch ending shows one notification worded as the desktop's (@shared/notices); the Settings switch
 * turns them off for this browser. Without a permission yet, starting a batch in the composer offers
 * notifications and "Notify me" asks the browser. Notifications are captured by an init script that
 * wraps `window.Notification`.
 */
import type { Page } from '@playwright/test';
import { expect, type StudioFixture, test } from './studio-fixture';

interface Captured {
  title: string;
  body: string | undefined;
}

/** The page's Notification API as the init script sees it (the e2e tsconfig has no DOM types). */
interface NotificationApi {
  permission: string;
  requestPermission(): Promise<string>;
  new (title: string, options?: { body?: string }): unknown;
}
interface PageGlobals {
  __notes: Captured[];
  Notification: NotificationApi;
}

/** Records every `new Notification(...)`; with `permission`, also fakes the browser's permission state. */
async function captureNotifications(page: Page, permission: 'default' | null = null): Promise<void> {
  await page.addInitScript((fake) => {
    const w = globalThis as unknown as PageGlobals;
    w.__notes = [];
    const Real = w.Notification;
    let state: string | null = fake;
    class Captor {
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        w.__notes.push({ title, body: options?.body });
      }
      close() {}
      static get permission() {
        return state ?? Real.permission;
      }
      static requestPermission() {
        if (state === null) return Real.requestPermission();
        state = 'granted';
        return Promise.resolve('granted');
      }
    }
    w.Notification = Captor as unknown as NotificationApi;
  }, permission);
}

const notes = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).__notes);

async function startBatch(studio: StudioFixture, name: string, seeds: string): Promise<string> {
  const { paths } = await studio.fixtures();
  const { batchId } = await studio.call<{ batchId: string }>('batch:create', {
    spec: {
      inputs: { paths: [paths.sunset] },
      prompts: ['a lighthouse at dusk'],
      seeds,
      styles: ['GENERAL'],
    },
    name,
  });
  return batchId;
}

test('a granted browser notification says when a batch ends; Settings turns it off', async ({
  studio,
  page,
  context,
}) => {
  await context.grantPermissions(['notifications'], { origin: studio.web.origin });
  await captureNotifications(page);
  await page.goto(studio.web.url);
  await expect(page.getByTestId('nav-history')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).Notification.permission))
    .toBe('granted');

  await startBatch(studio, 'Night run', '100, 200');
  await expect
    .poll(() => notes(page), { timeout: 45_000 })
    .toEqual([{ title: 'Sweep finished', body: 'Night run: 2 done' }]);

  // Off in this browser: the next batch ends quietly.
  await page.getByTestId('nav-settings').click();
  const toggle = page.getByTestId('settings-notify');
  await expect(toggle).toBeChecked();
  await toggle.uncheck({ force: true });
  await startBatch(studio, 'Quiet run', '300');
  // The page has seen the batch end once History shows it finished (the same jobs:changed events).
  await page.getByTestId('nav-history').click();
  await expect(
    page.locator('[data-testid="history-batch"]', { hasText: 'Quiet run' }).locator('.state'),
  ).toHaveText('Finished', { timeout: 45_000 });
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-notify').check({ force: true });
  await startBatch(studio, 'Loud run', '400');
  await expect.poll(() => notes(page), { timeout: 45_000 }).toHaveLength(2);
  expect((await notes(page)).map((n) => n.body)).toEqual(['Night run: 2 done', 'Loud run: 1 done']);
});

test('starting a batch offers notifications, and "Notify me" asks the browser', async ({ studio, page }) => {
  await captureNotifications(page, 'default');
  await page.goto(studio.web.url);
  await expect(page.getByTestId('notify-offer')).toHaveCount(0);
  const { paths } = await studio.fixtures();
  await page.getByTestId('composer-path').fill(paths.sunset!);
  await page.getByTestId('composer-path').press('Enter');
  await expect(page.getByTestId('scan-count')).toHaveText('1');
  await page.getByTestId('composer-prompts').fill('a lighthouse at dusk');
  await page.getByTestId('composer-seeds').fill('100');
  await page.getByTestId('composer-start').click();

  const offer = page.getByTestId('notify-offer');
  await expect(offer).toBeVisible();
  await page.getByTestId('notify-allow').click();
  await expect(offer).toBeHidden();
  await expect.poll(() => notes(page), { timeout: 45_000 }).toHaveLength(1);
  expect((await notes(page))[0]!.title).toBe('Sweep finished');
});
