/**
 * Playwright fixture: every test gets its own studio in web mode — a fresh data folder, its own
 * in-process simulator, its own token — and a page already opened on the tokenised URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { createDispatcher } from '../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../electron/service/studio-service';
import { startWebServer, type WebServer } from '../../electron/web/web-server';

export interface StudioFixture {
  service: StudioService;
  web: WebServer;
  dataDir: string;
}

export const test = base.extend<{ studio: StudioFixture; studioPage: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  studio: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sweep-e2e-'));
    const service = await startStudioService({ shell: 'web', dataDir, backend: { apiKey: null } });
    const dispatch = createDispatcher(service.handlers, (err) => console.error(err));
    const web = await startWebServer({ service, dispatch, staticDir: resolve('out/renderer') });
    await use({ service, web, dataDir });
    await web.close();
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  studioPage: async ({ page, studio }, use) => {
    await page.goto(studio.web.url);
    await use(page);
  },
});

export { expect } from '@playwright/test';
