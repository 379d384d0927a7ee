import {
  compileSweep,
  countJobs,
  createOutputNamer,
  DEFAULT_NAMING_TEMPLATE,
  expand,
  isReservedName,
  isSuffixFree,
  jobAt,
  MAX_RELATIVE_PATH_BYTES,
  MAX_SEGMENT_BYTES,
  paletteLabel,
  parseSweepSpec,
  planNaming,
  type ResolvedInput,
  renderOutputPath,
  type SweepSpec,
  truncateUtf8,
  utf8Bytes,
  validateTemplate,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { randomSweep, TEMPLATES } from './random-spec';

const spec = (input: Record<string, unknown>): SweepSpec => {
  const result = parseSweepSpec({ inputs: { paths: ['in'] }, prompts: ['a cat'], seeds: '100', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};
const input = (index: number, name: string, relPath = `${name}.jpg`): ResolvedInput => ({
  index,
  name,
  relPath,
  contentHash: `h${index}`,
});
const names = (s: SweepSpec, ins: ResolvedInput[], batch = 'b1') => {
  const namer = createOutputNamer(s, ins, { batch, date: '2025-01-31' });
  return [...expand(s, ins)].map(namer);
};

describe('naming template validation', () => {
  it('accepts the default and every documented token', () => {
    expect(DEFAULT_NAMING_TEMPLATE).toBe('{batch}/{input}/{input}__{style}__s{seed}__p{prompt}.png');
    expect(validateTemplate(DEFAULT_NAMING_TEMPLATE)).toEqual([]);
    expect(
      validateTemplate(
        '{batch}/{date}/{inputPath}/{input}{prompt}{promptText}{negative}{style}{seed}{resolution}{weight}{magic}{palette}{ordinal}{key}',
      ),
    ).toEqual([]);
  });

  it('rejects unknown tokens, bad braces, other extensions and unsafe shapes', () => {
    expect(validateTemplate('{input}__{colour}.png')[0]).toMatch(/unknown token \{colour\} at column 10/);
    expect(validateTemplate('{input')[0]).toMatch(/unclosed '\{' at column 1/);
    expect(validateTemplate('a}b')[0]).toMatch(/unmatched '\}'/);
    expect(validateTemplate('{input}.jpg')[0]).toMatch(/end the template in .png/);
    expect(validateTemplate('/abs/{input}')[0]).toMatch(/relative/);
    expect(validateTemplate('../{input}')[0]).toMatch(/not allowed/);
    expect(validateTemplate('{batch}/')[0]).toMatch(/file name part/);
    expect(validateTemplate('a/b/c/d/e/{input}')[0]).toMatch(/at most 4 folder levels/);
    expect(validateTemplate('  ')).toEqual(['template must not be empty']);
  });
});

describe('renderOutputPath', () => {
  it('renders the default template without a suffix when its tokens cover the varied axes', () => {
    const s = spec({ prompts: ['{a|b}'], seeds: '100, 4242', styles: ['GENERAL', 'RENDER_3D'] });
    const out = names(s, [input(0, 'cat'), input(1, 'dog')]);
    expect(out[0]).toBe('b1/cat/cat__GENERAL__s100__p1.png');
    expect(out).toContain('b1/dog/dog__RENDER_3D__s4242__p2.png');
  });

  it('appends an axis suffix for varied axes the template does not show', () => {
    const s = spec({ resolutions: ['RESOLUTION_1024_1024', 'RESOLUTION_1280_720'], imageWeights: [20, 80] });
    const out = names(s, [input(0, 'cat'), input(1, 'Cat', 'b/Cat.png')]);
    expect(out).toContain('b1/cat/cat__GENERAL__s100__p1__i0-r1024x1024-w20.png');
    expect(out).toContain('b1/Cat/Cat__GENERAL__s100__p1__i1-r1280x720-w80.png');
  });

  it('renders every token and pads indices to the sweep width', () => {
    const s = spec({
      prompts: Array.from({ length: 12 }, (_, i) => `Prompt, number ${i}!`),
      palettes: [{ members: [{ color_hex: '#112233', color_weight: 0.5 }] }],
      template:
        '{batch}/{date}/{inputPath}/{input}-{prompt}-{promptText}-{negative}-{style}-{seed}-{resolution}-{weight}-{magic}-{palette}-{ordinal}-{key}.png',
    });
    const ins = [input(0, 'cat', 'pets/house/cat.jpg')];
    const job = [...expand(s, ins)][10]!;
    const plan = planNaming(s, ins, { batch: 'B', date: '2025-01-31' });
    const path = renderOutputPath(s.template, { plan, job });
    expect(path).toBe(
      `B/2025-01-31/pets/house/cat-11-prompt-number-10-1-GENERAL-100-1024x1024-50-AUTO-${paletteLabel(job.palette)}-10-${job.key.slice(0, 8)}__p10.png`,
    );
    // {key} is not unique, so ending on it leaves nothing parseable: the varied prompt axis goes in the suffix.
    expect(paletteLabel(job.palette)).toMatch(/^custom-[0-9a-f]{6}$/);
    expect(() => renderOutputPath('{input}.png', { plan, job })).toThrow(/template differs/);
  });

  it('makes illegal characters, reserved names, dots and Unicode safe', () => {
    const s = spec({ template: '{batch}/{input}/{input}.png' });
    const [path] = names(s, [input(0, 'a<b>:c"d|e?f*g\u0001')], 'CON');
    expect(path).toBe('_CON/a_b__c_d_e_f_g_/a_b__c_d_e_f_g_.png');
    expect(names(s, [input(0, 'nul')], ' .x. ')[0]).toBe('x/_nul/_nul.png');
    expect(names(s, [input(0, 'lpt1.txt')], 'b')[0]).toBe('b/_lpt1.txt/_lpt1.txt.png');
    expect(names(s, [input(0, '.hidden')], 'b')[0]).toBe('b/hidden/_.hidden.png');
    expect(names(s, [input(0, 'cafe\u0301')], 'b')[0]).toBe('b/caf\u00e9/caf\u00e9.png');
    expect(isReservedName('com1.tar.gz')).toBe(true);
    expect(isReservedName('console')).toBe(false);
  });

  it('bounds segment and path length, cutting on code point boundaries', () => {
    const s = spec({ template: '{batch}/{input}/{inputPath}/{input}__{seed}.png' });
    const long = '\u{1F600}é'.repeat(100);
    const ins = [input(0, long, `${'deep/'.repeat(40)}${long}.png`)];
    const [path] = names(s, ins, 'x'.repeat(300));
    expect(utf8Bytes(path!)).toBeLessThanOrEqual(MAX_RELATIVE_PATH_BYTES);
    for (const segment of path!.split('/')) {
      expect(utf8Bytes(segment)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
      expect(segment).not.toMatch(/\uFFFD/);
      expect(encodeURIComponent(segment)).toBeTruthy(); // throws URIError on a lone surrogate
    }
    expect(path!.endsWith('__100.png')).toBe(true);
    expect(truncateUtf8('a\u{1F600}', 4)).toBe('a');
  });

  it('adds .png when the template has no extension', () => {
    expect(names(spec({ template: 'out/{seed}' }), [input(0, 'cat')])[0]).toBe('out/100.png');
  });

  it('treats only parseable tokens as distinguishing', () => {
    expect(isSuffixFree(['general', 'anime', 'render_3d'])).toBe(true);
    expect(isSuffixFree(['5', '15'])).toBe(false);
    // {seed}{weight}: 1001+1 and 100+11 would both read 10011 — the plan must not rely on them.
    const s = spec({ seeds: '100, 1001', imageWeights: [1, 11], template: '{seed}{weight}.png' });
    const out = names(s, [input(0, 'cat')]);
    expect(new Set(out).size).toBe(4);
    expect(out[0]).toBe('1001__s100-w1.png');
  });

  it('falls back to a suffix over every varied axis when tail and suffix cannot fit', () => {
    const s = spec({ seeds: '100-103', template: `${'x'.repeat(130)}{seed}.png` });
    const out = names(s, [input(0, 'cat')]);
    expect(out[0]).toBe(`${'x'.repeat(MAX_SEGMENT_BYTES - 11)}__s100.png`);
    expect(new Set(out).size).toBe(4);
  });

  it('property: names are unique, also case-insensitively, across many random sweeps and templates', () => {
    let checked = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const { spec: base, inputs } = randomSweep(seed);
      for (const template of [base.template, TEMPLATES[seed % TEMPLATES.length]!]) {
        const s = { ...base, template };
        if (countJobs(s, inputs.length) > 1500) continue; // keep the run short
        const out = names(s, inputs, seed % 2 ? 'Batch' : 'CON');
        const lower = new Set(out.map((n) => n.normalize('NFC').toLowerCase()));
        const upper = new Set(out.map((n) => n.normalize('NFC').toUpperCase()));
        if (lower.size !== out.length || upper.size !== out.length) {
          throw new Error(`collision for spec ${seed}, template ${template}: ${out.slice(0, 5).join(', ')}`);
        }
        for (const name of out) {
          expect(name.endsWith('.png')).toBe(true);
          expect(name).not.toMatch(/[<>:"\\|?*\u0000-\u001f]/);
          expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_RELATIVE_PATH_BYTES);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120);
  });

  it('names a job built from its ordinal like the same job from the expansion', () => {
    const s = spec({ seeds: '100-140', styles: ['GENERAL', 'ANIME'] });
    const ins = [input(0, 'cat')];
    const namer = createOutputNamer(s, ins);
    expect(namer(jobAt(compileSweep(s), ins, 57))).toBe(names(s, ins, 'batch')[57]);
  });
});
