/**
 * The CLI through a network outage (issue 11 §2): one line when the way to Segmind goes ("Offline —
 * retrying in N s", with the cause), one when it is back, none per probe; no job fails for it and the
 * run ends by itself with exit code 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { type OutageProxy, startOutageProxy } from '../net/outage-proxy';
import { runCli } from './cli-runner';

let dir: string;
let sim: SimulatorHandle;
let proxy: OutageProxy;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-offline-'));
  await generateFixtures(join(dir, 'fx'));
  sim = await startSimulator({ latencyScale: 0.05 });
  proxy = await startOutageProxy(sim.url);
  sim.configure({ publicUrl: proxy.url });
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sweep CLI offline', () => {
  it('says Offline once and Back online once, fails nothing, and ends by itself', async () => {
    const cli = runCli(
      [
        ...['--input', join(dir, 'fx', 'good'), '--prompt', 'a {red|blue} coat', '--seeds', '100-103'],
        ...['--out', join(dir, 'out'), '--json', '--data-dir', join(dir, 'data'), '--concurrency', '4'],
        ...['--base-url', `${proxy.url}/v1`, '--rpm', 'none', '--retry-scale', '0.1'],
      ],
      { SEGMIND_API_KEY: sim.apiKey },
    );
    await cli.waitForLine((l) => l.type === 'progress' && Number(l.done) >= 8);
    await proxy.set('refuse');
    await cli.waitForLine((l) => l.type === 'note' && String(l.message).startsWith('Offline'));
    await sleep(3_000);
    await proxy.set('pass');
    const { code } = await cli.exited;
    const notes = cli.lines.filter((l) => l.type === 'note').map((l) => String(l.message));
    const offline = notes.filter((n) => n.startsWith('Offline'));
    const back = notes.filter((n) => n.startsWith('Back online'));
    console.log(`[cli offline] ${JSON.stringify([...offline, ...back])}`);
    expect(offline).toHaveLength(1);
    // The proxy closes its port and cuts its open connections: the first failure seen names either.
    expect(offline[0]).toMatch(
      /^Offline — retrying in \d+ s \(.*(ECONNREFUSED|ECONNRESET).*\); nothing is submitted and no job fails for it$/,
    );
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/^Back online after \d+ s; resuming$/);
    expect(code, cli.stderr.join('')).toBe(0);
    expect(cli.lines.at(-1)).toMatchObject({ type: 'summary', state: 'completed', done: 40 });
    expect(sim.stats().duplicateSubmits).toBe(0);
  }, 90_000);
});
