/**
 * Renders the app icons from the one source, build/icon.svg, into .cache/icons/ for the installers:
 * `png/<n>x<n>.png` (Linux), `icon.png` (1024 px), `icon.ico` (Windows) and `icon.icns` (macOS).
 * Run by `npm run dist`; also `npx tsx electron/launch/make-icons.ts [outDir]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { type SizedPng, writeIcns, writeIco } from './icon-containers';

const ROOT = resolve(import.meta.dirname, '../..');
export const ICON_SOURCE = join(ROOT, 'build/icon.svg');
/** Where the installers' icons are generated (electron-builder.config.ts points here). */
export const ICON_DIR = join(ROOT, '.cache/icons');

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Writes every icon into `outDir`; returns the files written. */
export async function makeIcons(outDir: string = ICON_DIR, source: string = ICON_SOURCE): Promise<string[]> {
  const svg = readFileSync(source);
  const images: SizedPng[] = await Promise.all(
    SIZES.map(async (size) => ({
      size,
      png: await sharp(svg, { density: 144 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer(),
    })),
  );
  mkdirSync(join(outDir, 'png'), { recursive: true });
  const written: string[] = [];
  const write = (file: string, bytes: Buffer) => {
    writeFileSync(join(outDir, file), bytes);
    written.push(join(outDir, file));
  };
  for (const { size, png } of images) write(join('png', `${size}x${size}.png`), png);
  write('icon.png', images.find((i) => i.size === 1024)!.png);
  write('icon.ico', writeIco(images.filter((i) => ICO_SIZES.includes(i.size))));
  write('icon.icns', writeIcns(images));
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await makeIcons(process.argv[2] ? resolve(process.argv[2]) : ICON_DIR);
  console.log(`[sweep-studio] ${files.length} icon files in ${process.argv[2] ?? ICON_DIR}`);
}
