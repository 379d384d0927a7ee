import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests talk real HTTP to the simulator and use real SQLite
// files, so they get longer timeouts. Benchmarks never run here (see `npm run bench`).
export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/readme/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
