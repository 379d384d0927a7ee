/**
 * The composer's form model: image-weight and prompt-line parsing, form -> sweep spec (checked with
 * shared/sweep's parseSweepSpec, the validator main runs) and spec -> form for "duplicate" / "reuse".
 */

import { DEFAULT_IMAGE_WEIGHT } from '@shared/catalogue';
import {
  countJobs,
  DEFAULT_NAMING_TEMPLATE,
  DEFAULT_SEEDS,
  DEFAULT_SWEEP_SEED,
  expand,
  parseSweepSpec,
  type SweepSpec,
} from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import {
  buildSpec,
  type ComposerForm,
  EMPTY_FORM,
  formFromSpec,
  parseImageWeights,
  parseMaxSpend,
  promptLines,
  toggleIn,
} from '../../../renderer/src/stores/composer-form';

const SETTINGS_TEMPLATE = '{batch}/{input}__{style}__s{seed}.png';
const form = (patch: Partial<ComposerForm>): ComposerForm => ({
  ...EMPTY_FORM,
  paths: ['/photos'],
  promptsText: 'a cat',
  ...patch,
});
const parsed = (spec: unknown): SweepSpec => {
  const r = parseSweepSpec(spec);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
/** Seeds of every job over one input (what a re-run would actually send). */
const jobSeeds = (spec: SweepSpec) =>
  [...expand(spec, [{ index: 0, name: 'a', relPath: 'a.png', contentHash: 'h' }])].map((j) => j.seed);

describe('parseMaxSpend', () => {
  it('reads dollars, empty as no cap, and names a bad amount', () => {
    expect(parseMaxSpend('')).toEqual({ usd: null, error: null });
    expect(parseMaxSpend(' 12.50 ')).toEqual({ usd: 12.5, error: null });
    expect(parseMaxSpend('$3')).toEqual({ usd: 3, error: null });
    expect(parseMaxSpend('-1').error).toMatch(/dollars/);
    expect(parseMaxSpend('lots').error).toMatch(/dollars/);
  });
});

describe('parseImageWeights', () => {
  it.each([
    ['50', [50]],
    ['30, 50 70', [30, 50, 70]],
    ['  30,,50 , ', [30, 50]],
    ['20-80:20', [20, 40, 60, 80]],
    ['20-90:20', [20, 40, 60, 80]],
    ['1-3', [1, 2, 3]],
    ['5-5', [5]],
    ['1, 100', [1, 100]],
    ['50, 30-50:10', [50, 30, 40]],
  ])('reads %j', (text, values) => {
    expect(parseImageWeights(text)).toEqual({ values, error: null });
  });

  it.each([
    ['', /at least one/],
    ['   ,  ', /at least one/],
    ['abc', /not a weight/],
    ['5.5', /not a weight/],
    ['-5', /not a weight/],
    ['0', /from 1 to 100/],
    ['101', /from 1 to 100/],
    ['90-110:10', /got 110/],
    ['80-20', /goes up/],
    ['10-20:0', /goes up/],
  ])('refuses %j', (text, message) => {
    const r = parseImageWeights(text);
    expect(r.error).toMatch(message);
  });
});

describe('promptLines', () => {
  it('drops blank lines and repeats, trims, and reports 1-based source lines', () => {
    const text = '\n  a cat \n\nA dog\r\na cat\n   \n{red|blue} car';
    expect(promptLines(text)).toEqual({ prompts: ['a cat', 'A dog', '{red|blue} car'], lines: [2, 4, 7] });
  });

  it('is empty for blank text', () => {
    expect(promptLines(' \n\n ')).toEqual({ prompts: [], lines: [] });
  });
});

describe('buildSpec', () => {
  it('turns the default form (with a path and a prompt) into a valid sweep', () => {
    const spec = parsed(buildSpec(form({}), SETTINGS_TEMPLATE));
    expect(spec.template).toBe(SETTINGS_TEMPLATE);
    expect(spec.negativePrompts).toEqual(['']);
    expect(spec.palettes).toEqual([null]);
    expect(countJobs(spec, 1)).toBe(4); // random:4
  });

  it('prefers the form template over the Settings one, ignoring a blank one', () => {
    expect(buildSpec(form({ template: '  {input}.png ' }), SETTINGS_TEMPLATE).template).toBe('{input}.png');
    expect(buildSpec(form({ template: '   ' }), SETTINGS_TEMPLATE).template).toBe(SETTINGS_TEMPLATE);
  });

  it('sends negative prompts one per line, with "none" first only when asked', () => {
    const negatives = ' blur \n\nwatermark\n';
    expect(buildSpec(form({ negativeText: negatives }), '').negativePrompts).toEqual(['blur', 'watermark']);
    expect(buildSpec(form({ negativeText: negatives, alsoNoNegative: true }), '').negativePrompts).toEqual([
      '',
      'blur',
      'watermark',
    ]);
    // Asking for "also none" with no negatives written is just none.
    expect(buildSpec(form({ alsoNoNegative: true }), '').negativePrompts).toEqual(['']);
  });

  it('sends palettes as none, then presets, then custom ones; no choice at all means none', () => {
    const spec = buildSpec(
      form({
        paletteNone: true,
        palettePresets: ['EMBER', 'PASTEL'],
        customPalettes: [[{ hex: '#aabbcc', weight: 0.5 }]],
      }),
      SETTINGS_TEMPLATE,
    );
    expect(spec.palettes).toEqual([
      null,
      { name: 'EMBER' },
      { name: 'PASTEL' },
      { members: [{ color_hex: '#aabbcc', color_weight: 0.5 }] },
    ]);
    expect(parsed(spec).palettes).toHaveLength(4);
    expect(buildSpec(form({ paletteNone: false }), '').palettes).toEqual([null]);
  });

  it('falls back to the default image weight while the weights text is invalid', () => {
    expect(buildSpec(form({ imageWeightsText: '0' }), '').imageWeights).toEqual([DEFAULT_IMAGE_WEIGHT]);
    expect(buildSpec(form({ imageWeightsText: '20-40:10' }), '').imageWeights).toEqual([20, 30, 40]);
  });

  it('yields no prompts for a blank prompt box, which the validator refuses', () => {
    const spec = buildSpec(form({ promptsText: '\n \n' }), SETTINGS_TEMPLATE);
    expect(spec.prompts).toEqual([]);
    expect(parseSweepSpec(spec).ok).toBe(false);
  });
});

describe('form -> spec -> form', () => {
  const full = form({
    paths: ['/photos', '/more/cat.png'],
    recursive: true,
    promptsText: 'a {red|blue} car\na boat',
    seeds: '100, 200-210, random:3',
    sweepSeed: 77,
    styles: ['ANIME', 'GENERAL'],
    resolutions: ['RESOLUTION_1280_720', 'RESOLUTION_1024_1024'],
    imageWeightsText: '30, 70',
    magicPrompts: ['ON', 'OFF'],
    negativeText: 'blur\nwatermark',
    alsoNoNegative: true,
    paletteNone: true,
    palettePresets: ['MAGIC'],
    customPalettes: [
      [
        { hex: '#112233', weight: 1 },
        { hex: '#AABBCC', weight: 0.25 },
      ],
    ],
    template: '{input}/{seed}.png',
    dedupe: false,
    order: 'grid',
    reviewAfterCoverage: true,
  });

  it('round-trips every field the spec carries', () => {
    const back = formFromSpec(buildSpec(full, SETTINGS_TEMPLATE));
    expect(back).toEqual({ ...full, outputDir: EMPTY_FORM.outputDir, name: EMPTY_FORM.name });
  });

  it('sends the run order (progressive by default) and reads it back', () => {
    expect(buildSpec(form({}), SETTINGS_TEMPLATE).order).toBe('progressive');
    expect(buildSpec(full, SETTINGS_TEMPLATE).order).toBe('grid');
    expect(formFromSpec({}).order).toBe('progressive');
  });

  it('round-trips the default form', () => {
    const back = formFromSpec(buildSpec(form({ template: DEFAULT_NAMING_TEMPLATE }), ''));
    expect(back).toEqual(form({ template: DEFAULT_NAMING_TEMPLATE }));
  });

  it('gives the same validated sweep (and the same jobs) after a second pass', () => {
    const once = parsed(buildSpec(full, SETTINGS_TEMPLATE));
    const twice = parsed(buildSpec(formFromSpec(buildSpec(full, SETTINGS_TEMPLATE)), SETTINGS_TEMPLATE));
    expect(twice).toEqual(once);
    expect(countJobs(twice, 3)).toBe(countJobs(once, 3));
  });
});

describe('formFromSpec', () => {
  it('falls back to defaults for an empty or garbage spec', () => {
    // Seeds fall back to the sweep schema's defaults (what the stored spec meant), the rest to the form's.
    const defaults = { ...EMPTY_FORM, seeds: DEFAULT_SEEDS, sweepSeed: DEFAULT_SWEEP_SEED };
    expect(formFromSpec({})).toEqual(defaults);
    expect(
      formFromSpec({
        inputs: 'nope',
        prompts: 'a cat',
        seeds: 12,
        sweepSeed: '3',
        styles: ['NOPE'],
        resolutions: ['RESOLUTION_1_1'],
        imageWeights: ['50'],
        magicPrompts: 'ON',
        negativePrompts: [3, null],
        palettes: 'EMBER',
        template: 5,
        dedupe: 'no',
      }),
    ).toEqual(defaults);
  });

  it('keeps the good values of a partly bad list', () => {
    const f = formFromSpec({
      inputs: { paths: ['/a', 3, '/b'], recursive: 'yes' },
      styles: ['ANIME', 'NOPE', 'DESIGN'],
      resolutions: ['RESOLUTION_1_1', 'RESOLUTION_1280_720'],
      imageWeights: [10, '20', 30],
      palettes: [{ name: 'NOT_A_PRESET' }, { name: 'EMBER' }],
    });
    expect(f.paths).toEqual(['/a', '/b']);
    expect(f.recursive).toBe(false);
    expect(f.styles).toEqual(['ANIME', 'DESIGN']);
    expect(f.resolutions).toEqual(['RESOLUTION_1280_720']);
    expect(f.imageWeightsText).toBe('10, 30');
    expect(f.palettePresets).toEqual(['EMBER']);
    expect(f.paletteNone).toBe(false);
  });

  it('reads "also without a negative" only when there are real negatives too', () => {
    expect(formFromSpec({ negativePrompts: ['blur', ''] })).toMatchObject({
      negativeText: 'blur',
      alsoNoNegative: true,
    });
    expect(formFromSpec({ negativePrompts: [''] })).toMatchObject({
      negativeText: '',
      alsoNoNegative: false,
    });
    expect(formFromSpec({ negativePrompts: ['blur'] })).toMatchObject({ alsoNoNegative: false });
  });

  it('reads a spec written by the grid\'s "reuse parameters" shape', () => {
    const f = formFromSpec({
      inputs: { paths: ['/photos/cat.png'], recursive: false },
      prompts: ['a \\{literal\\}'],
      seeds: '4242',
      palettes: [null],
      dedupe: true,
    });
    expect(f).toMatchObject({ paths: ['/photos/cat.png'], promptsText: 'a \\{literal\\}', seeds: '4242' });
    expect(f.paletteNone).toBe(true);
  });

  // A stored spec is kept "as the user gave it", so a spec from the CLI or a JSON file may leave `seeds`
  // / `sweepSeed` to the schema defaults; duplicating must use those, not the form's own defaults.
  it('duplicating a spec that leaves seeds to the defaults reproduces the same seeds', () => {
    const original = { inputs: { paths: ['/photos'] }, prompts: ['a cat'] };
    const again = parsed(buildSpec(formFromSpec(original), DEFAULT_NAMING_TEMPLATE));
    expect(jobSeeds(again)).toEqual(jobSeeds(parsed(original)));
  });

  // The form has no control for `inputs.extensions`, but a duplicate must keep them.
  it('duplicating a spec keeps its input extensions', () => {
    const original = {
      inputs: { paths: ['/photos'], extensions: ['png'] },
      prompts: ['a cat'],
      seeds: '100',
    };
    const again = parsed(buildSpec(formFromSpec(original), DEFAULT_NAMING_TEMPLATE));
    expect(again.inputs.extensions).toEqual(['png']);
  });
});

describe('toggleIn', () => {
  it('adds a missing value at the end and removes a present one, without mutating', () => {
    const list = ['a', 'b'] as const;
    expect(toggleIn(list, 'c' as string)).toEqual(['a', 'b', 'c']);
    expect(toggleIn(list, 'a')).toEqual(['b']);
    expect(list).toEqual(['a', 'b']);
    expect(toggleIn([], 1)).toEqual([1]);
  });
});
