/**
 * `npm run sweep` flags -> what to do. Every sweep axis has a flag (lists are comma-separated or the
 * flag repeated); the spec itself is validated by shared/sweep, so messages match the UI's.
 */
import { parseArgs } from 'node:util';
import { isResolution, MATCH_INPUT, PALETTE_PRESETS } from '@shared/catalogue';
import { MAX_USD_SETTING } from '@shared/economics';
import { DEFAULT_USER_LIMIT, isUserLimit, USER_LIMIT_MAX, USER_LIMIT_MIN } from '@shared/scheduling';
import { RPM_MAX, RPM_MIN } from '@shared/scheduling/request-budget';
import { DEFAULT_EXTENSIONS, type PruneTarget, parsePruneArg, SWEEP_ORDERS } from '@shared/sweep';

export const CLI_HELP = `Usage: npm run sweep -- --input <file|folder> --prompt "<text>" [options]
       npm run sweep -- --from <output.png> [options]

Sweep axes (comma-separated lists, or repeat the flag):
  --input <path>            image file or folder (repeatable)       --recursive   walk sub-folders
  --ext <list>              extensions to pick up (default ${DEFAULT_EXTENSIONS.join(',')})
  --prompt <text>           prompt, with {a|b} permutations, __wildcards__ and {caption} (repeatable)
  --negative <text>         negative prompt, same syntax (repeatable; "" for none)
  --seeds <syntax>          e.g. "100, 200-210, 300-400:10, random:8" (default random:1)
  --styles <list>           GENERAL,REALISTIC,DESIGN,RENDER_3D,ANIME (default GENERAL)
  --resolutions <list>      RESOLUTION_1024_1024, 1024x1024, or match (each input's nearest size)
                            (default 1024x1024)
  --image-weights <list>    1..100 (default 50)
  --magic <list>            AUTO,ON,OFF (default AUTO)
  --palette <p>             preset (${PALETTE_PRESETS.join(', ')}), "#RRGGBB:weight;#RRGGBB:weight", or none (repeatable)
  --sweep-seed <n>          seeds random:N (default 1)
  --wildcards-dir <folder>  where __name__ finds name.txt, after each input folder's wildcards/
                            (default: the studio's setting, or <data-dir>/wildcards)
Re-run from a PNG:
  --from <png>              re-run the job a PNG records (this studio's, or an A1111 "parameters"
                            text); any flag above overrides what it recorded, e.g. --seeds random:4.
                            The source image is found by the content hash the PNG records, or --input
Output and run:
  --out <folder>            output folder (default ./sweep-output)
  --template <t>            naming template (default {batch}/{input}/{input}__{style}__s{seed}__p{prompt}.png)
  --no-dedupe               pay again for results an earlier batch already has
  --order <o>               progressive (default: every value first, then every pair of values,
                            then the rest) or grid (input by input, in the grid's order)
  --review-after-coverage   pause once every value of every axis has a result (review, prune,
                            then --resume to go on)
  --concurrency <n>         jobs in flight (default ${DEFAULT_USER_LIMIT})
  --name <text>             batch name       --priority <n>   higher runs first
  --yes                     confirm a very large sweep, and a live run's dollars above the
                            confirmation threshold (Settings, default $5)
  --max-spend <usd>         spend cap of the batch, e.g. 12.50: submitting stops before it would
                            be passed (the batch pauses); with --resume, raises the cap
  --base-url <url>          API base (default env SEGMIND_BASE_URL, or Segmind; the simulator without a key)
  --data-dir <folder>       journal and cache (default env STUDIO_DATA_DIR, or the app-data folder)
  --simulator-latency-scale <x>  latency of the built-in simulator (default 0.02)
  --retry-scale <x>         multiply every retry and back-off delay (default 1; test suites
                            against a fast simulator use ~0.02)
  --rpm <n|discover|none>   the account's requests per minute (your Segmind plan: 5, 50, 60, 120,
                            500, 1000...); discover learns it from 429s (default with a key);
                            none sends as fast as concurrency allows (default on the simulator)
  --offline-fail-after <min>  fail jobs still waiting after an outage this long (default: wait)
Other modes:
  --resume <batch-id>       continue a batch       --list        show batches
  --prune <axis=value>      with --resume: skip the batch's pending jobs of that value, e.g.
                            style=ANIME, seed=42, prompt=0 (by index), input=cat.jpg (repeatable)
  --unprune <axis=value>    with --resume: queue the jobs such a prune skipped again (undo)
  --dry-run                 print the jobs to pay (reuse excluded), dollars and time, create nothing
  --json                    machine-readable progress and summary lines
The API key comes from env SEGMIND_API_KEY; without it the offline simulator is started in-process.`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list'; common: CommonOptions }
  | {
      kind: 'resume';
      batchId: string;
      maxSpendUsd: number | null;
      /** `--prune` targets; an input's value is still the name given (the CLI resolves it to a row id). */
      prune: PruneTarget[];
      /** `--unprune` targets (undo of an earlier prune), same form. */
      unprune: PruneTarget[];
      common: CommonOptions;
    }
  | {
      kind: 'run';
      /** The spec; with `from`, only the flags given (they override what the PNG recorded). */
      spec: Record<string, unknown>;
      /** A PNG whose recorded generation is the base of the spec. */
      from?: string;
      wildcardsDir?: string;
      dryRun: boolean;
      name?: string;
      priority: number;
      confirmLarge: boolean;
      /** Spend cap in USD (`--max-spend`); null = none. */
      maxSpendUsd: number | null;
      outDir: string;
      common: CommonOptions;
    };

