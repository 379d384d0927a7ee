/**
 * A small seeded generator of valid sweep specs and inputs for property-style tests: random axes,
 * prompts with nested/empty groups, every seed form, awkward input names and assorted templates.
 */
import { RESOLUTIONS } from '@shared/catalogue';
import { mulberry32, parseSweepSpec, type ResolvedInput, type SweepSpec } from '@shared/sweep';

export interface Random {
  int(max: number): number;
  pick<T>(values: readonly T[]): T;
  subset<T>(values: readonly T[], max: number): T[];
}

export function random(seed: number): Random {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(values: readonly T[]) => values[int(values.length)]!;
  const subset = <T>(values: readonly T[], max: number) => {
    const n = 1 + int(max);
    const out = new Set<T>();
    while (out.size < Math.min(n, values.length)) out.add(pick(values));
    return [...out];
  };
  return { int, pick, subset };
}

export const TEMPLATES = [
  '{batch}/{input}/{input}__{style}__s{seed}__p{prompt}.png',
  '{ordinal}.png',
  'out.png',
  '{seed}{weight}.png',
  '{promptText}',
  '{inputPath}/{input}_{resolution}_{magic}_{palette}_{negative}.png',
  '{batch}/{key}.png',
  '{date}/{style}-{seed}-{weight}-{resolution}-{magic}-{palette}-n{negative}-p{prompt}',
  'x{style}{magic}{palette}{resolution}.png',
  `${'long-literal-'.repeat(12)}{promptText}{seed}.png`,
  '{input}.png',
  'CON/{input}{prompt}.png',
];

const INPUT_NAMES = [
  'cat',
  'Cat',
  'dog',
  'CON',
  '.hidden',
  'a:b',
  'a_b',
  '_cat',
  'caf\u00e9',
  'cafe\u0301',
  'x'.repeat(200),
  'nul.txt',
  ' sp ',
];

let words = 0;
function promptTemplate(r: Random, k: number): string {
  const word = () => `w${words++}`;
  const group = (depth: number): string => {
    // At most one empty alternative per group, so every variant is distinct (and so is every key).
    const alts = Array.from({ length: 1 + r.int(3) }, () =>
      depth < 2 && r.int(4) === 0 ? `${word()} ${group(depth + 1)}` : word(),
    );
    if (r.int(3) === 0) alts.splice(r.int(alts.length + 1), 0, '');
    return `{${alts.join('|')}}`;
  };
  return `t${k} ${Array.from({ length: r.int(3) }, () => group(0)).join(' ')}`;
}

function seedText(r: Random): string {
  const term = () =>
    r.pick([
      () => String(100 + r.int(1000)),
      () => `${200 + r.int(50)}-${250 + r.int(6)}`,
      () => `${1000 + r.int(100)}-${1100 + r.int(100)}:${20 + r.int(60)}`,
      () => `random:${1 + r.int(4)}`,
      () => '100, 1001, 10011', // with weights 1/11 these defeat naive {seed}{weight} names
    ])();
  return Array.from({ length: 1 + r.int(2) }, term).join(r.pick([', ', ' ', ',']));
}

/** A valid spec, its inputs, and a batch name; axes kept small so a spec expands to at most a few thousand jobs. */
export function randomSweep(seed: number): { spec: SweepSpec; inputs: ResolvedInput[] } {
  const r = random(seed);
  const input = {
    paths: ['in'],
    recursive: true,
  };
  const result = parseSweepSpec({
    inputs: input,
    prompts: Array.from({ length: 1 + r.int(2) }, (_, k) => promptTemplate(r, k)),
    seeds: seedText(r),
    styles: r.subset(['GENERAL', 'REALISTIC', 'DESIGN', 'RENDER_3D', 'ANIME'], 2),
    resolutions: r.subset(RESOLUTIONS, 2),
    imageWeights: r.subset([1, 11, 5, 15, 50, 100], 2),
    magicPrompts: r.subset(['AUTO', 'ON', 'OFF'], 2),
    negativePrompts: r.subset(['', 'blurry', 'text, watermark'], 2),
    palettes: r.subset(
      [
        null,
        { name: 'EMBER' },
        { members: [{ color_hex: '#112233', color_weight: 0.5 }] },
        { members: [{ color_hex: '#112233', color_weight: 0.6 }] },
      ],
      2,
    ),
    sweepSeed: r.int(2 ** 32),
    template: r.pick(TEMPLATES),
  });
  if (!result.ok) throw new Error(`generator made an invalid spec: ${JSON.stringify(result.issues)}`);
  const inputs = Array.from({ length: 1 + r.int(4) }, (_, index) => {
    const name = r.pick(INPUT_NAMES);
    const dir = r.pick(['', 'a/', 'a/b/', 'A/']);
    return {
      index,
      name,
      relPath: `${dir}${name}.${r.pick(['jpg', 'png'])}`,
      contentHash: `hash-${seed}-${index}`,
    };
  });
  return { spec: result.value, inputs };
}
