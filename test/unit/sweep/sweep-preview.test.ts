/**
 * The composer's preview (shared/sweep/sweep-preview.ts), what main's `sweep:preview` answers: axis
 * counts, job count and estimate, the first prompt variants and seeds, issues for a bad spec, and the
 * large-sweep threshold batch creation enforces.
 */
import { describeSweepEstimate } from '@shared/scheduling';
import { AXIS_ORDER, LARGE_SWEEP_JOBS, needsConfirmation, PREVIEW_ITEMS, previewSweep } from '@shared/sweep';
import { describe, expect, it } from 'vitest';

const spec = (extra: Record<string, unknown> = {}) => ({
  inputs: { paths: ['/photos'] },
  prompts: ['a {red|blue} coat', 'a hat'],
  seeds: '100-102',
  styles: ['GENERAL', 'ANIME'],
  ...extra,
});

describe('previewSweep', () => {
  it('counts every axis in expansion order and multiplies them into the job count', () => {
    const p = previewSweep(spec(), { imageCount: 4, concurrency: 8 });
    expect(p.ok).toBe(true);
    expect(p.issues).toEqual([]);
    expect(p.axes.map((a) => a.name)).toEqual([...AXIS_ORDER]);
    const count = Object.fromEntries(p.axes.map((a) => [a.name, a.count]));
    expect(count).toMatchObject({ input: 4, prompt: 3, seed: 3, style: 2, resolution: 1, palette: 1 });
    expect(p.jobCount).toBe(4 * 3 * 3 * 2);
    expect(p.estimate).toBe(describeSweepEstimate(72, 8));
    expect(p.needsConfirmation).toBe(false);
  });

  it('lists the prompt variants of every prompt in order, and the seeds', () => {
    const p = previewSweep(spec(), { imageCount: 1, concurrency: 4 });
    expect(p.promptVariants).toEqual(['a red coat', 'a blue coat', 'a hat']);
    expect(p.seeds).toEqual([100, 101, 102]);
  });

  it('caps the lists at PREVIEW_ITEMS while counting everything', () => {
    const p = previewSweep(spec({ prompts: ['{a|b|c|d|e|f|g|h} {1|2|3|4|5|6|7|8}'], seeds: '100-299' }), {
      imageCount: 1,
      concurrency: 4,
    });
    expect(p.promptVariants).toHaveLength(PREVIEW_ITEMS);
    expect(p.promptVariants[0]).toBe('a 1');
    expect(p.seeds).toHaveLength(PREVIEW_ITEMS);
    expect(p.jobCount).toBe(64 * 200 * 2);
  });

  it('counts no jobs while the image count is unknown, but still sizes the other axes', () => {
    const p = previewSweep(spec(), { concurrency: 4 });
    expect(p.ok).toBe(true);
    expect(p.jobCount).toBe(0);
    expect(p.axes.find((a) => a.name === 'seed')?.count).toBe(3);
  });

  it('answers a bad spec with its issues and nothing else', () => {
    const p = previewSweep(spec({ seeds: '5' }), { imageCount: 1, concurrency: 4 });
    expect(p).toMatchObject({ ok: false, jobCount: 0, axes: [], promptVariants: [], seeds: [] });
    expect(p.issues[0]?.field).toBe('seeds');
    expect(previewSweep('not a spec', { concurrency: 4 }).ok).toBe(false);
  });

  it('asks for confirmation just over LARGE_SWEEP_JOBS, not at it', () => {
    const at = previewSweep(
      spec({ prompts: ['a coat'], styles: ['GENERAL'], seeds: `100-${99 + LARGE_SWEEP_JOBS}` }),
      {
        imageCount: 1,
        concurrency: 4,
      },
    );
    expect(at.jobCount).toBe(LARGE_SWEEP_JOBS);
    expect(at.needsConfirmation).toBe(false);
    const over = previewSweep(
      spec({ prompts: ['a coat'], styles: ['GENERAL'], seeds: `100-${100 + LARGE_SWEEP_JOBS}` }),
      {
        imageCount: 1,
        concurrency: 4,
      },
    );
    expect(over.jobCount).toBe(LARGE_SWEEP_JOBS + 1);
    expect(over.needsConfirmation).toBe(true);
    expect(needsConfirmation(LARGE_SWEEP_JOBS)).toBe(false);
    expect(needsConfirmation(LARGE_SWEEP_JOBS + 1)).toBe(true);
  });
});
