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
import type { SimulatorHandle } from '../../electron/simulator/server';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { generateFixtures } from '../fixtures/generate-fixtures';

export interface StudioFixture {
  service: StudioService;
  web: WebServer;
  dataDir: string;
  /** Generates the fixture images (good/ and hostile/) under the test's folder; returns the good/ path. */
  fixtures(): Promise<{ goodDir: string; paths: Record<string, string> }>;
  /** The in-process simulator (e.g. `simulator().configure({ apiKeys: ['other'] })` to provoke a 401). */
  simulator(): SimulatorHandle;
}

export const test = base.extend<{ studio: StudioFixture; studioPage: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  studio: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sweep-e2e-'));
    const service = await startStudioService({
      shell: 'web',
      dataDir,
      backend: { apiKey: null, simulator: { latencyScale: 0.02 } },
      engine: { feedIntervalMs: 100, retryBaseDelayMs: 50 },
    });
    const dispatch = createDispatcher(service.handlers, (err) => console.error(err));
    const web = await startWebServer({ service, dispatch, staticDir: resolve('out/renderer') });
    let generated: { goodDir: string; paths: Record<string, string> } | null = null;
    const fixtures = async () => {
      if (!generated) {
        const paths = await generateFixtures(join(dataDir, 'fixtures'));
        generated = { goodDir: join(dataDir, 'fixtures', 'good'), paths };
      }
      return generated;
    };
    const simulator = () => {
      const sim = service.backend().simulator;
      if (!sim) throw new Error('the studio is not on the simulator');
      return sim;
    };
    await use({ service, web, dataDir, fixtures, simulator });
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
