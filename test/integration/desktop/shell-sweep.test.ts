/**
 * A whole sweep through the desktop IPC path, against the built shell under the Electron double and the
 * in-process simulator: the renderer side (the built preload in a vm, the contract client on top)
 * creates a batch, follows its `jobs:changed` events to completion and loads the outputs through the
 * `studio-media://` protocol; the shell meanwhile drives the taskbar progress, keeps the machine awake
 * and posts one notification. Then the media protocol's refusals (traversal, unknown ids, a symlink
 * out of the output folder) and a clean quit.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView, JobsChanged } from '@shared/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchShell, type Renderer, type ShellRun, until } from './shell-harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let dir: string;
let run: ShellRun;
let page: Renderer;
let batch: BatchView;
const changes: JobsChanged[] = [];

async function makeInputs(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const colours = [
    { r: 200, g: 40, b: 40 },
    { r: 30, g: 90, b: 200 },
  ];
  return Promise.all(
    colours.map(async (background, i) => {
      const file = join(folder, `photo-${i}.png`);
      await sharp({ create: { width: 96, height: 64, channels: 3, background } })
        .png()
        .toFile(file);
      return file;
    }),
  );
}

function outputFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.png'))
    .map((f) => join(folder, f));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-shell-sweep-'));
  run = await launchShell({ dir });
  page = run.renderer();
  page.client.on('jobs:changed', (payload) => changes.push(payload));
  const inputs = await makeInputs(join(dir, 'photos'));
  const created = await page.client['batch:create']({
    name: 'desktop sweep',
    outputDir: join(dir, 'outputs'),
    spec: {
      inputs: { paths: inputs, recursive: false },
      prompts: ['a {red|blue} coat'],
      seeds: '100-102',
      styles: ['GENERAL'],
      resolutions: ['RESOLUTION_1024_640'],
      sweepSeed: 1,
    },
  });
  expect(created.jobCount).toBe(12);
  await until(
    () => changes.some((c) => c.batches.some((b) => b.id === created.batchId && b.state === 'completed')),
    'the batch to complete',
    90_000,
  );
  batch = await page.client['batch:get']({ batchId: created.batchId });
}, 120_000);

afterAll(async () => {
  await run?.quit();
  rmSync(dir, { recursive: true, force: true });
});

describe('a sweep through the IPC path', () => {
  it('completes every job, reported by progress events along the way', () => {
    expect(batch.state).toBe('completed');
    expect(batch.counts.completed).toBe(12);
    const seen = changes.flatMap((c) => c.batches.filter((b) => b.id === batch.id).map((b) => b.done));
    expect(seen.some((done) => done > 0 && done < 12)).toBe(true);
    expect(
      changes.flatMap((c) => c.jobs).filter((j) => j.state === 'completed').length,
    ).toBeGreaterThanOrEqual(12);
  });

  it('drove the taskbar progress from 0..1 while running and removed it at the end', () => {
    const values = run.window!.progress.map((p) => p.value);
    const during = values.filter((v) => v >= 0);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((v) => v <= 1)).toBe(true);
    expect(during.some((v) => v > 0 && v < 1)).toBe(true);
    expect(during).toEqual([...during].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(-1);
  });

  it('kept the machine awake only while the batch ran', () => {
    const starts = run.double.state.callsTo('powerSaveBlocker.start');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts[0]![0]).toBe('prevent-app-suspension');
    expect(run.double.powerSaveBlocker.active()).toEqual([]);
  });

  it('posted exactly one end-of-batch notification, which brings the window back', () => {
    const mine = run.double.Notification.created.filter((n) => n.body.startsWith('desktop sweep'));
    expect(mine.map((n) => [n.title, n.body, n.shown])).toEqual([
      ['Sweep finished', 'desktop sweep: 12 done', true],
    ]);
    run.window!.minimize();
    mine[0]!.click();
    expect(run.window!.isMinimized()).toBe(false);
    expect(run.window!.isFocused()).toBe(true);
  });

  it('serves every output and thumbnail through studio-media://, byte for byte', async () => {
    const { rows } = await page.client['jobs:page']({ batchId: batch.id, limit: 100 });
    const onDisk = new Set(outputFiles(join(dir, 'outputs')).map((f) => readFileSync(f).toString('base64')));
    expect(rows).toHaveLength(12);
    for (const job of rows) {
      const res = await run.double.protocol.request(page.transport.mediaUrl({ kind: 'output', id: job.id }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(onDisk.has(bytes.toString('base64'))).toBe(true);
      const thumb = await run.double.protocol.request(
        page.transport.mediaUrl({ kind: 'output-thumb', id: job.id }),
      );
      expect(thumb.status).toBe(200);
    }
    const input = await run.double.protocol.request(
      page.transport.mediaUrl({ kind: 'input', id: rows[0]!.inputId }),
    );
    expect(input.status).toBe(200);
  });
});

describe('the media protocol refuses', () => {
  it('paths that are not a known kind and a decimal id, traversal included', async () => {
    for (const url of [
      'studio-media://app/media/output/../../../../etc/passwd',
      'studio-media://app/%2Fetc%2Fpasswd',
      'studio-media://app/media/output/1%2F..%2F..%2Fetc',
      'studio-media://app/media/output/-1',
      'studio-media://app/media/file/1',
      'studio-media://app/etc/passwd',
    ]) {
      expect((await run.double.protocol.request(url)).status, url).toBe(400);
    }
  });

  it('ids that do not exist', async () => {
    for (const kind of ['output', 'input', 'export', 'scan-thumb'] as const) {
      const res = await run.double.protocol.request(page.transport.mediaUrl({ kind, id: 987654 }));
      expect(res.status).toBe(404);
    }
  });

  it('an output that was replaced by a symlink leading out of its folder', async () => {
    const { rows } = await page.client['jobs:page']({ batchId: batch.id, limit: 1 });
    const job = rows[0]!;
    const res = await run.double.protocol.request(page.transport.mediaUrl({ kind: 'output', id: job.id }));
    const served = Buffer.from(await res.arrayBuffer());
    const file = outputFiles(join(dir, 'outputs')).find((f) => readFileSync(f).equals(served))!;
    const outside = join(dir, 'private.txt');
    writeFileSync(outside, 'not for the renderer');
    rmSync(file);
    symlinkSync(outside, file);
    const after = await run.double.protocol.request(page.transport.mediaUrl({ kind: 'output', id: job.id }));
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain('not for the renderer');
  });
});
