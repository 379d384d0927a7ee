/**
 * The renderer's one door to main: the Electron preload bridge when present, otherwise the web-mode
 * bridge. Both produce the same typed client from the one contract in shared/contract.
 */
import { createStudioClient, type StudioClient } from '@shared/contract';
import type { Transport } from '@shared/contract/client-factory';
import { createWebTransport } from './web-bridge';

declare global {
  interface Window {
    /** Exposed by electron/preload with contextBridge. */
    studioTransport?: Transport;
  }
}

export const studio: StudioClient = createStudioClient(window.studioTransport ?? createWebTransport());