export interface CommonOptions {
  json: boolean;
  concurrency: number;
  baseUrl?: string;
  dataDir?: string;
  simulatorLatencyScale?: number;
  /** Multiplies the engine's and client's retry and back-off delays. Default 1. */
  retryScale: number;
  /** `--rpm`: a number, 'discover' (null) or 'none'; undefined when not given (the backend's default). */
  requestsPerMinute?: number | null | 'none';
  /** `--offline-fail-after` in minutes; undefined = wait for ever. */
  offlineFailAfterMin?: number;
}

/** `--rpm` -> requests per minute, null (discover) or 'none'; throws on anything else. */
export function parseRpm(value: string): number | null | 'none' {
  const v = value.trim().toLowerCase();
  if (v === 'discover') return null;
  if (v === 'none') return 'none';
  const n = Number(v.replaceAll(',', ''));
  if (!Number.isFinite(n) || n < RPM_MIN || n > RPM_MAX) {
    throw new Error(`--rpm must be discover, none, or a number from ${RPM_MIN} to ${RPM_MAX}`);
  }
  return n;
}

const list = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Accepts `1024x1024` as shorthand for `RESOLUTION_1024_1024`, and `match` in any case. */
export function normaliseResolution(value: string): string {
  if (value.toLowerCase() === MATCH_INPUT) return MATCH_INPUT;
  const m = /^(\d+)x(\d+)$/i.exec(value);
  const name = m ? `RESOLUTION_${m[1]}_${m[2]}` : value.toUpperCase();
  return isResolution(name) ? name : value;
}

/** `EMBER`, `none`, or `#ff0000:0.5;#00ff00:0.3`. */
export function parsePalette(value: string): unknown {
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'none') return null;
  if (!v.includes('#')) return { name: v.toUpperCase() };
  const members = v
    .split(/[;\s]+/)
    .filter(Boolean)
    .map((part) => {
      const [hex, weight] = part.split(':');
      return { color_hex: hex, color_weight: weight === undefined ? 1 : Number(weight) };
    });
  return { members };
}

/** `--max-spend 12.50` (a leading `$` is allowed): dollars, not negative. */
function parseUsd(text: string): number {
  const value = Number(text.trim().replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_USD_SETTING)
    throw new Error(`--max-spend must be an amount in US dollars, e.g. 12.50 (got "${text}")`);
  return value;
}

