/**
 * Hostile file names: NFD (as macOS writes them) next to the same name in NFC, emoji (with ZWJ
 * sequences and flags), characters Windows forbids, control characters, Windows device names, names
 * differing only in case, a leading space, a trailing dot and a 240-byte name. Every input completes,
 * and every output name is NFC, safe on Windows/macOS/Linux, and unique even where the file system
 * folds case or normalisation.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { foldCase, isReservedName, MAX_SEGMENT_BYTES, utf8Bytes } from '@shared/sweep/path-safety';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedBatch } from '../../../electron/engine/batch-creator';
import { createHarness, type Harness, idleWithin, sweepSpec } from '../engine/engine-harness';

const NAMES = [
  'cafe\u0301 nfd.png', // NFD: e + combining acute
  'caf\u00e9 nfd.png', // the same name in NFC: a different file on Linux, one name on macOS
  '🐱 cat 😺.png',
  '👩‍👩‍👧 family.jpg',
  '🇯🇵 flag.webp',
  'a<b>c:d"e|f?g*h.png',
  'back\\slash.png',
  'tab\there\nnewline.png',
  'CON.png',
  'nul.jpg',
  'com1.png',
  'Cat.png',
  'cat.png',
  ' leading space.png',
  'trailing dot..png',
  `${'ä'.repeat(118)}.png`,
];

let h: Harness;
let created: CreatedBatch;
let inDir: string;

beforeAll(async () => {
  h = await createHarness();
  inDir = join(h.dir, 'names');
  mkdirSync(inDir);
  await Promise.all(
    NAMES.map((name, i) => {
      const image = sharp({
        create: { width: 96, height: 64, channels: 3, background: { r: 10 + i * 15, g: 200 - i * 9, b: 77 } },
      });
      const file = join(inDir, name);
      if (name.endsWith('.jpg')) return image.jpeg().toFile(file);
      if (name.endsWith('.webp')) return image.webp().toFile(file);
      return image.png().toFile(file);
    }),
  );
  created = await h.engine.createBatch({
    spec: sweepSpec([inDir], { prompts: ['a coat'], seeds: '100', styles: ['GENERAL', 'ANIME'] }),
    outputDir: h.outDir,
  });
  await idleWithin(h.engine, 30_000);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('hostile file names', () => {
  it('takes every input and completes every job', () => {
    expect(created.inputProblems).toEqual([]);
    expect(created.discoveryProblems).toEqual([]);
    expect(created.inputCount).toBe(NAMES.length);
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.counts.completed).toBe(NAMES.length * 2);
    expect(summary.batch.state).toBe('completed');
  });

  it('names every output in NFC, safely, uniquely even case-folded', async () => {
    const jobs = h.engine.pageJobs(created.batchId, { limit: 1000 }).rows;
    const seen = new Map<string, string>();
    for (const job of jobs) {
      const rel = relative(h.outDir, job.outputPath!);
      expect(rel.startsWith('..'), rel).toBe(false);
      for (const segment of rel.split(sep)) {
        expect(segment, rel).toBe(segment.normalize('NFC'));
        expect(segment, rel).not.toMatch(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/);
        expect(segment, rel).not.toMatch(/^[. ]|[. ]$/);
        expect(isReservedName(segment), rel).toBe(false);
        expect(utf8Bytes(segment), rel).toBeLessThanOrEqual(MAX_SEGMENT_BYTES + '.png'.length);
      }
      const folded = foldCase(rel);
      expect(seen.get(folded), `${rel} collides with ${seen.get(folded)}`).toBeUndefined();
      seen.set(folded, rel);
      expect((await sharp(job.outputPath!).metadata()).format).toBe('png');
    }
    expect(seen.size).toBe(NAMES.length * 2);
    console.log(`[file names] ${[...seen.values()].slice(0, 10).join(' | ')} …`);
  });

  it('writes exactly those files and nothing else (no temp files) under the output folder', () => {
    const onDisk = readdirSync(h.outDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(h.outDir, join(e.parentPath, e.name)));
    const expected = h.engine
      .pageJobs(created.batchId, { limit: 1000 })
      .rows.map((j) => relative(h.outDir, j.outputPath!));
    expect(onDisk.sort()).toEqual(expected.sort());
  });
});
