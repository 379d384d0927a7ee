/**
 * The one URL path scheme for media, shared by both bridges and main: `media/<kind>/<id>`. Main parses
 * it strictly (known kind, decimal id), so nothing a renderer sends is ever used as a file path.
 */
import type { MediaKind, MediaRef } from './views';

export const MEDIA_KINDS: readonly MediaKind[] = [
  'output',
  'output-thumb',
  'input',
  'input-thumb',
  'export',
  'scan-thumb',
  'grid',
];
/** The Electron custom protocol's scheme. */
export const MEDIA_SCHEME = 'studio-media';

export function mediaPath(ref: MediaRef): string {
  return `media/${ref.kind}/${ref.id}`;
}

/** Parses `media/<kind>/<id>` (leading slashes ignored); null for anything else. */
export function parseMediaPath(path: string): MediaRef | null {
  const m = /^\/*media\/([a-z-]+)\/(\d{1,15})$/.exec(path);
  if (!m || !(MEDIA_KINDS as readonly string[]).includes(m[1]!)) return null;
  return { kind: m[1] as MediaKind, id: Number(m[2]) };
}
