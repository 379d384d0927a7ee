/**
 * The main-process log: JSON lines in `<dataDir>/logs/main.log`, rotated by size while running (a few
 * `main.log.N` kept, see rotating-file.ts), plus plain lines on stderr when asked; unexpected errors keep
 * their stacks here instead of crossing the contract. The Segmind key must never
 * land here, so there are two layers: pino `redact` blanks the fields that carry a key by name, and a
 * last-moment scrub replaces any occurrence of a key this process has used in the finished line (a key
 * quoted inside an error message or a URL has no field name to redact).
 */
import { join } from 'node:path';
import pino, { type Level, type Logger } from 'pino';
import { openRotatingFile } from './rotating-file';

/**
 * What the engine, the scheduler and the Segmind client log through: pino's levels plus `child`, so the
 * studio logger (or a child of it) fits and each module tags its lines (`child({ module: 'scheduler' })`),
 * and {@link silentLog} where no log is wanted (tests, one-off scripts).
 */
export interface Log extends Pick<Logger, 'debug' | 'info' | 'warn' | 'error'> {
  /** A log whose lines carry `bindings` as well (pino's child logger). */
  child(bindings: Record<string, unknown>): Log;
}

/** A Log that drops everything. */
export const silentLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};

export interface LoggerOptions {
  /** The studio data folder; the log is `<dataDir>/logs/main.log`. */
  dataDir: string;
  /** Lowest level written. Default 'info' (env STUDIO_LOG_LEVEL overrides). */
  level?: Level;
  /** Also print plain one-line entries (and stacks) on stderr. Default false. */
  stderr?: boolean;
  /** Size past which main.log is rotated, while running too. Default 10 MiB. */
  maxBytes?: number;
  /** Rotated logs kept (main.log.1 … main.log.<keep>). Default 5. */
  keep?: number;
}

export type StudioLogger = Logger & {
  /** Absolute path of the log file. */
  readonly file: string;
  /**
   * The key now in use, scrubbed from every line from here on. Keys set earlier this run stay scrubbed
   * too (a rotated-out key is still a credential); null only stops adding.
   */
  setSecret(secret: string | null): void;
};

/** Field paths whose values are replaced by `[redacted]` before a line is built. */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'key',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  '["x-api-key"]',
  '*["x-api-key"]',
];

const CENSOR = '[redacted]';
/** Shorter "keys" would scrub ordinary words out of the log; real keys are far longer. */
const MIN_SECRET_LENGTH = 8;

/** Opens (creating folders as needed) the main-process log. */
export function createLogger(options: LoggerOptions): StudioLogger {
  const level = (process.env.STUDIO_LOG_LEVEL as Level | undefined) ?? options.level ?? 'info';
  const file = join(options.dataDir, 'logs', 'main.log');

  const secrets = new Set<string>();
  // Each secret as it appears raw and as it appears inside a JSON string (quotes, backslashes escaped).
  let needles: string[] = [];
  const scrub = (line: string): string => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(CENSOR);
    return out;
  };

  // Lines are scrubbed (the streamWrite hook) before they reach any stream, so rotated files are too.
  const streams: pino.StreamEntry[] = [
    { level, stream: openRotatingFile({ file, maxBytes: options.maxBytes, keep: options.keep }) },
  ];
  if (options.stderr) streams.push({ level, stream: { write: (line: string) => writePlain(line) } });
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      hooks: { streamWrite: scrub },
    },
    pino.multistream(streams),
  );

  return Object.assign(logger, {
    file,
    setSecret(secret: string | null) {
      const value = secret?.trim();
      if (!value || value.length < MIN_SECRET_LENGTH) return;
      secrets.add(value);
      needles = [...secrets].flatMap((s) => [...new Set([s, JSON.stringify(s).slice(1, -1)])]);
    },
  });
}

/** One readable stderr line per entry: time, level, message, and the stack of an `err` if any. */
function writePlain(line: string): void {
  try {
    const entry = JSON.parse(line) as {
      time?: string;
      level?: number;
      msg?: string;
      err?: { stack?: string };
    };
    const name = pino.levels.labels[entry.level ?? 30] ?? 'info';
    const stack = entry.err?.stack ? `\n${entry.err.stack}` : '';
    process.stderr.write(`${entry.time ?? ''} ${name.toUpperCase()} ${entry.msg ?? ''}${stack}\n`);
  } catch {
    process.stderr.write(line);
  }
}
