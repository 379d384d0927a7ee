/**
 * Runs the headless CLI (`electron/cli/sweep.ts`) as a real child process for the CLI and crash tests:
 * `node --import tsx` directly (not `npx tsx`, which would put a second process between the test and the
 * CLI, so a SIGKILL would not reach it), with the API key and data folder the test chooses, and its
 * `--json` lines collected as they arrive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface CliRun {
  child: ChildProcess;
  /** Parsed JSON lines of stdout so far (non-JSON lines are kept in `text`). */
  lines: Record<string, unknown>[];
  text: string[];
  stderr: string[];
  /** Resolves with the exit code (null when killed) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a line satisfies `match` (rejects if the process exits first). */
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Starts the CLI with `args`; `env` is added to a copy of this process's env without SEGMIND_* keys. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const base = { ...process.env };
  delete base.SEGMIND_API_KEY;
  delete base.SEGMIND_BASE_URL;
  delete base.STUDIO_DATA_DIR;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/sweep.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const run: CliRun = {
    child,
    lines: [],
    text: [],
    stderr: [],
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    waitForLine: (match) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = run.lines.find(match);
          if (hit) {
            clearInterval(timer);
            resolve(hit);
          }
        };
        const timer = setInterval(check, 5);
        check();
        void run.exited.then(() => {
          setTimeout(() => {
            clearInterval(timer);
            const hit = run.lines.find(match);
            if (hit) resolve(hit);
            else reject(new Error(`CLI exited before the line; stderr: ${run.stderr.join('')}`));
          }, 20);
        });
      }),
  };
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        run.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        run.text.push(line);
      }
      nl = buffer.indexOf('\n');
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => run.stderr.push(chunk));
  return run;
}
