/**
 * The Electronegativity gate (test/security/electronegativity.ts, run in `npm test`'s lint step) can
 * fail: on a deliberately insecure shell it exits non-zero naming the findings, and an allow-list
 * entry without a written justification is refused. (It passing on this repo is the lint step itself.)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const script = join(repo, 'test/security/electronegativity.ts');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sweep-eng-gate-'));
  mkdirSync(join(root, 'electron/main'), { recursive: true });
  writeFileSync(
    join(root, 'electron/main/index.js'),
    [
      "const { app, BrowserWindow } = require('electron');",
      'app.whenReady().then(() => {',
      '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
      "  win.loadURL('https://example.com');",
      '});',
    ].join('\n'),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function gate(allowList: unknown[]): Promise<{ code: number | null; out: string }> {
  const file = join(root, `allow-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(allowList));
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(repo, 'node_modules/tsx/dist/cli.mjs'), script, '--root', root, '--allow-list', file],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

describe('electronegativity gate', () => {
  it('fails on an insecure window and names the findings', async () => {
    const { code, out } = await gate([]);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+HIGH\s+CONTEXT_ISOLATION_JS_CHECK electron\/main\/index\.js:3/);
    expect(out).toMatch(/FAIL\s+MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(out).toMatch(/FAIL\s+HIGH\s+LIMIT_NAVIGATION_GLOBAL_CHECK/);
    expect(out).toContain('FAILED');
  }, 60_000);

  it('refuses an allow-list entry without a justification', async () => {
    const { code, out } = await gate([{ id: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/index.js' }]);
    expect(code).toBe(1);
    expect(out).toContain('written justification');
  }, 60_000);
});
