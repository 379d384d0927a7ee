/**
 * The CLI's side of the artist's morning: `--resolutions match` sweeps each photo at its own shape, and
 * `--from <png>` re-runs the job a PNG records (same key, parent recorded), with flags overriding it;
 * a PNG without a record or whose source image is unknown is refused with a clear message.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/db';
import { generateFixtures } from '../../fixtures/generate-fixtures';
import { runCli } from './cli-runner';

let dir: string;
let fixtures: Awaited<ReturnType<typeof generateFixtures>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-from-'));
  fixtures = await generateFixtures(join(dir, 'fx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fast = ['--json', '--simulator-latency-scale', '0.002'];

describe('sweep CLI: match and --from', () => {
  it('sweeps with --resolutions match, then re-runs an output with --from (same key, parent kept)', async () => {
    const dataDir = join(dir, 'data');
    const first = runCli([
      '--input',
      fixtures.panorama,
      '--input',
      fixtures.portrait,
      '--prompt',
      'a {red} coat',
      '--seeds',
      '4242',
      '--resolutions',
      'MATCH',
      '--out',
      join(dir, 'out'),
      '--data-dir',
      dataDir,
      ...fast,
    ]);
    expect((await first.exited).code, first.stderr.join('')).toBe(0);
    const batchId = String(first.lines.at(-1)!.batchId);
    let journal = openJournal({ file: journalPath(dataDir) });
    const jobs = journal.jobs.page(batchId, { limit: 10 }).rows;
    journal.close();
    expect(jobs.map((j) => [j.resolution, j.resolutionMatched])).toEqual([
      ['RESOLUTION_1536_512', true],
      ['RESOLUTION_768_1152', true],
    ]);

    const png = jobs[0]!.outputPath!;
    const rerun = runCli(['--from', png, '--out', join(dir, 'out'), '--data-dir', dataDir, ...fast]);
    expect((await rerun.exited).code, rerun.stderr.join('')).toBe(0);
    expect(String(rerun.lines[0]!.message)).toBe(
      `From ${png.split('/').at(-1)}: Sweep Studio record, input ${fixtures.panorama}`,
    );
    const again = String(rerun.lines.at(-1)!.batchId);
    journal = openJournal({ file: journalPath(dataDir) });
    try {
      const [job] = journal.jobs.page(again, { limit: 10 }).rows;
      expect(job!.key).toBe(jobs[0]!.key);
      expect(job!.state).toBe('skipped_duplicate');
      expect(journal.batches.get(again)).toMatchObject({ parentBatchId: batchId, parentJobId: jobs[0]!.id });
    } finally {
      journal.close();
    }

    const more = runCli(['--from', png, '--seeds', 'random:3', '--dry-run', '--data-dir', dataDir, ...fast]);
    expect((await more.exited).code, more.stderr.join('')).toBe(0);
    expect(more.lines.at(-1)).toMatchObject({ type: 'dry-run', images: 1, jobs: 3 });
  }, 120_000);

  it('refuses a PNG without a record, and one whose image this data folder does not know', async () => {
    const plain = runCli(['--from', fixtures.portrait, '--data-dir', join(dir, 'other'), ...fast]);
    expect((await plain.exited).code).toBe(2);
    expect(plain.stderr.join('')).toContain(
      '--from: portrait-rings.png: it has no generation record (no "generation" or "parameters" text)',
    );
    // An output copied to a data folder that never saw its input.
    const dataDir = join(dir, 'data');
    const journal = openJournal({ file: journalPath(dataDir) });
    const [job] = journal.jobs.page(journal.batches.list()[0]!.id, { limit: 1 }).rows;
    journal.close();
    const copy = join(dir, 'copy.png');
    copyFileSync(job!.outputPath!, copy);
    const unknown = runCli(['--from', copy, '--data-dir', join(dir, 'fresh'), ...fast]);
    expect((await unknown.exited).code).toBe(2);
    expect(unknown.stderr.join('')).toMatch(
      /--from: copy\.png was made from wide-panorama \(sha256 [0-9a-f]{12}…\), which this data folder does not have any more; pass --input <image>/,
    );
  }, 90_000);
});
