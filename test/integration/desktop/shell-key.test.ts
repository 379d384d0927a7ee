/**
 * The Segmind key in the desktop shell, under the Electron double's safeStorage: entered in settings it
 * is kept encrypted by the OS keychain in userData/segmind-key.bin, never in plain text anywhere on disk
 * (journal, logs, Electron folders), survives a restart on the same machine, is unreadable with another
 * machine's keychain, and on Linux without a keyring is kept in memory only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { launchShell } from './shell-harness';

const SECRET = 'sg_desktop_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';
let dir: string;
let simulator: SimulatorHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-shell-key-'));
  simulator = await startSimulator({ apiKeys: [SECRET] });
});

afterAll(async () => {
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root` holding the secret as UTF-8 or UTF-16LE bytes. */
function filesHoldingSecret(root: string): string[] {
  const forms = [Buffer.from(SECRET, 'utf8'), Buffer.from(SECRET, 'utf16le')];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(root, rel))
    .filter((file) => statSync(file).isFile())
    .filter((file) => {
      const bytes = readFileSync(file);
      return forms.some((form) => bytes.includes(form));
    });
}

describe('the API key on the desktop', () => {
  const home = () => join(dir, 'machine');
  // The key's backend goes to the loopback simulator that accepts it, never to Segmind.
  const env = () => ({ SEGMIND_BASE_URL: simulator.baseUrl });

  it('is stored with safeStorage, encrypted, and in plain text nowhere', async () => {
    const run = await launchShell({ dir: home(), env: env() });
    const { client } = run.renderer();
    expect((await client['settings:get']({})).keyStorage).toBe('none');
    const settings = await client['settings:setApiKey']({ apiKey: SECRET });
    expect(settings).toMatchObject({ hasApiKey: true, keyStorage: 'safe-storage', backend: 'segmind' });
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    expect((await client['app:info']({})).backend).toBe('segmind');
    expect(await run.quit()).toBe(0);

    const stored = join(run.userDataDir, 'segmind-key.bin');
    expect(existsSync(stored)).toBe(true);
    expect(statSync(stored).mode & 0o077).toBe(0);
    expect(filesHoldingSecret(home())).toEqual([]);
  });

  it('is read back after a restart on the same machine', async () => {
    const run = await launchShell({ dir: home(), env: env() });
    const { client } = run.renderer();
    expect(await client['settings:get']({})).toMatchObject({ hasApiKey: true, keyStorage: 'safe-storage' });
    expect((await client['app:info']({})).backend).toBe('segmind');
    expect(await run.quit()).toBe(0);
  });

  it('cannot be read with another keychain: the studio falls back to the simulator', async () => {
    const run = await launchShell({ dir: home(), env: env(), keychainSecret: randomBytes(32) });
    const { client } = run.renderer();
    expect((await client['app:info']({})).backend).toBe('simulator');
    expect(await run.quit()).toBe(0);
  });

  // The backend question exists on Linux only (the shell asks it there alone).
  it.skipIf(process.platform !== 'linux')(
    'stays in memory only where Linux has no keyring (safeStorage would use a fixed password)',
    async () => {
      const other = join(dir, 'no-keyring');
      const run = await launchShell({ dir: other, env: env(), storageBackend: 'basic_text' });
      const { client } = run.renderer();
      const settings = await client['settings:setApiKey']({ apiKey: SECRET });
      expect(settings).toMatchObject({ hasApiKey: true, keyStorage: 'memory' });
      expect(await run.quit()).toBe(0);
      expect(existsSync(join(run.userDataDir, 'segmind-key.bin'))).toBe(false);
      expect(filesHoldingSecret(other)).toEqual([]);
    },
  );
});
