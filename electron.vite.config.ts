import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Rollup } from 'vite';

// Custom roots: main and preload live under electron/, the React app under renderer/.
// The preload is bundled whole (zod included) as CommonJS because sandboxed preloads cannot load ESM
// or node_modules.
// zod ships comments Rollup cannot place; the warning is harmless and would clutter `npm start`.
const onwarn: Rollup.RollupOptions['onwarn'] = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};

// `@shared/…` is the project's own shared/ folder (tsconfig.base.json declares the same path).
const alias = { '@shared': resolve('shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('electron/main/index.ts') }, onwarn },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        onwarn,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    build: { rollupOptions: { input: resolve('renderer/index.html'), onwarn } },
    plugins: [react()],
  },
});
