/**
 * Issue 11 §3 and §6 for web mode, with the real `npm run web` entry in a child process: a studio in
 * simulator mode is SIGKILLed mid-run and started again on the same data folder. It comes back on the
 * same port with the same token (kept owner-only in the data folder, so an open tab reconnects: the
 * browser side is test/e2e/reconnect.spec.ts), with the concurrency the user set, and every job
 * submitted before the kill completes on the restarted simulator: none failed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { webSessionPath } from '../../../electron/web/web-session';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { REPO_ROOT } from '../cli/cli-runner';

interface WebChild {
  child: ChildProcess;
  url: Promise<URL>;
  output: string[];
  exited: Promise<NodeJS.Signals | number | null>;
}

function startWeb(dataDir: string): WebChild {
  const env: NodeJS.ProcessEnv = { ...process.env, STUDIO_DATA_DIR: dataDir };
  delete env.SEGMIND_API_KEY;
  delete env.SEGMIND_BASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/web/cli.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = new Promise<URL>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      const hit = /Open: (\S+)/.exec(output.join(''));
      if (hit) resolve(new URL(hit[1]!));
    });
    child.on('exit', () => reject(new Error(`web mode exited: ${output.join('')}`)));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, url, output, exited };
}

async function call<T>(url: URL, method: string, args: unknown): Promise<T> {
  const res = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-studio-token': url.searchParams.get('token')! },
    body: JSON.stringify(args),
  });
  const outcome = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!outcome.ok) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`);
  return outcome.value as T;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let dir: string | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('web mode across a kill -9', () => {
  it('comes back on the same port and session, keeps the concurrency, and finishes every job', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-web-restart-'));
    const dataDir = join(dir, 'data');
    await generateFixtures(join(dir, 'fx'));

    const first = startWeb(dataDir);
    children.push(first.child);
    const url = await first.url;
    const session = JSON.parse(readFileSync(webSessionPath(dataDir), 'utf8'));
    expect(session).toEqual({ token: url.searchParams.get('token'), port: Number(url.port) });
    if (process.platform !== 'win32') expect(statSync(webSessionPath(dataDir)).mode & 0o777).toBe(0o600);

    await call(url, 'engine:setConcurrency', { limit: 6 });
    const spec = {
      inputs: { paths: [join(dir, 'fx', 'good')], recursive: false },
      prompts: ['a {red|blue} coat'],
      seeds: '100-103',
      resolutions: ['RESOLUTION_1024_640'],
    };
    const { batchId } = await call<{ batchId: string }>(url, 'batch:create', {
      spec,
      outputDir: join(dir, 'out'),
    });
    const get = () => call<BatchView>(url, 'batch:get', { batchId });
    await until(
      get,
      (b) => b.done >= 1 && b.counts.queued + b.counts.processing >= 3,
      'jobs done and jobs in flight',
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const journal = openJournal({ file: journalPath(dataDir) });
    const held = journal.jobs
      .page(batchId, { state: ['queued', 'processing'], limit: 100 })
      .rows.filter((j) => j.requestId !== null);
    journal.close();
    expect(held.length).toBeGreaterThan(0);

    const second = startWeb(dataDir);
    children.push(second.child);
    const again = await second.url;
    expect(again.href).toBe(url.href); // same port, same token: the open page's session still works
    const done = await until(get, (b) => b.state === 'completed', 'the batch to complete');
    expect(done.counts.completed).toBe(40);
    expect(done.counts.failed).toBe(0);
    const status = await call<{ concurrency: { userLimit: number } }>(again, 'engine:status', {});
    expect(status.concurrency.userLimit).toBe(6);

    const after = openJournal({ file: journalPath(dataDir) });
    for (const h of held) expect(after.jobs.get(h.id)?.requestId, `job ${h.id}`).toBe(h.requestId);
    after.close();
    second.child.kill('SIGTERM');
    await second.exited;
  }, 120_000);
});
