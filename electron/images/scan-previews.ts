/**
 * Previews for images the composer found but no batch has imported yet. A scan registers each file
 * and hands out a numeric id; the preview is made on first request (a small WebP, cached by path, size
 * and mtime) so listing 300 photos costs nothing until the artist looks at them. Ids only ever name
 * files the scan itself found, so the media route still never takes a path from the renderer.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from './atomic-write';

/** Files remembered; older registrations are forgotten first. */
const CAPACITY = 20_000;
const PREVIEW_SIZE = 192;

export interface ScanPreviews {
  register(path: string): number;
  /** Path of the preview for `id`, made now if needed; null for unknown ids or undecodable files. */
  preview(id: number): Promise<string | null>;
}

export function createScanPreviews(cacheDir: string): ScanPreviews {
  const byId = new Map<number, string>();
  const byPath = new Map<string, number>();
  let nextId = 1;
  return {
    register(path) {
      const known = byPath.get(path);
      if (known !== undefined) return known;
      const id = nextId++;
      byId.set(id, path);
      byPath.set(path, id);
      if (byId.size > CAPACITY) {
        const [oldId, oldPath] = byId.entries().next().value as [number, string];
        byId.delete(oldId);
        byPath.delete(oldPath);
      }
      return id;
    },
    async preview(id) {
      const path = byId.get(id);
      if (!path) return null;
      try {
        const info = await stat(path);
        const name = createHash('sha256').update(`${path}\0${info.size}\0${info.mtimeMs}`).digest('hex');
        const target = join(cacheDir, `${name}.webp`);
        if (
          await stat(target).then(
            () => true,
            () => false,
          )
        )
          return target;
        const bytes = await sharp(path, { limitInputPixels: 100_000_000, animated: false })
          .rotate()
          .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'cover' })
          .webp({ quality: 70 })
          .toBuffer();
        await writeFileAtomic(target, bytes);
        return target;
      } catch {
        return null;
      }
    },
  };
}
