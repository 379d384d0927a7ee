/**
 * Playwright fixture: every test gets its own studio in web mode — a fresh data folder, its own
 * in-process simulator, its own token — and a page already opened on the tokenised URL. With
 * `test.use({ live: true })` the studio instead has a Segmind key and its base URL points at a
 * simulator of the test's own (as `SEGMIND_BASE_URL` would): the backend is 'segmind', so everything a
 * live run does (dollars, confirmations) happens, against the simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createDispatcher } from '../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../electron/service/studio-service';
import { type SimulatorHandle, startSimulator } from '../../electron/simulator/server';
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
  /** Calls a contract method through web mode's HTTP route (with the token), like the renderer does. */
  call<T>(method: string, args: unknown): Promise<T>;
  /** Creates a batch through the contract and waits until it has completed; returns its id. */
  runBatch(spec: object, name: string): Promise<string>;
}

export const test = base.extend<{ studio: StudioFixture; studioPage: Page; live: boolean }>({
  live: [false, { option: true }],
  studio: async ({ live }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sweep-e2e-'));
    const liveSim = live ? await startSimulator({ latencyScale: 0.02 }) : null;
    const service = await startStudioService({
      shell: 'web',
      dataDir,
      backend: liveSim
        ? { apiKey: liveSim.apiKey, baseUrl: liveSim.baseUrl }
        : { apiKey: null, simulator: { latencyScale: 0.02 } },
      // A live-presenting simulator has no request budget: no discovering one (the live default) either.
      engine: {
        feedIntervalMs: 100,
        retryBaseDelayMs: 50,
        ...(liveSim ? { requestsPerMinute: undefined } : {}),
      },
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
      const sim = liveSim ?? service.backend().simulator;
      if (!sim) throw new Error('the studio is not on the simulator');
      return sim;
    };
    const call = async <T>(method: string, args: unknown): Promise<T> => {
      const res = await fetch(`${web.origin}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-studio-token': web.token },
        body: JSON.stringify(args),
      });
      const outcome = (await res.json()) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error?.code} ${outcome.error?.message}`);
      return outcome.value as T;
    };
    const runBatch = async (spec: object, name: string): Promise<string> => {
      const { batchId } = await call<{ batchId: string }>('batch:create', { spec, name });
      await expect
        .poll(async () => (await call<{ state: string }>('batch:get', { batchId })).state, {
          timeout: 45_000,
        })
        .toBe('completed');
      return batchId;
    };
    await use({ service, web, dataDir, fixtures, simulator, call, runBatch });
    await web.close();
    await service.close();
    await liveSim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  studioPage: async ({ page, studio }, use) => {
    await page.goto(studio.web.url);
    await use(page);
  },
});

export { expect } from '@playwright/test';
