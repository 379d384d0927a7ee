import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (never a downloaded one): the bootstrap resolves CHROMIUM_PATH.
// Each test starts its own studio (web mode) with its own data folder; see test/e2e/studio-fixture.ts.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    viewport: { width: 1440, height: 900 },
  },
});
