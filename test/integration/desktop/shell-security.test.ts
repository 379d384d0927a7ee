/**
 * The built desktop shell under the Electron double: the window is sandboxed and context-isolated with
 * no Node, its page carries a strict CSP, it cannot navigate, redirect, attach webviews or open windows,
 * every permission request is refused, the media scheme is registered privileged before `ready`, and
 * only the studio window's top frame may call the API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEDIA_SCHEME } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_PAGE, BUILT_PRELOAD } from './built-shell';
import { launchShell, type ShellRun } from './shell-harness';

let dir: string;
let run: ShellRun;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-shell-sec-'));
  run = await launchShell({ dir });
});

afterAll(async () => {
  await run?.quit();
  rmSync(dir, { recursive: true, force: true });
});

/** The page's CSP as directive -> sources. */
function pageCsp(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta) throw new Error('no CSP meta tag in the built page');
  return new Map(
    meta[1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the studio window', () => {
  it('is sandboxed and context-isolated, with no Node and no webviews, as requested explicitly', () => {
    const win = run.window!;
    expect(win.requestedWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(win.requestedWebPreferences.preload).toBe(BUILT_PRELOAD);
    expect(win.requestedWebPreferences).not.toHaveProperty('allowRunningInsecureContent');
  });

  it('loads the built page, whose CSP allows only its own scripts and no plugins, frames or base changes', () => {
    const url = run.window!.webContents.getURL();
    expect(fileURLToPath(url)).toBe(BUILT_PAGE);
    const html = readFileSync(BUILT_PAGE, 'utf8');
    const csp = pageCsp(html);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toContain(`${MEDIA_SCHEME}:`);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    // Every script of the page is a file of its own: an inline one would be blocked by script-src 'self'.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\.\//);
      expect(body!.trim()).toBe('');
    }
  });

  it('cannot navigate, be redirected, attach a webview or open a window', () => {
    const contents = run.window!.webContents;
    const page = contents.getURL();
    expect(contents.navigate('https://example.com/phish')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.redirect('https://example.com/')).toBe(false);
    expect(contents.attachWebview('https://example.com/')).toBe(false);
    expect(contents.windowOpen('https://example.com/')).toBe('deny');
    expect(contents.getURL()).toBe(page);
  });

  it('confines any other web contents created later the same way', () => {
    const stray = new run.double.BrowserWindow({ show: false });
    try {
      expect(stray.webContents.navigate('https://example.com/')).toBe(false);
      expect(stray.webContents.windowOpen('https://example.com/')).toBe('deny');
      expect(stray.webContents.attachWebview('https://example.com/')).toBe(false);
    } finally {
      stray.destroy();
    }
  });

  it('refuses every permission request and check (Electron grants them when nobody handles them)', async () => {
    const session = run.double.session.peek;
    const contents = run.window!.webContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(await session.requestPermission(contents, permission)).toBe(false);
      expect(session.checkPermission(contents, permission)).toBe(false);
    }
  });
});

describe('the shell set-up', () => {
  it('registered the media scheme as privileged before ready, and handles it after', () => {
    expect(run.double.protocol.privileged).toEqual([
      { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(run.double.protocol.isProtocolHandled(MEDIA_SCHEME)).toBe(true);
  });

  it('answers the studio window top frame, and refuses calls from an iframe or another window', async () => {
    const top = run.renderer();
    expect((await top.transport.invoke('app:info', {})).ok).toBe(true);

    const iframe = run.renderer(run.window!.webContents.addChildFrame('https://example.com/'));
    const fromFrame = await iframe.transport.invoke('app:info', {});
    expect(fromFrame).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(fromFrame)).toMatch(/untrusted frame/);

    const other = new run.double.BrowserWindow({
      show: false,
      webPreferences: { preload: BUILT_PRELOAD, contextIsolation: true, sandbox: true },
    });
    try {
      const { runPreload } = await import('../../electron-double/preload-runner');
      const world = runPreload(run.double, other) as { studioTransport: typeof top.transport };
      expect((await world.studioTransport.invoke('app:info', {})).ok).toBe(false);
    } finally {
      other.destroy();
    }
  });

  it('opens the journal with the Node build of better-sqlite3 under plain Node (no Electron runtime)', async () => {
    // A nativeBinding pointing at the Electron-ABI cache would not load here; the app answering proves it did not.
    const { client } = run.renderer();
    expect((await client['app:info']({})).shell).toBe('electron');
    expect(process.versions.electron).toBeUndefined();
  });
});
