/**
 * Acceptance 5: a folder of hostile inputs next to good ones. Each unusable input (0-byte, truncated,
 * text named .png, 20,000 x 20,000 PNG, animated GIF, a folder named like an image, a dangling link, and
 * an unreadable file where permissions apply) gets a per-input error, and its jobs fail with
 * 'input_error' and a message naming the file and the cause; every job of the usable inputs (including
 * CMYK, 16-bit, EXIF-rotated and unicode-named ones) completes.
 */
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_EXPECTATIONS, permissionsAreBypassed } from '../../fixtures/generate-fixtures';
import { createHarness, type Harness, idleWithin, sweepSpec } from './engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine: bad inputs', () => {
  it('fails only the bad inputs, each with a reason naming the file', async () => {
    h = await createHarness();
    const hostileDir = `${h.dir}/fixtures/hostile`;
    const created = await h.engine.createBatch({
      spec: sweepSpec([h.goodDir, hostileDir], { seeds: '100' }),
      outputDir: h.outDir,
    });
    await idleWithin(h.engine, 60_000);

    const expected: Record<string, string> = { ...FIXTURE_EXPECTATIONS };
    if (permissionsAreBypassed()) expected.noAccess = 'ok';
    const byPath = new Map(
      Object.entries(h.fixtures)
        .filter(([name]) => name in expected)
        .map(([name, path]) => [path.normalize('NFC'), name]),
    );
    const inputs = h.journal.inputs.listByBatch(created.batchId);
    const seen = new Set<string>();
    for (const input of inputs) {
      const name = byPath.get(input.path.normalize('NFC'));
      if (!name) throw new Error(`unexpected input ${input.path}`);
      seen.add(name);
      const want = expected[name];
      const jobs = h.engine.pageJobs(created.batchId, { inputId: input.id, limit: 100 }).rows;
      expect(jobs.length, name).toBe(2);
      if (want === 'ok') {
        expect(input.errorCode, `${name}: ${input.errorMessage}`).toBeNull();
        for (const job of jobs) expect(job.state, `${name}: ${job.errorMessage}`).toBe('completed');
        continue;
      }
      const file = basename(input.path).normalize('NFC');
      expect(input.errorCode, name).toBe(want);
      expect(input.errorMessage?.normalize('NFC'), name).toContain(file);
      for (const job of jobs) {
        expect(job.state, name).toBe('failed');
        expect(job.errorCode).toBe('input_error');
        expect(job.errorMessage?.normalize('NFC')).toContain(file);
        expect(job.requestId).toBeNull();
      }
    }
    // Every fixture the issue lists reached the batch as an input (none silently dropped).
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
    const summary = h.engine.summary(created.batchId)!;
    expect(summary.batch.state).toBe('completed');
    const bad = Object.values(expected).filter((v) => v !== 'ok').length;
    expect(summary.counts.failed).toBe(bad * 2);
    expect(summary.counts.completed).toBe((inputs.length - bad) * 2);
    expect(h.simulator.stats().acceptedSubmits).toBe(summary.counts.completed);
    console.log(
      `[bad inputs] ${inputs.length} inputs, ${bad} refused: ${inputs
        .filter((i) => i.errorCode)
        .map((i) => `${i.errorCode}: ${i.errorMessage}`)
        .join(' | ')}`,
    );
  }, 90_000);
});
