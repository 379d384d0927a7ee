/**
 * A real pino logger that keeps its lines in memory, for tests that check what the engine, the
 * scheduler or the Segmind client logged (module tags from `child`, levels, serialized errors).
 */
import pino from 'pino';
import type { Log } from '../../../electron/log/logger';

export interface LogLine {
  level: number;
  msg: string;
  module?: string;
  err?: { message: string; stack?: string };
  [field: string]: unknown;
}

/** pino's numeric levels, for readable assertions. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export function memoryLog(): { log: Log; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}
