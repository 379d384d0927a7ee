/**
 * Packaging pieces that run without the internet: the icons rendered from build/icon.svg into PNG,
 * ICO and ICNS (parsed back here), the preflight's download URLs and cache lookup, and `npm run dist`
 * on a machine that cannot download Electron, which must stop with exactly one line saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedElectronZip, electronZipUrl, type Target } from '../../../electron/launch/dist-preflight';
import { ICNS_TYPES } from '../../../electron/launch/icon-containers';
import { makeIcons } from '../../../electron/launch/make-icons';
import { ROOT } from './built-shell';

let dir: string;
const target: Target = { version: '39.8.10', platform: 'linux', arch: 'x64' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-dist-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function pngSize(png: Buffer): Promise<number> {
  const meta = await sharp(png).metadata();
  expect(meta.format).toBe('png');
  expect(meta.width).toBe(meta.height);
  return meta.width!;
}

describe('icons from one source', () => {
  it('renders the Linux PNG set, an ICO and an ICNS whose entries are the right sizes', async () => {
    const out = join(dir, 'icons');
    await makeIcons(out);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(await pngSize(readFileSync(join(out, 'png', `${size}x${size}.png`)))).toBe(size);
    }
    expect(await pngSize(readFileSync(join(out, 'icon.png')))).toBe(1024);

    const ico = readFileSync(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const declared = ico.readUInt8(entry) || 256;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      expect(await pngSize(png)).toBe(declared);
      icoSizes.push(declared);
    }
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256]);

    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks: { type: string; size: number }[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const png = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      chunks.push({ type: icns.toString('ascii', at, at + 4), size: await pngSize(png) });
    }
    expect(chunks).toEqual(ICNS_TYPES);
  });
});

describe('the dist preflight', () => {
  it('builds the Electron download URL as electron-builder does, mirror and custom folder included', () => {
    expect(electronZipUrl(target, {})).toBe(
      'https://github.com/electron/electron/releases/download/v39.8.10/electron-v39.8.10-linux-x64.zip',
    );
    expect(
      electronZipUrl(target, { ELECTRON_MIRROR: 'https://mirror.test/electron', ELECTRON_CUSTOM_DIR: '39' }),
    ).toBe('https://mirror.test/electron/39/electron-v39.8.10-linux-x64.zip');
  });

  it('finds a cached zip in the cache folder or one level down', () => {
    const cache = join(dir, 'cache');
    mkdirSync(join(cache, 'abc123'), { recursive: true });
    expect(cachedElectronZip(target, cache)).toBeNull();
    writeFileSync(join(cache, 'abc123', 'electron-v39.8.10-linux-x64.zip'), '');
    expect(cachedElectronZip(target, cache)).toBe(join(cache, 'abc123', 'electron-v39.8.10-linux-x64.zip'));
  });
});

describe('npm run dist without the Electron download', () => {
  it('stops before building, with one line that says why', async () => {
    // A loopback port nobody listens on stands in for "no internet", on any machine.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const emptyCache = join(dir, 'empty-cache');
    mkdirSync(emptyCache, { recursive: true });
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/launch/dist.ts')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, ELECTRON_CACHE: emptyCache },
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[sweep-studio\] dist: cannot download Electron \d+\.\d+\.\d+ for .*127\.0\.0\.1/,
    );
  });
});
