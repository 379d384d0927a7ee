/**
 * Issue 11 §3: with a state folder the simulator's jobs outlive its process, as Segmind's do. A job
 * submitted before a restart is found by the next process (on its new port) with its phase measured
 * from the original submit on the wall clock, its result and image readable for the retention period,
 * then gone (404). Keys never reach the file. Without a state folder nothing is written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebaseSimulatorUrl } from '../../../electron/service/backend';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { headers, params, sleep, sourcePng, submit } from './sim-fixture';

let dir: string;
const open: SimulatorHandle[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Parameters<typeof startSimulator>[0] = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ stateDir: join(dir, 'state'), ...extra });
  open.push(sim);
  return sim;
}

async function statusAt(sim: SimulatorHandle, id: string): Promise<{ http: number; status?: string }> {
  const res = await fetch(`${sim.url}/v2/requests/${id}/status`, { headers: headers(sim) });
  const body = (await res.json()) as { status?: string };
  return { http: res.status, status: body.status };
}

describe('simulator job store on disk', () => {
  it('a restarted simulator on a new port reports a job submitted before, timed from its submit', async () => {
    const image = await sourcePng();
    // latency scale 0.1: median ~1.3 s, so the job is surely still running when the first process stops.
    const first = await start({ latencyScale: 0.1, latencySigma: 0.01 });
    const job = await submit(first, params(image, { resolution: 'RESOLUTION_1024_640' }));
    const before = await statusAt(first, job.request_id);
    expect(before.status === 'QUEUED' || before.status === 'PROCESSING').toBe(true);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await start({ latencyScale: 0.1, latencySigma: 0.01 });
    expect(second.url).not.toBe(first.url);
    expect(second.servedOrigins()).toEqual([second.url, first.url]);
    let status = await statusAt(second, job.request_id);
    expect(status.http).toBe(200);
    // Still running: the clock counts from the original submit, not from the restart.
    for (let i = 0; i < 200 && status.status !== 'COMPLETED'; i++) {
      await sleep(50);
      status = await statusAt(second, job.request_id);
    }
    expect(status.status).toBe('COMPLETED');
    const result = (await (
      await fetch(`${second.url}/v2/requests/${job.request_id}`, { headers: headers(second) })
    ).json()) as { output: string };
    expect(result.output).toBe(`${second.url}/media/${job.request_id}.png`);
    const media = await fetch(result.output);
    expect(media.status).toBe(200);
    const meta = await sharp(Buffer.from(await media.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 640]);
    expect(second.stats().completed).toBe(1);
    expect(second.stats().inFlight).toBe(0);
  });

  it('a job whose latency passed while no simulator ran is COMPLETED at once; retention still ends it', async () => {
    const image = await sourcePng();
    const first = await start({ latencyScale: 0.01, retentionMs: 1_500 });
    const job = await submit(first, params(image));
    await first.close();
    open.length = 0;
    await sleep(400); // well past the ~127 ms median latency, well before the 1.5 s retention
    const second = await start({ latencyScale: 0.01, retentionMs: 1_500 });
    expect(await statusAt(second, job.request_id)).toEqual({ http: 200, status: 'COMPLETED' });
    await second.close();
    open.length = 0;

    await sleep(1_600);
    const third = await start({ latencyScale: 0.01, retentionMs: 1_500 });
    expect((await statusAt(third, job.request_id)).http).toBe(404);
  });

  it('keeps jobs a second process created on the same folder, and never writes the key', async () => {
    const image = await sourcePng();
    const key = 'sim-secret-key-0123456789';
    const a = await start({ latencyScale: 0.005, apiKeys: [key] });
    const b = await start({ latencyScale: 0.005, apiKeys: [key] });
    const job = await submit(a, params(image));
    // b started before the job existed; it finds it in the shared file on first ask.
    let status = await statusAt(b, job.request_id);
    for (let i = 0; i < 200 && status.status !== 'COMPLETED'; i++) {
      await sleep(20);
      status = await statusAt(b, job.request_id);
    }
    expect(status).toEqual({ http: 200, status: 'COMPLETED' });
    await Promise.all(open.splice(0).map((s) => s.close()));
    const files = readdirSync(join(dir, 'state'));
    expect(files).toContain('jobs.sqlite');
    for (const f of files) expect(readFileSync(join(dir, 'state', f)).includes(key), f).toBe(false);
  });

  it('without a state folder nothing is written and a restart forgets', async () => {
    const image = await sourcePng();
    const first = await startSimulator({ latencyScale: 0.005 });
    open.push(first);
    const job = await submit(first, params(image));
    expect(first.servedOrigins()).toEqual([first.url]);
    await first.close();
    open.length = 0;
    const second = await startSimulator({ latencyScale: 0.005 });
    open.push(second);
    expect((await statusAt(second, job.request_id)).http).toBe(404);
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });
});

describe('rebaseSimulatorUrl', () => {
  const earlier = new Set(['http://127.0.0.1:40001', 'http://127.0.0.1:40002']);
  const current = 'http://127.0.0.1:40003';

  it('moves URLs of origins the simulator served at before onto its current origin', () => {
    expect(rebaseSimulatorUrl('http://127.0.0.1:40001/v2/requests/abc/status', earlier, current)).toBe(
      'http://127.0.0.1:40003/v2/requests/abc/status',
    );
    expect(rebaseSimulatorUrl('http://127.0.0.1:40002/v2/requests/abc?x=1', earlier, current)).toBe(
      'http://127.0.0.1:40003/v2/requests/abc?x=1',
    );
  });

  it('never touches any other URL: the real API, another loopback port, garbage', () => {
    for (const url of [
      'https://api.segmind.com/v2/requests/abc/status',
      'http://127.0.0.1:8787/v2/requests/abc/status',
      'http://localhost:40001/v2/requests/abc/status',
      'not a url',
      '',
    ])
      expect(rebaseSimulatorUrl(url, earlier, current)).toBe(url);
  });
});
