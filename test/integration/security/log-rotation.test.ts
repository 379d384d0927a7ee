/**
 * The main-process log rotates by size while the studio runs: main.log -> main.log.1 -> … -> main.log.N,
 * the oldest beyond `keep` deleted, every kept line whole JSON, the newest lines in main.log; a log
 * already too big at start rotates on its first line; and the key this process uses appears in none of
 * the files, rotated ones included. A write that fails is reported once and never thrown at the caller.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log/logger';
import { openRotatingFile, rotatedLogFiles } from '../../../electron/log/rotating-file';

const SECRET = 'sg_rotate_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-logrot-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('log rotation', () => {
  it('rotates while running, keeps a handful of whole-JSON files, and never holds the key', () => {
    const dataDir = join(dir, 'running');
    const logger = createLogger({ dataDir, maxBytes: 4_096, keep: 3 });
    logger.setSecret(SECRET);
    const lines = 400;
    for (let i = 0; i < lines; i++) {
      logger.info({ i, apiKey: SECRET, detail: `request with ${SECRET} number ${i}` }, `line ${i} ${SECRET}`);
    }
    const files = [logger.file, ...rotatedLogFiles(logger.file, 10)];
    expect(files.map((f) => f.slice(logger.file.length))).toEqual(['', '.1', '.2', '.3']);
    const entries = files.map((f) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { i: number; msg: string }),
    );
    for (const file of files) {
      expect(readFileSync(file).length).toBeLessThanOrEqual(4_096);
      expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    }
    // Newest in main.log, then .1, .2, .3; consecutive, ending with the last line logged.
    const order = entries
      .reverse()
      .flat()
      .map((e) => e.i);
    expect(order.at(-1)).toBe(lines - 1);
    expect(order).toEqual(order.map((_, k) => order[0]! + k));
    expect(order[0]).toBeGreaterThan(0);
    expect(entries.flat().every((e) => e.msg.endsWith('[redacted]'))).toBe(true);
  });

  it('rotates a log that was already over the limit at start on its first line', () => {
    const file = join(dir, 'start', 'logs', 'main.log');
    mkdirSync(join(dir, 'start', 'logs'), { recursive: true });
    writeFileSync(file, `${'x'.repeat(5_000)}\n`);
    const logger = createLogger({ dataDir: join(dir, 'start'), maxBytes: 4_096, keep: 2 });
    logger.info('fresh start');
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^x+\n$/);
    expect(readFileSync(file, 'utf8')).toContain('fresh start');
  });

  it('reports a failing write once and keeps going', () => {
    const logs = join(dir, 'broken', 'logs');
    mkdirSync(logs, { recursive: true });
    const errors: unknown[] = [];
    const file = openRotatingFile({
      file: join(logs, 'main.log'),
      maxBytes: 10,
      keep: 1,
      onError: (e) => errors.push(e),
    });
    file.write('first line\n');
    // The next rotation has nowhere to put main.log.1: a directory is in the way.
    mkdirSync(join(logs, 'main.log.1', 'blocker'), { recursive: true });
    expect(() => {
      file.write('second line\n');
      file.write('third line\n');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    file.close();
    // Nothing is lost: the lines go on in main.log.
    expect(readFileSync(join(logs, 'main.log'), 'utf8')).toContain('third line');
  });
});
