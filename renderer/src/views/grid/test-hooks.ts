/**
 * Test and benchmark hooks: when the page URL carries `?e2e`, the batch and navigation stores are put on
 * `window.__sweepStudio`, so Playwright can navigate without knowing the shell's markup and the renderer
 * benchmark can feed synthetic `jobs:changed` payloads through the store's real handler. Nothing is
 * exposed otherwise.
 */
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { useGridUi } from './grid-ui-store';

declare global {
  interface Window {
    __sweepStudio?: { batch: typeof useBatchStore; nav: typeof useNav; gridUi: typeof useGridUi };
  }
}

let exposed = false;

/** Installs the hooks once, only for `?e2e` URLs. */
export function exposeTestHooks(): void {
  if (exposed || typeof window === 'undefined') return;
  exposed = true;
  if (!new URLSearchParams(window.location.search).has('e2e')) return;
  window.__sweepStudio = { batch: useBatchStore, nav: useNav, gridUi: useGridUi };
}
