/**
 * Issue 11 §6: web mode's session (token, port) lives in the data folder, owner-only; a taken port
 * falls back to a free one (which is then saved) unless the port was asked for explicitly.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebMode } from '../../../electron/web/web-mode';
import { loadWebSession, saveWebSession, webSessionPath } from '../../../electron/web/web-session';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-web-session-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const posix = process.platform !== 'win32';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('the web session file', () => {
  it('creates a token once, keeps it, and keeps the file owner-only', () => {
    const data = join(dir, 'a');
    const first = loadWebSession(data);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.port).toBeNull();
    if (posix) expect(mode(webSessionPath(data))).toBe(0o600);
    saveWebSession(data, { ...first, port: 45_001 });
    expect(loadWebSession(data)).toEqual({ token: first.token, port: 45_001 });
    if (posix) {
      chmodSync(webSessionPath(data), 0o644);
      loadWebSession(data);
      expect(mode(webSessionPath(data))).toBe(0o600);
    }
  });

  it('replaces a damaged file with a new session', () => {
    const data = join(dir, 'b');
    loadWebSession(data);
    writeFileSync(webSessionPath(data), '{"token": "short", "port": 70000');
    const fresh = loadWebSession(data);
    expect(fresh.token).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh.port).toBeNull();
    expect(JSON.parse(readFileSync(webSessionPath(data), 'utf8'))).toEqual(fresh);
  });
});

describe('web mode on a taken port', () => {
  it('falls back to a free port and saves it, unless the port was given explicitly', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const data = join(dir, 'c');
    try {
      saveWebSession(data, { ...loadWebSession(data), port: taken });
      const web = await startWebMode({ dataDir: data, staticDir: dir, backend: { apiKey: null } });
      try {
        expect(web.web.port).not.toBe(taken);
        expect(loadWebSession(data).port).toBe(web.web.port);
        expect(web.web.token).toBe(loadWebSession(data).token);
      } finally {
        await web.close();
      }
      await expect(
        startWebMode({ dataDir: data, staticDir: dir, port: taken, backend: { apiKey: null } }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
