/** `npm run sweep` flag parsing: every axis reaches the spec, shorthands expand, bad values are refused. */

import { DEFAULT_EXTENSIONS, parseSweepSpec } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { CLI_HELP, normaliseResolution, parseCliArgs, parsePalette } from '../../../electron/cli/cli-args';

describe('parseCliArgs', () => {
  it('maps every axis flag into the sweep spec', () => {
    const cmd = parseCliArgs([
      '--input',
      'a',
      '--input',
      'b',
      '--recursive',
      '--prompt',
      'x {1|2}',
      '--prompt',
      'y',
      '--seeds',
      '100-103',
      '--styles',
      'general,anime',
      '--resolutions',
      '1024x640,RESOLUTION_640_1024',
      '--image-weights',
      '30,70',
      '--magic',
      'off',
      '--negative',
      'blur',
      '--palette',
      'ember',
      '--palette',
      '#ff0000:0.5;#00ff00',
      '--no-dedupe',
      '--concurrency',
      '8',
      '--out',
      'o',
      '--dry-run',
    ]);
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(cmd.dryRun).toBe(true);
    expect(cmd.common.concurrency).toBe(8);
    expect(cmd.spec).toMatchObject({
      inputs: { paths: ['a', 'b'], recursive: true },
      prompts: ['x {1|2}', 'y'],
      seeds: '100-103',
      styles: ['GENERAL', 'ANIME'],
      resolutions: ['RESOLUTION_1024_640', 'RESOLUTION_640_1024'],
      imageWeights: [30, 70],
      magicPrompts: ['OFF'],
      negativePrompts: ['blur'],
      palettes: [
        { name: 'EMBER' },
        {
          members: [
            { color_hex: '#ff0000', color_weight: 0.5 },
            { color_hex: '#00ff00', color_weight: 1 },
          ],
        },
      ],
      dedupe: false,
    });
  });

  it('recognises the other modes and refuses a bad concurrency', () => {
    expect(parseCliArgs(['--resume', 'b1', '--json'])).toMatchObject({
      kind: 'resume',
      batchId: 'b1',
      common: { json: true },
    });
    expect(parseCliArgs(['--list'])).toMatchObject({ kind: 'list' });
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(() => parseCliArgs(['--input', 'a', '--prompt', 'p', '--concurrency', '0'])).toThrow(
      /concurrency/,
    );
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });

  it('reads --max-spend as dollars, for a run and for a resume', () => {
    const run = ['--input', 'a', '--prompt', 'p'];
    expect(parseCliArgs([...run, '--max-spend', '12.50'])).toMatchObject({ kind: 'run', maxSpendUsd: 12.5 });
    expect(parseCliArgs([...run, '--max-spend', '$3'])).toMatchObject({ maxSpendUsd: 3 });
    expect(parseCliArgs(run)).toMatchObject({ maxSpendUsd: null, confirmLarge: false });
    expect(parseCliArgs(['--resume', 'b1', '--max-spend', '20'])).toMatchObject({
      kind: 'resume',
      maxSpendUsd: 20,
    });
    for (const bad of ['-1', 'lots', '', '1e9'])
      expect(() => parseCliArgs([...run, '--max-spend', bad]), bad).toThrow(/--max-spend/);
  });

  it('--from keeps only the flags given, to lay over what the PNG recorded', () => {
    const cmd = parseCliArgs(['--from', 'out/x.png', '--seeds', 'random:4', '--wildcards-dir', 'w']);
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(cmd.from).toBe('out/x.png');
    expect(cmd.wildcardsDir).toBe('w');
    expect(cmd.spec).toEqual({ dedupe: true, seeds: 'random:4', sweepSeed: 1 });
    const plain = parseCliArgs(['--from', 'x.png']);
    expect(plain.kind === 'run' && plain.spec).toEqual({ dedupe: true });
    // Without --from, prompts and inputs are still required and the defaults fill the rest.
    expect(parseCliArgs(['--seeds', '100'])).toEqual({ kind: 'help' });
    const run = parseCliArgs(['--input', 'a', '--prompt', 'p']);
    expect(run.kind === 'run' && run.spec).toMatchObject({ seeds: 'random:1', sweepSeed: 1 });
  });

  it('expands shorthands', () => {
    expect(normaliseResolution('match')).toBe('match');
    expect(normaliseResolution('Match')).toBe('match');
    expect(normaliseResolution('1024x1024')).toBe('RESOLUTION_1024_1024');
    expect(normaliseResolution('999x1')).toBe('999x1'); // left for the spec validator to name
    expect(parsePalette('none')).toBeNull();
  });
});

describe('--help', () => {
  it('lists the extensions a scan really picks up by default (issue 11 §5)', () => {
    const line = CLI_HELP.split('\n').find((l) => l.trim().startsWith('--ext'));
    const listed = /\(default ([^)]*)\)/.exec(line ?? '')?.[1]?.split(',');
    const cmd = parseCliArgs(['--input', 'in', '--prompt', 'p']);
    if (cmd.kind !== 'run') throw new Error('expected a run');
    const spec = parseSweepSpec(cmd.spec);
    if (!spec.ok) throw new Error('expected a valid spec');
    expect(listed).toEqual(spec.value.inputs.extensions);
    expect(listed).toEqual([...DEFAULT_EXTENSIONS]);
    expect(listed).toContain('avif');
  });
});

describe('--order, --prune, --unprune (issue 10 §4)', () => {
  it('passes the order into the spec and refuses an unknown one', () => {
    const cmd = parseCliArgs(['--input', 'in', '--prompt', 'p', '--order', 'grid']);
    expect(cmd.kind === 'run' && cmd.spec.order).toBe('grid');
    const dflt = parseCliArgs(['--input', 'in', '--prompt', 'p']);
    expect(dflt.kind === 'run' && 'order' in dflt.spec).toBe(false); // the spec's default: progressive
    const review = parseCliArgs(['--input', 'in', '--prompt', 'p', '--review-after-coverage']);
    expect(review.kind === 'run' && review.spec.reviewAfterCoverage).toBe(true);
    expect(() => parseCliArgs(['--input', 'in', '--prompt', 'p', '--order', 'random'])).toThrow(
      '--order must be one of progressive, grid',
    );
  });

  it('reads prune targets with --resume (style upper-cased, numbers checked)', () => {
    const cmd = parseCliArgs([
      '--resume',
      'b1',
      '--prune',
      'style=anime',
      '--prune',
      'seed=42',
      '--unprune',
      'prompt=0',
    ]);
    expect(cmd).toMatchObject({
      kind: 'resume',
      prune: [
        { axis: 'style', value: 'ANIME' },
        { axis: 'seed', value: '42' },
      ],
      unprune: [{ axis: 'prompt', value: '0' }],
    });
    expect(() => parseCliArgs(['--resume', 'b1', '--prune', 'seed=abc'])).toThrow(
      '--prune seed needs a whole number',
    );
    expect(() => parseCliArgs(['--resume', 'b1', '--unprune', 'style'])).toThrow(
      '--unprune needs axis=value',
    );
    expect(() => parseCliArgs(['--input', 'in', '--prompt', 'p', '--prune', 'style=ANIME'])).toThrow(
      'use them with --resume',
    );
  });
});
