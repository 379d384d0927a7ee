/**
 * Command line flags of the offline simulator: the help text and the mapping from flags to
 * `SimulatorOptions` (node:util parseArgs, strict, so a mistyped flag is an error, not ignored).
 */
import { parseArgs } from 'node:util';
import type { SimulatorFaults, SimulatorOptionsPatch } from './options';

export const HELP = `Segmind SIMULATOR (offline) — a loopback stand-in for Segmind's ideogram-img-2-img API.

Options (defaults in brackets):
  --host <addr>             interface to listen on [127.0.0.1]
  --port <n>                port, 0 = any free one [8787]
  --api-key <key>           accepted x-api-key, repeatable [sim-local-key]
  --forbidden-key <key>     key answered with 403, repeatable
  --latency-scale <x>       1 = real timing (median ~12.7 s) [0.02]
  --latency-sigma <x>       log-normal spread [0.25]
  --credits <usd>           credit balance in USD: a generation reserves the price at submit,
                            is charged when COMPLETED, released when FAILED; then 406 [unlimited]
  --price <usd>             price of one generation [0.10]
  --team-spend-limit <usd>  team spend limit: charged + reserved may not pass it, else 406 [none]
  --billing-fields          results carry cost and remaining_credits [off]
  --max-concurrent <n>      in-flight jobs per key before 429 [16]
  --rate <n>                submits per second per key before 429 [unlimited]
  --rpm <n>                 requests per minute per key before 429, like Segmind's plans; the
                            minute is scaled by --latency-scale [unlimited]
  --rpm-counts <what>       what --rpm counts: all (submit, status, result) or submits [all]
  --retry-after             add Retry-After (and Retry-After-Ms) to 429 answers; Segmind sends
                            only x-rate-limit-reset-at-utc [off]
  --retention-ms <n>        how long results stay readable [3600000]
  --state-dir <folder>      keep jobs in <folder>/jobs.sqlite, so they survive a restart [in memory]
  --fault-seed <n>          seed of the deterministic fault plan [1]
  --fault-5xx <p>           probability of 500/502/504 per request [0]
  --fault-429 <p>           probability that a submit opens a 429 burst [0]
  --fault-failed <p>        probability that a job ends FAILED (422, content block) [0]
  --fault-drop <p>          probability of a dropped connection [0]
  --fault-slow <p>          probability of a slowly dribbled body [0]
  --fault-truncated <p>     probability of a truncated body [0]
  --fault-html <p>          probability of a 502/503 HTML proxy page [0]
  --fault-expire <p>        probability that a result expires right after completing [0]
  --allow-remote-images     let image_file URLs reach non-loopback hosts [off]
  -h, --help                this text`;

const FAULT_FLAGS: Record<string, keyof SimulatorFaults> = {
  'fault-5xx': 'serverError',
  'fault-429': 'rateLimitBurst',
  'fault-failed': 'failed',
  'fault-drop': 'dropConnection',
  'fault-slow': 'slowBody',
  'fault-truncated': 'truncatedBody',
  'fault-html': 'htmlError',
  'fault-expire': 'expireEarly',
};

const NUMBER_FLAGS = {
  port: 'port',
  'latency-scale': 'latencyScale',
  'latency-sigma': 'latencySigma',
  credits: 'credits',
  price: 'priceUsd',
  'team-spend-limit': 'teamSpendLimitUsd',
  'max-concurrent': 'maxConcurrent',
  rate: 'ratePerSecond',
  rpm: 'requestsPerMinute',
  'retention-ms': 'retentionMs',
  'fault-seed': 'faultSeed',
} as const;

function toNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`--${flag} expects a number, got "${text}"`);
  return value;
}

/** Turns command line arguments into simulator options; throws with a readable message on bad input. */
export function parseCliOptions(argv: string[]): SimulatorOptionsPatch | 'help' {
  const string = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: string,
      'state-dir': string,
      'api-key': { type: 'string', multiple: true },
      'forbidden-key': { type: 'string', multiple: true },
      'allow-remote-images': { type: 'boolean' },
      'retry-after': { type: 'boolean' },
      'rpm-counts': string,
      'billing-fields': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys({ ...NUMBER_FLAGS, ...FAULT_FLAGS }).map((flag) => [flag, string])),
    },
  });
  if (values.help) return 'help';
  const options: SimulatorOptionsPatch & Record<string, unknown> = { port: 8787 };
  const text = values as Record<string, string | undefined>;
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    if (text[flag] !== undefined) options[key] = toNumber(flag, text[flag]);
  }
  const faults: Partial<SimulatorFaults> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    if (text[flag] === undefined) continue;
    const p = toNumber(flag, text[flag]);
    if (p < 0 || p > 1) throw new Error(`--${flag} is a probability from 0 to 1, got ${p}`);
    faults[key] = p;
  }
  if (values.host) options.host = values.host;
  if (values['state-dir']) options.stateDir = values['state-dir'];
  if (values['api-key']) options.apiKeys = values['api-key'];
  if (values['forbidden-key']) options.forbiddenKeys = values['forbidden-key'];
  if (values['allow-remote-images']) options.allowRemoteImages = true;
  if (values['retry-after']) options.retryAfter = true;
  const counts = values['rpm-counts'];
  if (counts !== undefined) {
    if (counts !== 'all' && counts !== 'submits')
      throw new Error(`--rpm-counts is all or submits, got "${counts}"`);
    options.rpmCounts = counts;
  }
  if (values['billing-fields']) options.billingFields = true;
  return { ...options, faults };
}
