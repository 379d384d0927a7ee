/**
 * Acceptance 6, automated: the README's CLI example runs on generated fixtures, exits 0, leaves all 80
 * labelled PNGs, and the pictures (label band excluded) differ visibly per style and per seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED_OUTPUTS } from './readme-example';
import { type ExampleOutput, runReadmeExample } from './run-readme-example';

const work = mkdtempSync(join(tmpdir(), 'sweep-readme-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 16 x 16 RGB of the picture above the simulator's label band (its bottom ~10 %). */
async function signature(path: string): Promise<Buffer> {
  const { width, height } = await sharp(path).metadata();
  return sharp(path)
    .extract({ left: 0, top: 0, width: width!, height: Math.floor(height! * 0.85) })
    .resize(16, 16, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** Mean absolute difference per channel value, 0..255. */
function distance(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Smallest distance between any two outputs in a group that must all look different. */
async function closestPair(group: ExampleOutput[]): Promise<number> {
  const sigs = await Promise.all(group.map((o) => signature(o.path)));
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < sigs.length; i++)
    for (let j = i + 1; j < sigs.length; j++) min = Math.min(min, distance(sigs[i]!, sigs[j]!));
  return min;
}

/** Visibly different: a mean shift of 6 levels over the whole picture is easy to see side by side. */
const VISIBLE = 6;

describe('README example', () => {
  it('runs, leaves 80 labelled PNGs that differ per style and per seed', async () => {
    const run = await runReadmeExample(work);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(/simulator/i);
    expect(run.outputs).toHaveLength(EXPECTED_OUTPUTS);
    for (const o of run.outputs) {
      expect(basename(o.path)).toContain(`__${o.style}__s${o.seed}__`);
      expect(o.input).not.toBe('');
    }
    const inputs = [...new Set(run.outputs.map((o) => o.input))];
    expect(inputs).toHaveLength(5);
    const seeds = [100, 101, 102, 103];
    for (const input of inputs) {
      const mine = run.outputs.filter((o) => o.input === input && o.prompt === 'a red coat');
      // Per seed: the two styles differ.
      for (const seed of seeds) {
        const pair = mine.filter((o) => o.seed === seed);
        expect(pair.map((o) => o.style).sort()).toEqual(['ANIME', 'GENERAL']);
        expect(await closestPair(pair), `${input} seed ${seed}: GENERAL vs ANIME`).toBeGreaterThan(VISIBLE);
      }
      // Per style: all four seeds differ from each other.
      for (const style of ['GENERAL', 'ANIME']) {
        const group = mine.filter((o) => o.style === style);
        expect(group.map((o) => o.seed).sort()).toEqual(seeds);
        expect(await closestPair(group), `${input} ${style}: seeds`).toBeGreaterThan(VISIBLE);
      }
    }
  }, 180_000);
});
