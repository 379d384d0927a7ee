/**
 * Where an image served by main lives (custom protocol in Electron, token-checked route in web mode).
 * A URL for `<img src>` is not a call, so views take it from here; every call to main goes through a
 * store (renderer/src/stores), which is why views never import the client itself.
 */
import type { MediaRef } from '@shared/contract';
import { studio } from './studio-api';

/** The URL of `ref`'s image. */
export function mediaUrl(ref: MediaRef): string {
  return studio.mediaUrl(ref);
}
