/**
 * Web mode refuses what it must: API and media requests without the token, with a foreign Origin or
 * an unexpected Host (DNS rebinding), and media paths that are not `media/<kind>/<id>` or that resolve
 * outside their allowed root. A Segmind key set through settings never reaches the SQLite file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/service/dispatcher';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';

let dir: string;
let service: StudioService;
let web: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-websec-'));
  service = await startStudioService({ shell: 'web', dataDir: join(dir, 'data'), backend: { apiKey: null } });
  const dispatch = createDispatcher(service.handlers, () => {});
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>studio</title>');
  web = await startWebServer({ service, dispatch, staticDir: join(dir, 'static') });
});

afterAll(async () => {
  await web.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw request so Host and Origin can be anything (fetch forbids setting Host). */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

const host = () => `127.0.0.1:${web.port}`;

describe('web mode gatekeeping', () => {
  it('refuses API calls and media without the token, or with a wrong one', async () => {
    expect(await raw('/api/call/app:info', { host: host() }, 'POST')).toBe(401);
    expect(await raw('/api/call/app:info', { host: host(), 'x-studio-token': 'wrong' }, 'POST')).toBe(401);
    expect(await raw('/api/media/output/1', { host: host() })).toBe(401);
    expect(await raw('/api/events', { host: host() })).toBe(401);
    expect(await raw('/api/call/app:info', { host: host(), 'x-studio-token': web.token }, 'POST')).toBe(200);
  });

  it('refuses a foreign Origin and an unexpected Host even with the token', async () => {
    const token = { 'x-studio-token': web.token };
    expect(
      await raw('/api/call/app:info', { host: host(), origin: 'http://evil.example', ...token }, 'POST'),
    ).toBe(403);
    expect(await raw('/api/call/app:info', { host: `evil.example:${web.port}`, ...token }, 'POST')).toBe(421);
    expect(await raw('/', { host: `evil.example:${web.port}` })).toBe(421);
    expect(await raw('/api/call/app:info', { host: host(), origin: web.origin, ...token }, 'POST')).toBe(200);
  });

  it('serves media by id only: traversal and unknown kinds are refused', async () => {
    const token = { host: host(), 'x-studio-token': web.token };
    expect(await raw('/api/media/output/..%2F..%2Fetc%2Fpasswd', token)).toBe(400);
    expect(await raw('/api/media/file/%2Fetc%2Fpasswd', token)).toBe(400);
    expect(await raw('/api/media/output/999999', token)).toBe(404);
    expect(await raw(`/api/media/export/1?token=${web.token}`, { host: host() })).toBe(404);
  });

  it('refuses a media id whose file is a symlink out of its root', async () => {
    const exports = join(dir, 'data', 'exports');
    mkdirSync(exports, { recursive: true });
    writeFileSync(join(dir, 'secret.png'), 'secret');
    symlinkSync(join(dir, 'secret.png'), join(exports, '42.png'));
    writeFileSync(join(exports, '43.png'), 'fine');
    const token = { host: host(), 'x-studio-token': web.token };
    expect(await raw('/api/media/export/42', token)).toBe(404);
    expect(await raw('/api/media/export/43', token)).toBe(200);
  });
});

describe('API key handling', () => {
  it('keeps a key set in settings out of the journal and out of every answer', async () => {
    const key = 'sg_test_SECRET_key_1234567890';
    const dispatch = createDispatcher(service.handlers, () => {});
    const outcome = await dispatch('settings:setApiKey', { apiKey: key });
    expect(outcome.ok).toBe(true);
    expect(JSON.stringify(outcome)).not.toContain(key);
    expect(JSON.stringify(await dispatch('settings:get', {}))).not.toContain(key);
    expect(JSON.stringify(await dispatch('app:info', {}))).not.toContain(key);
    expect(service.backend().kind).toBe('segmind');
    for (const file of ['journal.sqlite', 'journal.sqlite-wal']) {
      let bytes = '';
      try {
        bytes = readFileSync(join(dir, 'data', file)).toString('latin1');
      } catch {}
      expect(bytes).not.toContain(key);
    }
    await dispatch('settings:setApiKey', { apiKey: null });
    expect(service.backend().kind).toBe('simulator');
  });
});

describe('scan previews', () => {
  it('serves a preview only for files a scan found, by id', async () => {
    const { generateFixtures } = await import('../../fixtures/generate-fixtures');
    await generateFixtures(join(dir, 'fx'));
    const dispatch = createDispatcher(service.handlers, () => {});
    const scan = (await dispatch('inputs:scan', { paths: [join(dir, 'fx', 'good')] })) as {
      ok: true;
      value: { images: { thumbId: number }[] };
    };
    expect(scan.value.images.length).toBe(5);
    const token = { host: host(), 'x-studio-token': web.token };
    expect(await raw(`/api/media/scan-thumb/${scan.value.images[0]!.thumbId}`, token)).toBe(200);
    expect(await raw('/api/media/scan-thumb/987654', token)).toBe(404);
  });
});
