import { validateIdeogramParams } from '@shared/catalogue';
import {
  AXIS_ORDER,
  compileSweep,
  countJobs,
  expand,
  jobAt,
  parseSweepSpec,
  type ResolvedInput,
  type SweepSpec,
  toIdeogramParams,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { randomSweep } from './random-spec';

// Grid order, so jobs can be read by their place in the grid (sweep-order.test.ts covers progressive).
const spec = (input: Record<string, unknown>): SweepSpec => {
  const result = parseSweepSpec({
    inputs: { paths: ['in'] },
    prompts: ['a cat'],
    seeds: '100',
    order: 'grid',
    ...input,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};
const inputs = (n: number): ResolvedInput[] =>
  Array.from({ length: n }, (_, index) => ({
    index,
    name: `in${index}`,
    relPath: `in${index}.png`,
    contentHash: `h${index}`,
  }));

describe('countJobs and expand', () => {
  it('multiplies every axis', () => {
    const s = spec({
      prompts: ['a {red|blue} car', 'a boat'],
      seeds: '100-104',
      styles: ['GENERAL', 'ANIME'],
      resolutions: ['RESOLUTION_1024_1024', 'RESOLUTION_1280_720', 'RESOLUTION_720_1280'],
      imageWeights: [10, 90],
      magicPrompts: ['ON', 'OFF'],
      negativePrompts: ['', 'blur'],
      palettes: [null, { name: 'EMBER' }],
    });
    expect(countJobs(s, 3)).toBe(3 * 3 * 5 * 2 * 3 * 2 * 2 * 2 * 2);
    expect(countJobs(s, 0)).toBe(0);
    expect([...expand(s, [])]).toEqual([]);
  });

  it('yields in the documented order: input > prompt > negative > style > seed > resolution > weight > magic > palette', () => {
    expect(AXIS_ORDER).toEqual([
      'input',
      'prompt',
      'negative',
      'style',
      'seed',
      'resolution',
      'imageWeight',
      'magicPrompt',
      'palette',
    ]);
    const s = spec({
      prompts: ['{a|b}'],
      seeds: '100, 200',
      styles: ['GENERAL', 'ANIME'],
      imageWeights: [10, 20],
      palettes: [null, { name: 'EMBER' }],
    });
    const jobs = [...expand(s, inputs(2))];
    expect(jobs.length).toBe(2 * 2 * 2 * 2 * 2 * 2);
    expect(jobs.map((j) => j.ordinal)).toEqual(jobs.map((_, i) => i));
    expect(jobs.slice(0, 3).map((j) => [j.palette, j.imageWeight])).toEqual([
      [null, 10],
      [{ name: 'EMBER' }, 10],
      [null, 20],
    ]);
    expect(jobs[4]!.seed).toBe(200);
    expect(jobs[8]!.style).toBe('ANIME');
    expect(jobs[16]!.prompt).toBe('b');
    expect(jobs[16]!.promptIndex).toBe(1);
    expect(jobs[32]!.inputIndex).toBe(1);
  });

  it('builds any job directly from its ordinal', () => {
    const s = spec({ prompts: ['{a|b|c} x', 'y'], seeds: '100-120', styles: ['GENERAL', 'DESIGN'] });
    const list = [...expand(s, inputs(2))];
    const sweep = compileSweep(s);
    for (const i of [0, 1, 17, 83, list.length - 1]) expect(jobAt(sweep, inputs(2), i)).toEqual(list[i]);
    expect(() => jobAt(sweep, inputs(2), list.length)).toThrow(RangeError);
  });

  it('counts a 10,000,000-job spec in under 50 ms (issue bound)', () => {
    const s = spec({
      prompts: ['a {red|green|blue|black|white} {car|boat|plane|train} in {rain|snow|sun|fog|night}'],
      seeds: '100-999999',
      styles: ['GENERAL', 'REALISTIC'],
    });
    countJobs(s, 1); // warm up the JIT so the bound measures the arithmetic, not module loading.
    const started = performance.now();
    const count = countJobs(s, 100);
    const elapsed = performance.now() - started;
    expect(count).toBeGreaterThanOrEqual(10_000_000);
    expect(elapsed).toBeLessThan(50);
  });

  it('expands lazily: the first jobs of a huge sweep come at once', () => {
    const s = spec({ prompts: ['{a|b|c|d|e|f|g|h|i|j} {a|b|c|d|e|f|g|h|i|j}'], seeds: '100-999999' });
    const iterator = expand(s, inputs(3));
    const first = iterator.next().value!;
    expect(first.ordinal).toBe(0);
    expect(iterator.next().value!.seed).toBe(101);
    iterator.return(undefined);
  });

  it('property: count equals expansion length, keys unique, every job validates against the API schema', () => {
    let tested = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { spec: s, inputs: ins } = randomSweep(seed);
      if (countJobs(s, ins.length) > 10_000) continue; // keep the run short; sizes are covered above
      tested++;
      const jobs = [...expand(s, ins)];
      expect(jobs.length).toBe(countJobs(s, ins.length));
      expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
      for (const job of jobs) {
        const checked = validateIdeogramParams(toIdeogramParams(job, 'https://example.test/in.png'));
        if (!checked.ok)
          throw new Error(`spec ${seed} job ${job.ordinal}: ${JSON.stringify(checked.issues)}`);
      }
    }
    expect(tested).toBeGreaterThan(60);
  });
});