/** Parses argv (without node and script). Throws with a readable message on unknown flags. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      input: { type: 'string', multiple: true },
      recursive: { type: 'boolean', default: false },
      ext: { type: 'string' },
      prompt: { type: 'string', multiple: true },
      negative: { type: 'string', multiple: true },
      seeds: { type: 'string' },
      styles: { type: 'string', multiple: true },
      resolutions: { type: 'string', multiple: true },
      'image-weights': { type: 'string', multiple: true },
      magic: { type: 'string', multiple: true },
      palette: { type: 'string', multiple: true },
      'sweep-seed': { type: 'string' },
      'wildcards-dir': { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string', default: 'sweep-output' },
      template: { type: 'string' },
      dedupe: { type: 'boolean', default: true },
      order: { type: 'string' },
      'review-after-coverage': { type: 'boolean' },
      prune: { type: 'string', multiple: true },
      unprune: { type: 'string', multiple: true },
      concurrency: { type: 'string', default: String(DEFAULT_USER_LIMIT) },
      name: { type: 'string' },
      priority: { type: 'string', default: '0' },
      yes: { type: 'boolean', default: false },
      'max-spend': { type: 'string' },
      'base-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'simulator-latency-scale': { type: 'string' },
      'retry-scale': { type: 'string', default: '1' },
      rpm: { type: 'string' },
      'offline-fail-after': { type: 'string' },
      resume: { type: 'string' },
      list: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const concurrency = Number(values.concurrency);
  if (!isUserLimit(concurrency)) {
    throw new Error(`--concurrency must be an integer from ${USER_LIMIT_MIN} to ${USER_LIMIT_MAX}`);
  }
  const retryScale = Number(values['retry-scale']);
  if (!(Number.isFinite(retryScale) && retryScale > 0 && retryScale <= 10)) {
    throw new Error('--retry-scale must be a number above 0 and at most 10');
  }
  const maxSpendUsd = values['max-spend'] === undefined ? null : parseUsd(values['max-spend']);
  const scale = values['simulator-latency-scale'];
  const failAfter = values['offline-fail-after'];
  if (failAfter !== undefined && !(Number(failAfter) > 0)) {
    throw new Error('--offline-fail-after must be a number of minutes above 0');
  }
  const common: CommonOptions = {
    json: values.json,
    concurrency,
    baseUrl: values['base-url'],
    dataDir: values['data-dir'],
    simulatorLatencyScale: scale === undefined ? undefined : Number(scale),
    retryScale,
    ...(values.rpm === undefined ? {} : { requestsPerMinute: parseRpm(values.rpm) }),
    ...(failAfter === undefined ? {} : { offlineFailAfterMin: Number(failAfter) }),
  };
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list', common };
  const targets = (flag: 'prune' | 'unprune') =>
    (values[flag] ?? []).map((text) => {
      const target = parsePruneArg(text);
      if (typeof target === 'string') throw new Error(target.replace('--prune', `--${flag}`));
      return target;
    });
  const prune = targets('prune');
  const unprune = targets('unprune');
  if ((prune.length > 0 || unprune.length > 0) && !values.resume)
    throw new Error('--prune and --unprune work on a batch: use them with --resume <batch-id>');
  if (values.resume) return { kind: 'resume', batchId: values.resume, maxSpendUsd, prune, unprune, common };
  if (!values.from && (!values.input?.length || !values.prompt?.length)) return { kind: 'help' };
  // Only what was given: with --from these override the PNG's record, else the defaults fill the rest.
  const spec: Record<string, unknown> = { dedupe: values.dedupe };
  if (values.input?.length) {
    spec.inputs = {
      paths: values.input,
      recursive: values.recursive,
      ...(values.ext ? { extensions: list([values.ext]) } : {}),
    };
  }
  if (values.prompt) spec.prompts = values.prompt;
  if (values.seeds !== undefined || !values.from) spec.seeds = values.seeds ?? 'random:1';
  if (values['sweep-seed'] !== undefined || !values.from || values.seeds !== undefined)
    spec.sweepSeed = values['sweep-seed'] === undefined ? 1 : Number(values['sweep-seed']);
  if (values.styles) spec.styles = list(values.styles).map((s) => s.toUpperCase());
  if (values.resolutions) spec.resolutions = list(values.resolutions).map(normaliseResolution);
  if (values['image-weights']) spec.imageWeights = list(values['image-weights']).map(Number);
  if (values.magic) spec.magicPrompts = list(values.magic).map((s) => s.toUpperCase());
  if (values.negative) spec.negativePrompts = values.negative;
  if (values.palette) spec.palettes = values.palette.map(parsePalette);
  if (values.template) spec.template = values.template;
  if (values['review-after-coverage'] !== undefined)
    spec.reviewAfterCoverage = values['review-after-coverage'];
  if (values.order !== undefined) {
    if (!(SWEEP_ORDERS as readonly string[]).includes(values.order))
      throw new Error(`--order must be one of ${SWEEP_ORDERS.join(', ')} (got "${values.order}")`);
    spec.order = values.order;
  }
  return {
    kind: 'run',
    spec,
    dryRun: values['dry-run'],
    name: values.name,
    priority: Number(values.priority) || 0,
    confirmLarge: values.yes,
    maxSpendUsd,
    outDir: values.out,
    common,
    ...(values.from ? { from: values.from } : {}),
    ...(values['wildcards-dir'] ? { wildcardsDir: values['wildcards-dir'] } : {}),
  };
}
