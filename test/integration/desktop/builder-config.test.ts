/**
 * The installer configuration (electron-builder.config.ts), checked without packaging: it passes
 * electron-builder's own schema validation, asks for the promised targets and icons, and the files it
 * would put in the app, computed with electron-builder's own file matchers over this checkout, are the
 * built app and package.json only (no tests, fixtures, sources, caches or source maps), while the
 * native packages land outside the asar archive.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ICON_DIR } from '../../../electron/launch/make-icons';
import config from '../../../electron-builder.config';
import { BUILT_MAIN, ensureBuiltShell, ROOT } from './built-shell';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { getMainFileMatchers, FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): { createFilter(): Filter }[];
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns: unknown,
  ) => {
    createFilter(): Filter;
  };
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
const same = (s: string) => s;

/** Every file under ROOT the filter lets through, skipping what electron-builder handles apart. */
function included(filter: Filter, dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (dir === ROOT && ['node_modules', '.git'].includes(entry)) continue;
    const stat = statSync(path);
    if (!filter(path, stat)) continue;
    if (stat.isDirectory()) out.push(...included(filter, path));
    else out.push(relative(ROOT, path));
  }
  return out;
}

let appFiles: string[];

beforeAll(async () => {
  await ensureBuiltShell();
  const packager = {
    info: {
      projectDir: ROOT,
      buildResourcesDir: config.directories!.buildResources,
      isPrepackedAppAsar: false,
      config,
      debugLogger: new DebugLogger(false),
    },
  };
  const [matcher] = getMainFileMatchers(ROOT, '/app', same, {}, packager, join(ROOT, 'dist'), false);
  appFiles = included(matcher!.createFilter());
});

describe('electron-builder.config.ts', () => {
  it("passes electron-builder's schema validation (and the validator does reject a bad option)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsiss: {} }, new DebugLogger(false))).rejects.toThrow(
      /nsiss/,
    );
  });

  it('builds AppImage + deb, NSIS and dmg, with icons from the generated set', () => {
    expect(config.linux!.target).toEqual(['AppImage', 'deb']);
    expect(config.win!.target).toEqual(['nsis']);
    expect(config.mac!.target).toEqual(['dmg']);
    expect(config.linux!.icon).toBe(join(ICON_DIR, 'png'));
    expect(config.win!.icon).toBe(join(ICON_DIR, 'icon.ico'));
    expect(config.mac!.icon).toBe(join(ICON_DIR, 'icon.icns'));
  });

  it('keeps node_modules on Node’s ABI and swaps in the Electron build of better-sqlite3 after packing', () => {
    expect(config.npmRebuild).toBe(false);
    expect(typeof config.afterPack).toBe('function');
  });

  it('packages the built app and package.json, and nothing else of the checkout', () => {
    expect(existsSync(BUILT_MAIN)).toBe(true);
    expect(appFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
      ]),
    );
    const stray = appFiles.filter((f) => !(f === 'package.json' || f.startsWith('out/')));
    expect(stray).toEqual([]);
    expect(appFiles.filter((f) => /(^|\/)(test|fixtures|\.cache|bench)\/|\.map$/.test(f))).toEqual([]);
  });

  it('unpacks sharp, its libvips and better-sqlite3 from the asar archive', () => {
    const unpack = new FileMatcher(ROOT, '/app', same, config.asarUnpack).createFilter();
    const file = { isDirectory: () => false };
    for (const path of [
      'node_modules/sharp/lib/index.js',
      `node_modules/@img/sharp-${process.platform}-${process.arch}/lib/libvips-cpp.so`,
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]) {
      expect(unpack(join(ROOT, path), file), path).toBe(true);
    }
    expect(unpack(join(ROOT, 'node_modules/pino/pino.js'), file)).toBe(false);
  });
});
