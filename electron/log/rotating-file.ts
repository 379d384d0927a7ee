/**
 * An append-only log file that rotates by size while the process runs: when the next line would take
 * `main.log` past its limit, `main.log.N-1 -> main.log.N`, …, `main.log -> main.log.1`, and a fresh
 * file is started; the oldest beyond `keep` is deleted. Writes are synchronous (a crash loses no line
 * that was logged) and never throw: a full disk must not take the studio down with its log.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingFileOptions {
  /** The live file, e.g. `<dataDir>/logs/main.log`. */
  file: string;
  /** Size past which the file is rotated. Default 10 MiB. */
  maxBytes?: number;
  /** Rotated files kept (`file.1` newest … `file.<keep>` oldest). Default 5. */
  keep?: number;
  /** Told once about the first write that failed (default: a line on stderr). */
  onError?(err: unknown): void;
}

export interface RotatingFile {
  write(line: string): void;
  close(): void;
}

export const DEFAULT_MAX_LOG_BYTES = 10 * 1024 * 1024;
export const DEFAULT_KEPT_LOGS = 5;

/** The rotated files of `file` that exist, newest first (`file.1`, `file.2`, …). */
export function rotatedLogFiles(file: string, keep = DEFAULT_KEPT_LOGS): string[] {
  const found: string[] = [];
  for (let i = 1; i <= keep; i++) if (existsSync(`${file}.${i}`)) found.push(`${file}.${i}`);
  return found;
}

/** Opens (creating folders as needed) a size-rotated log file. */
export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { file, maxBytes = DEFAULT_MAX_LOG_BYTES, keep = DEFAULT_KEPT_LOGS } = options;
  let reported = false;
  const report = (err: unknown) => {
    if (reported) return;
    reported = true;
    if (options.onError) options.onError(err);
    else process.stderr.write(`[sweep-studio] writing ${file} failed: ${String(err)}\n`);
  };

  mkdirSync(dirname(file), { recursive: true });
  let fd: number | null = openSync(file, 'a');
  let size = fstatSync(fd).size;

  const rotate = () => {
    // Closed first: Windows cannot rename an open file.
    if (fd !== null) closeSync(fd);
    fd = null;
    try {
      rmSync(`${file}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) {
        if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      }
      renameSync(file, `${file}.1`);
    } finally {
      // Rotated or not, logging goes on in main.log; a failed rotation is retried a whole limit later.
      fd = openSync(file, 'a');
      size = 0;
    }
  };

  return {
    write(line) {
      try {
        const bytes = Buffer.byteLength(line);
        if (size > 0 && size + bytes > maxBytes) {
          try {
            rotate();
          } catch (err) {
            report(err);
          }
        }
        fd ??= openSync(file, 'a');
        writeSync(fd, line);
        size += bytes;
      } catch (err) {
        report(err);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
