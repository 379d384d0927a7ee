/**
 * Issue 11 §5, acceptance 5: a folder holding a named pipe, a unix socket and a link to a device next
 * to a good photo, a 20,000 x 2 strip and a 40 x 30 speck. The walker names each special file ("not a
 * regular file") without opening it (opening the FIFO would block this test until its timeout), the
 * strip and the speck are refused for their shape, every one of them becomes an input whose jobs fail
 * with the cause, and the simulator receives requests for the good photo's jobs only.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_EXTENSIONS } from '@shared/sweep';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverInputs } from '../../../electron/images/discover-inputs';
import { prepareInput } from '../../../electron/images/prepare-input';
import { countRequests, createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';

let h: Harness | undefined;
let socket: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  socket = undefined;
  await h?.close();
  h = undefined;
});

/** The hostile folder; returns the path of each entry by name. */
async function hostileFolder(harness: Harness) {
  const dir = join(harness.dir, 'special');
  mkdirSync(dir);
  const p = {
    good: join(dir, 'good.jpg'),
    pipe: join(dir, 'pipe.png'),
    socket: join(dir, 'socket.png'),
    device: join(dir, 'zero.png'),
    strip: join(dir, 'strip-20000x2.png'),
    speck: join(dir, 'speck-40x30.png'),
  };
  copyFileSync(harness.fixtures.sunset!, p.good);
  execFileSync('mkfifo', [p.pipe]);
  socket = createServer();
  await new Promise<void>((resolve) => socket!.listen(p.socket, resolve));
  symlinkSync('/dev/zero', p.device);
  const solid = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#7a9' } }).png();
  await solid(20_000, 2).toFile(p.strip);
  await solid(40, 30).toFile(p.speck);
  return p;
}

describe('hostile: special files and shapes no output can use', () => {
  it('the walker names pipes, sockets and devices and never opens them', async () => {
    h = await createHarness();
    const p = await hostileFolder(h);
    const found = await discoverInputs({
      paths: [join(h.dir, 'special'), '/dev/null'],
      extensions: [...DEFAULT_EXTENSIONS],
    });
    expect(found.files.map((f) => f.relPath)).toEqual(['good.jpg', 'speck-40x30.png', 'strip-20000x2.png']);
    const named = Object.fromEntries(found.problems.map((x) => [x.path, x]));
    for (const [path, kind] of [
      [p.pipe, 'a named pipe (FIFO)'],
      [p.socket, 'a socket'],
      [p.device, 'a device'],
      ['/dev/null', 'a device'],
    ] as const) {
      expect(named[path]?.code, path).toBe('not_regular_file');
      expect(named[path]?.message).toBe(`${path} is not a regular file (${kind}); it was not opened`);
    }
    // Preparing a FIFO directly (a retry re-checks inputs this way) answers at once, never blocks.
    const fifo = await prepareInput({ path: p.pipe }, { cacheDir: join(h.dir, 'cache') });
    expect(fifo).toMatchObject({ ok: false, code: 'not_regular_file' });
  });

  it('a batch names each unusable entry with its cause and sends nothing for them', async () => {
    h = await createHarness();
    const p = await hostileFolder(h);
    const created = await h.engine.createBatch({
      spec: sweepSpec([join(h.dir, 'special')], { seeds: '100' }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 60_000);

    const want: Record<string, [string, string] | null> = {
      [p.good]: null,
      [p.pipe]: ['not_regular_file', 'is not a regular file (a named pipe (FIFO)); it was not opened'],
      [p.socket]: ['not_regular_file', 'is not a regular file (a socket); it was not opened'],
      [p.device]: ['not_regular_file', 'is not a regular file (a device); it was not opened'],
      [p.strip]: ['extreme_aspect', 'is 20000 x 2 pixels, too wide (10000:1)'],
      [p.speck]: ['too_small', 'is 40 x 30 pixels, too small (short side 30 px'],
    };
    const inputs = h.journal.inputs.listByBatch(created.batchId);
    expect(inputs.map((i) => i.path).sort()).toEqual(Object.keys(want).sort());
    for (const input of inputs) {
      const expected = want[input.path]!;
      const jobs = h.engine.pageJobs(created.batchId, { inputId: input.id, limit: 10 }).rows;
      expect(jobs.length).toBe(2);
      if (expected === null) {
        expect(input.errorCode).toBeNull();
        for (const job of jobs) expect(job.state).toBe('completed');
        continue;
      }
      const [code, cause] = expected;
      expect(input.errorCode, input.path).toBe(code);
      expect(input.errorMessage).toContain(`"${input.relPath}" ${cause}`);
      for (const job of jobs) {
        expect(job.state).toBe('failed');
        expect(job.errorCode).toBe('input_error');
        expect(job.errorMessage).toContain(cause);
        expect(job.requestId).toBeNull();
      }
    }
    expect(created.inputProblems.map((x) => x.code).sort()).toEqual([
      'extreme_aspect',
      'not_regular_file',
      'not_regular_file',
      'not_regular_file',
      'too_small',
    ]);
    // Requests for the good photo's two jobs only.
    const stats = h.simulator.stats();
    expect(stats.acceptedSubmits).toBe(2);
    expect(countRequests(stats, 'v2.submit')).toBe(2);
  });
});
